import { z } from 'zod';
import {
  channelSchema,
  idSchema,
  localeSchema,
  parse,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  REPORT_TEXT_MAX,
  reportReasonSchema,
  reportResolutionSchema,
  reportTranscriptLineSchema,
  textSchema,
  type AdminToken,
  type Report,
} from '../domain/index.js';
import { InvalidStateError } from '../errors/index.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';
import { closeVacancy, type VacancyDeps } from './vacancies.js';

/*
 * Reports of a fee asked or a fake vacancy ("laporkan pungutan/penipuan"), as staff work them:
 * list, read (with the vacancy, the reporter's channel and the chat they agreed to attach), and
 * resolve with an outcome and a note. Resolving writes its "report-resolved" outbox event in the
 * same store write (ReportRepository.resolve), so the reporter hears the outcome exactly once, on
 * their channel and in their language, through the alert queues. Staff only: the routes refuse
 * company tokens. Staff see the reporter's channel, never their chat id or phone number.
 */

const vacancySummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  companyName: z.string(),
  companyId: idSchema.optional(),
  kecamatan: z.string(),
  status: z.string(),
});

const reportShape = {
  id: idSchema,
  vacancyId: idSchema,
  /** What the vacancy is now; null once it was deleted. */
  vacancy: vacancySummarySchema.nullable(),
  /** The channel the reporter is told the outcome on; null once they erased their data. */
  channel: channelSchema.nullable(),
  /** The language the reporter is told the outcome in. */
  locale: localeSchema,
  reason: reportReasonSchema,
  status: z.enum(REPORT_STATUSES),
  resolution: reportResolutionSchema.nullable(),
  createdAt: z.string(),
};
/** A report in a list: what it is about and where it stands. */
export const reportSummarySchema = z.object(reportShape);
export type ReportSummary = z.infer<typeof reportSummarySchema>;
/** One report with what the reporter wrote and the chat they agreed to attach. */
export const reportDetailSchema = z.object({ ...reportShape, text: z.string().nullable(), transcript: z.array(reportTranscriptLineSchema).nullable() });
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportListQuerySchema = z.strictObject({
  /** `limit` default 50, at most 200. */
  ...pageQueryShape(50, 200),
  status: z.enum(REPORT_STATUSES).optional(),
  vacancyId: idSchema.optional(),
});

export const resolveReportSchema = z
  .strictObject({
    outcome: z.enum(REPORT_OUTCOMES),
    /** Told to the reporter with the outcome. */
    note: textSchema(REPORT_TEXT_MAX).optional(),
    /** Closes the vacancy too. Default: true for the outcome `vacancy-closed`, else false. */
    closeVacancy: z.boolean().optional(),
  })
  .refine((body) => !(body.outcome === 'vacancy-closed' && body.closeVacancy === false), { message: 'the outcome vacancy-closed closes the vacancy: leave closeVacancy out or true', path: ['closeVacancy'] });

export interface ResolveResult {
  readonly report: ReportDetail;
  /** Whether this resolution closed the vacancy (false when it was closed already or is gone). */
  readonly closedVacancy: boolean;
}

/** Reports newest first, a page at a time, by status and vacancy. */
export async function listReports(deps: VacancyDeps, query: unknown): Promise<Page<ReportSummary>> {
  const { limit, cursor, status, vacancyId } = parse(reportListQuerySchema, query, 'report list query');
  const page = await newestFirst((f, o) => deps.store.reports.find(f, o), { ...(status ? { status } : {}), ...(vacancyId ? { vacancyId } : {}) }, { limit, cursor });
  return { items: await Promise.all(page.items.map(async (report) => summaryOf(deps, report))), nextCursor: page.nextCursor };
}

export async function getReport(deps: VacancyDeps, id: string): Promise<ReportDetail> {
  return detailOf(deps, await deps.store.reports.require(parse(idSchema, id, 'report id')));
}

/**
 * Resolves an open report (a resolved one is 409) and, when asked or when the outcome says so,
 * closes its vacancy first, so the reporter is never told of a closing that did not happen.
 */
export async function resolveReport(deps: VacancyDeps, id: string, input: unknown, token: AdminToken): Promise<ResolveResult> {
  const { outcome, note, closeVacancy: close } = parse(resolveReportSchema, input, 'report resolution');
  const reportId = parse(idSchema, id, 'report id');
  const current = await deps.store.reports.require(reportId);
  if (current.status === 'resolved') throw new InvalidStateError('report', reportId, 'resolved', 'resolved again');
  let closedVacancy = false;
  if ((close ?? outcome === 'vacancy-closed') && (await deps.store.vacancies.get(current.vacancyId))) {
    closedVacancy = !(await closeVacancy(deps, current.vacancyId, token)).alreadyClosed;
  }
  const { report, event } = await deps.store.reports.resolve(reportId, (latest) => {
    // Another member of staff resolved it in between: theirs stands.
    if (latest.status === 'resolved') throw new InvalidStateError('report', reportId, 'resolved', 'resolved again');
    return { outcome, ...(note ? { note } : {}), resolvedBy: token.id };
  });
  await deps.store.audit.record({ actor: token.id, action: 'report.resolve', target: { type: 'report', id: reportId }, details: { outcome, closedVacancy, event: event.id, note: note !== undefined } });
  return { report: await detailOf(deps, report), closedVacancy };
}

async function summaryOf(deps: VacancyDeps, report: Report): Promise<ReportSummary> {
  const vacancy = await deps.store.vacancies.get(report.vacancyId);
  return {
    id: report.id,
    vacancyId: report.vacancyId,
    vacancy: vacancy ? { id: vacancy.id, title: vacancy.title, companyName: vacancy.company.name, ...(vacancy.company.id ? { companyId: vacancy.company.id } : {}), kecamatan: vacancy.kecamatan, status: vacancy.status } : null,
    channel: report.reporter?.channel ?? null,
    locale: report.locale,
    reason: report.reason,
    status: report.status,
    resolution: report.resolution ?? null,
    createdAt: report.createdAt,
  };
}

async function detailOf(deps: VacancyDeps, report: Report): Promise<ReportDetail> {
  return { ...(await summaryOf(deps, report)), text: report.text ?? null, transcript: report.transcript ?? null };
}
