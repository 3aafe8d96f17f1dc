import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV text (RFC 4180 quoting by csv-stringify), with a header line when `columns` is
 * given. Booleans are written `true`/`false`, which spreadsheets and people read alike (the
 * library's default is `1` and an empty cell).
 */
export function csvText(rows: readonly (readonly unknown[])[], columns?: readonly string[]): string {
  return stringify(rows as unknown[][], { ...(columns ? { header: true, columns: [...columns] } : {}), cast: { boolean: (value) => String(value) } });
}

/** Records as CSV under a header of `columns`, each cell read from the record by its column name (missing: empty). */
export function recordsCsv(records: readonly object[], columns: readonly string[]): string {
  return csvText(
    (records as readonly Record<string, unknown>[]).map((record) => columns.map((column) => record[column] ?? '')),
    columns,
  );
}
