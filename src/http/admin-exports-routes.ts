import { z } from 'zod';
import { csvText } from '../admin/csv.js';
import { EXPORT_DATASET_NAMES, EXPORT_DATASETS, type ExportRow, type ExportSource } from '../admin/exports.js';
import { route, tokenOf, type AdminRoute } from './admin-route.js';
import { write } from './stream-write.js';

const FORMATS = ['csv', 'jsonl'] as const;

/**
 * Exports for the province and the ministry, for staff: `GET /exports/<dataset>.<csv|jsonl>`
 * (`wlpp`: open vacancies in the fields of the WLPP report and the national job portal).
 * Written to the response row by row as the store is read (waiting whenever the client is slower),
 * so an export of any size holds one store page in memory. Every export is in the audit log.
 */
export function exportRoutes(source: ExportSource): AdminRoute[] {
  const { store } = source;
  return [
    route({
      method: 'get',
      path: '/exports/:dataset.:format',
      tag: 'exports',
      summary: `Download ${EXPORT_DATASET_NAMES.join(', ')} as CSV or JSON Lines, streamed; seekers only if they agreed to sharing; wlpp: open vacancies with NIB, KBLI, KBJI and the verified flag (${EXPORT_DATASETS.wlpp.columns.join(', ')})`,
      roles: ['admin', 'operator'],
      params: z.object({ dataset: z.enum(EXPORT_DATASET_NAMES), format: z.enum(FORMATS) }),
      responses: { 200: { description: 'one row (CSV, with a header) or one JSON object (JSON Lines) per record', contentType: 'text/csv' } },
      handler: async (input, res) => {
        const { dataset, format } = input.params;
        const { columns, rows } = EXPORT_DATASETS[dataset];
        await store.audit.record({ actor: tokenOf(input).id, action: 'export.download', target: { type: 'export', id: dataset }, details: { format } });
        const day = new Date().toISOString().slice(0, 10);
        res.attachment(`lokerbot-${dataset}-${day}.${format}`).type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
        if (format === 'csv') await write(res, csvText([], columns));
        for await (const row of rows(source)) {
          if (res.destroyed) return;
          await write(res, format === 'csv' ? csvText([columns.map((c) => row[c] ?? '')]) : `${JSON.stringify(ordered(row, columns))}\n`);
        }
        res.end();
      },
    }),
  ];
}

function ordered(row: ExportRow, columns: readonly string[]): ExportRow {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}
