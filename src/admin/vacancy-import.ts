import fs from 'node:fs';
import readline from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { z } from 'zod';
import { educationLevelSchema, employmentTypeSchema, formatIssues, vacancySchema, type Vacancy } from '../domain/index.js';
import { DuplicateError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';

const list = z.union([
  z.array(z.string()),
  z.string().transform((s) => s.split(/[;|]/).map((t) => t.trim()).filter((t) => t !== '')),
]);

/** One vacancy as written in an import file (JSONL or CSV); lenient on form, strict on meaning. */
export const importRowSchema = z.object({
  id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/).optional(),
  title: z.string().trim().min(1).max(150),
  company: z.union([z.string().trim().min(1).transform((name) => ({ name })), z.object({ id: z.string().optional(), name: z.string().trim().min(1) })]),
  companyId: z.string().trim().min(1).max(64).optional(),
  description: z.string().default(''),
  requirements: z.string().default(''),
  requiredSkills: list.default([]),
  preferredSkills: list.default([]),
  minEducation: educationLevelSchema.optional(),
  minExperienceYears: z.coerce.number().min(0).max(40).default(0),
  kecamatan: z.string().trim().min(1).max(60),
  estate: z.string().trim().max(80).optional(),
  salaryMin: z.coerce.number().int().min(0).optional(),
  salaryMax: z.coerce.number().int().min(0).optional(),
  employmentType: employmentTypeSchema.default('PKWT'),
  quota: z.coerce.number().int().min(1).default(1),
  localQuota: z.coerce.number().int().min(0).default(0),
  /** A date (`2026-12-31`, taken as the end of that day in WIB) or a date-time. */
  deadline: z
    .string()
    .trim()
    .transform((d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T23:59:59+07:00` : d))
    .pipe(z.iso.datetime({ offset: true }))
    .optional(),
  status: z.enum(['draft', 'open', 'closed']).default('open'),
  occupationCode: z.string().regex(/^\d{1,6}$/).optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export interface ImportProblem {
  /** 1-based line (JSONL) or record (CSV, counting the header as line 1). */
  readonly line: number;
  readonly message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  readonly problems: ImportProblem[];
}

export interface ImportOptions {
  /** Canonical kecamatan name for a typed one; unknown names are reported and the row skipped. Default: accept as written. */
  readonly normalizeKecamatan?: (text: string) => string | undefined;
  /** Restricts every row to this company (company-scoped tokens). */
  readonly companyId?: string;
  /** Called every `progressEvery` rows. Default: never. */
  readonly onProgress?: (report: ImportReport, rowsRead: number) => void;
  readonly progressEvery?: number;
  readonly now?: () => Date;
}

/** Reads `file` (`.csv`, else JSON Lines) into the store: new ids are created, known ids updated, bad rows reported and skipped. */
export async function importVacancies(store: Store, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, skipped: 0, problems: [] };
  const every = options.progressEvery ?? 0;
  let read = 0;
  for await (const { line, raw } of file.endsWith('.csv') ? csvRecords(file) : jsonlRecords(file)) {
    read++;
    const problem = await importOne(store, raw, options, report);
    if (problem) {
      report.skipped++;
      report.problems.push({ line, message: problem });
    }
    if (every > 0 && read % every === 0) options.onProgress?.(report, read);
  }
  return report;
}

async function importOne(store: Store, raw: unknown, options: ImportOptions, report: ImportReport): Promise<string | undefined> {
  if (typeof raw === 'string') return raw;
  const parsed = importRowSchema.safeParse(dropEmpty(raw));
  if (!parsed.success) return formatIssues(parsed.error).join('; ');
  const row = parsed.data;
  const kecamatan = options.normalizeKecamatan ? options.normalizeKecamatan(row.kecamatan) : row.kecamatan;
  if (!kecamatan) return `kecamatan: "${row.kecamatan}" is not a known kecamatan`;
  const companyId = options.companyId ?? row.companyId ?? ('id' in row.company ? row.company.id : undefined);
  if (options.companyId && row.companyId && row.companyId !== options.companyId) return 'companyId: belongs to another company';
  const at = (options.now?.() ?? new Date()).toISOString();
  const existing = row.id ? await store.vacancies.get(row.id) : undefined;
  const vacancy = vacancySchema.safeParse(toVacancy(row, { kecamatan, companyId, at, existing }));
  if (!vacancy.success) return formatIssues(vacancy.error).join('; ');
  const wantsOpen = vacancy.data.status === 'open' && existing?.status !== 'open';
  const stored = { ...vacancy.data, status: wantsOpen ? ('draft' as const) : vacancy.data.status };
  try {
    if (existing) {
      await store.vacancies.update(existing.id, () => stored);
      report.updated++;
    } else {
      await store.vacancies.create(stored);
      report.created++;
    }
  } catch (error) {
    if (error instanceof DuplicateError) return `id: ${stored.id} already exists`;
    throw error;
  }
  // Opening separately writes the "vacancy opened" outbox event with it, so subscribers hear of it.
  if (wantsOpen) await store.vacancies.open(stored.id);
  return undefined;
}

function toVacancy(row: ImportRow, extra: { kecamatan: string; companyId: string | undefined; at: string; existing: Vacancy | undefined }): unknown {
  const { companyId: _ignored, company, ...rest } = row;
  return {
    ...rest,
    id: row.id ?? newId('vac'),
    company: { name: company.name, ...(extra.companyId ? { id: extra.companyId } : {}) },
    kecamatan: extra.kecamatan,
    source: 'import',
    ...(extra.existing?.openedAt ? { openedAt: extra.existing.openedAt } : {}),
    createdAt: extra.existing?.createdAt ?? extra.at,
    updatedAt: extra.at,
  };
}

/** CSV cells and JSON fields that are empty mean "not given". */
function dropEmpty(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null));
}

async function* jsonlRecords(file: string): AsyncGenerator<{ line: number; raw: unknown }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, raw: JSON.parse(text) as unknown };
    } catch {
      yield { line, raw: 'not valid JSON' };
    }
  }
}

async function* csvRecords(file: string): AsyncGenerator<{ line: number; raw: unknown }> {
  const parser = fs.createReadStream(file).pipe(parseCsv({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: record.info.lines, raw: record.record };
  }
}
