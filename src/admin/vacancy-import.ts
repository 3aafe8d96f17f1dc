import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { PostingWarningPolicy } from '../config/index.js';
import { educationLevelSchema, employmentTypeSchema, formatIssues, vacancySchema, type Vacancy } from '../domain/index.js';
import { DuplicateError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';
import { ensureCompany } from './companies.js';
import { importRecords, type ImportFormat } from './import-sources.js';
import { jobPostingToRow, unwrapListItem } from './job-posting.js';
import { hasDiscriminatingWording, lintPosting, type LintWarning } from './posting-linter.js';
import { ReadCache } from './read-cache.js';
import { companyIsVerified, screenPosting } from './vacancy-review.js';

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

/** Columns of the CSV template, in order: every field of a row, and `overrideReason`. */
export const IMPORT_COLUMNS = [...Object.keys(importRowSchema.shape), 'overrideReason'] as const;

export interface ImportProblem {
  /** Where the record is (see ImportRecord.row). */
  readonly row: number;
  readonly message: string;
}

export interface ImportRowWarnings {
  readonly row: number;
  readonly vacancyId: string;
  readonly warnings: readonly { readonly code: string; readonly words?: string }[];
  /** Asked to be open, kept as a draft: its wording discriminates and the row gave no overrideReason. */
  readonly heldAsDraft: boolean;
}

/** A row the fee and scam detector flagged: stored as a draft waiting for review, whatever its status asked. */
export interface ImportRowReview {
  readonly row: number;
  readonly vacancyId: string;
  readonly reasons: readonly { readonly code: string; readonly words?: string }[];
}

export interface ImportReport {
  /** Records read (rows, postings). */
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  /** Rows kept as drafts for their discriminating wording (policy `reason`, no overrideReason). */
  heldAsDraft: number;
  /** Rows the fee and scam detector flagged: kept as drafts until staff review them. */
  flagged: number;
  /** The first {@link ImportOptions.maxListed} problems; `omitted.problems` counts the rest. */
  readonly problems: ImportProblem[];
  /** The first {@link ImportOptions.maxListed} rows with linter warnings; `omitted.warnings` counts the rest. */
  readonly warnings: ImportRowWarnings[];
  /** The first {@link ImportOptions.maxListed} flagged rows, with the detector's reasons; `omitted.flagged` counts the rest. */
  readonly flaggedRows: ImportRowReview[];
  readonly omitted: { problems: number; warnings: number; flagged: number };
}

export interface ImportOptions {
  /** Canonical kecamatan name for a typed one; unknown names are reported and the row skipped. Default: accept as written. */
  readonly normalizeKecamatan?: (text: string) => string | undefined;
  /** Restricts every row to this company (company-scoped tokens). */
  readonly companyId?: string;
  /** Who imports, for the audit lines of rows opened despite their wording: an admin token id or `cli`. Default: `cli`. */
  readonly actor?: string;
  /** `reason`: a row that would be open with discriminating wording and no overrideReason is kept as a draft. Default: `inform`. */
  readonly policy?: PostingWarningPolicy;
  /** Where stored rows come from: `import` (a file) or `company` (a company's upload). Default: `import`. */
  readonly source?: 'import' | 'company';
  /** Kabupaten Bekasi's UMK (`UMK_RUPIAH`), the fee and scam detector's yardstick for pay. Default: DEFAULT_UMK_RUPIAH. */
  readonly umkRupiah?: number;
  /** Problems and warned rows kept in the report, each. Default: 1000 (a 50,000-row file's report stays small). */
  readonly maxListed?: number;
  /** Told of every problem as it is found (the CLI prints them all). Default: none. */
  readonly onProblem?: (problem: ImportProblem) => void;
  /** Called every `progressEvery` rows. Default: never. */
  readonly onProgress?: (report: ImportReport, rowsRead: number) => void;
  readonly progressEvery?: number;
  readonly now?: () => Date;
}

/** Reads `file` (`.csv`, `.jsonld`/`.json` as JSON-LD, else JSON Lines) into the store. */
export async function importVacancies(store: Store, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const format: ImportFormat = file.endsWith('.csv') ? 'csv' : /\.json(?:ld)?$/.test(file) ? 'jsonld' : 'jsonl';
  return importStream(store, format, fs.createReadStream(file), options);
}

/**
 * Imports records one at a time as they are read from `input`: new ids are created, known ids
 * updated, bad rows reported with their row and skipped, every good row kept. Each row is linted;
 * its warnings are reported. Nothing holds more than one record, so the file's size does not
 * matter; the report keeps at most `maxListed` problems and warned rows.
 */
export async function importStream(store: Store, format: ImportFormat, input: Readable, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { rows: 0, created: 0, updated: 0, skipped: 0, heldAsDraft: 0, flagged: 0, problems: [], warnings: [], flaggedRows: [], omitted: { problems: 0, warnings: 0, flagged: 0 } };
  const verified = new ReadCache((id) => companyIsVerified(store, id));
  const screening = { store, ...(options.umkRupiah ? { umkRupiah: options.umkRupiah } : {}), verified: (id: string) => verified.get(id) };
  const maxListed = options.maxListed ?? 1000;
  const every = options.progressEvery ?? 0;
  const findKecamatan = options.normalizeKecamatan ?? ((text: string) => text);
  for await (const { row, raw } of importRecords(format, input)) {
    report.rows++;
    const mapped = format === 'jsonld' ? fromJobPosting(raw, findKecamatan) : raw;
    const outcome = await importOne(store, mapped, options, screening);
    if (typeof outcome === 'string') {
      report.skipped++;
      const problem = { row, message: outcome };
      options.onProblem?.(problem);
      if (report.problems.length < maxListed) report.problems.push(problem);
      else report.omitted.problems++;
    } else {
      report[outcome.created ? 'created' : 'updated']++;
      if (outcome.heldAsDraft) report.heldAsDraft++;
      if (outcome.flagged) {
        report.flagged++;
        const entry = { row, vacancyId: outcome.id, reasons: outcome.flagged.map(({ code, words }) => (words ? { code, words } : { code })) };
        if (report.flaggedRows.length < maxListed) report.flaggedRows.push(entry);
        else report.omitted.flagged++;
      }
      if (outcome.warnings.length > 0) {
        const entry = { row, vacancyId: outcome.id, warnings: outcome.warnings.map(({ code, words }) => (words ? { code, words } : { code })), heldAsDraft: outcome.heldAsDraft };
        if (report.warnings.length < maxListed) report.warnings.push(entry);
        else report.omitted.warnings++;
      }
    }
    if (every > 0 && report.rows % every === 0) options.onProgress?.(report, report.rows);
  }
  return report;
}

function fromJobPosting(raw: unknown, findKecamatan: (text: string) => string | undefined): unknown {
  if (typeof raw === 'string') return raw;
  const mapped = jobPostingToRow(unwrapListItem(raw), findKecamatan);
  return 'problem' in mapped ? mapped.problem : mapped.row;
}

interface Imported {
  readonly id: string;
  readonly created: boolean;
  readonly warnings: readonly LintWarning[];
  readonly heldAsDraft: boolean;
  /** The detector's reasons, when it flagged the row. */
  readonly flagged?: NonNullable<Vacancy['review']>['reasons'];
}

interface Screening {
  readonly store: Store;
  readonly umkRupiah?: number;
  /** Whether a company is verified, remembered for the rest of the file. */
  readonly verified: (companyId: string) => Promise<boolean>;
}

/** Stores one row, or says what is wrong with it. */
async function importOne(store: Store, raw: unknown, options: ImportOptions, screening: Screening): Promise<Imported | string> {
  if (typeof raw === 'string') return raw;
  const parsed = importRowSchema.extend({ overrideReason: z.string().trim().max(200).optional() }).safeParse(dropEmpty(raw));
  if (!parsed.success) return formatIssues(parsed.error).join('; ');
  const { overrideReason, ...row } = parsed.data;
  const kecamatan = options.normalizeKecamatan ? options.normalizeKecamatan(row.kecamatan) : row.kecamatan;
  if (!kecamatan) return `kecamatan: "${row.kecamatan}" is not a known kecamatan`;
  const companyId = options.companyId ?? row.companyId ?? ('id' in row.company ? row.company.id : undefined);
  if (options.companyId && row.companyId && row.companyId !== options.companyId) return 'companyId: belongs to another company';
  const now = options.now?.() ?? new Date();
  const at = now.toISOString();
  const existing = row.id ? await store.vacancies.get(row.id) : undefined;
  if (existing && options.companyId && existing.company.id !== options.companyId) return `id: ${existing.id} belongs to another company`;
  const vacancy = vacancySchema.safeParse(toVacancy(row, { kecamatan, companyId, at, existing, source: options.source ?? 'import' }));
  if (!vacancy.success) return formatIssues(vacancy.error).join('; ');
  const warnings = lintPosting(vacancy.data, now);
  const review = await screenPosting(screening, vacancy.data, existing?.review, at, screening.verified);
  const underReview = review !== undefined && review.state !== 'approved';
  const heldAsDraft = !underReview && vacancy.data.status === 'open' && (options.policy ?? 'inform') === 'reason' && !overrideReason && hasDiscriminatingWording(warnings);
  const status = heldAsDraft || (underReview && vacancy.data.status === 'open') ? 'draft' : vacancy.data.status;
  const wantsOpen = status === 'open' && existing?.status !== 'open';
  const stored: Vacancy = { ...vacancy.data, ...(review ? { review } : {}), status: wantsOpen ? 'draft' : status };
  try {
    await ensureCompany(store, stored.company);
    if (existing) await store.vacancies.update(existing.id, () => stored);
    else await store.vacancies.create(stored);
  } catch (error) {
    if (error instanceof DuplicateError) return `id: ${stored.id} already exists`;
    throw error;
  }
  // Opening separately writes the "vacancy opened" outbox event with it, so subscribers hear of it.
  if (wantsOpen) {
    const { event } = await store.vacancies.open(stored.id);
    if (overrideReason && hasDiscriminatingWording(warnings)) {
      await store.audit.record({ actor: options.actor ?? 'cli', action: 'vacancy.open', target: { type: 'vacancy', id: stored.id }, details: { event: event.id, overrideReason, via: 'import' } });
    }
  }
  return { id: stored.id, created: !existing, warnings, heldAsDraft, ...(review?.state === 'pending' ? { flagged: review.reasons } : {}) };
}

function toVacancy(row: ImportRow, extra: { kecamatan: string; companyId: string | undefined; at: string; existing: Vacancy | undefined; source: Vacancy['source'] }): unknown {
  const { companyId: _ignored, company, ...rest } = row;
  return {
    ...rest,
    id: row.id ?? newId('vac'),
    company: { name: company.name, ...(extra.companyId ? { id: extra.companyId } : {}) },
    kecamatan: extra.kecamatan,
    source: extra.source,
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
