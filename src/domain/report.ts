import { z } from 'zod';
import { channelIdentitySchema, idSchema, isoDateTimeSchema, localeSchema, textSchema, timestampsShape } from './common.js';

/** Why a person reported a vacancy ("laporkan pungutan/penipuan"). */
export const REPORT_REASONS = ['asked-for-money', 'fake-vacancy', 'other'] as const;
export const reportReasonSchema = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof reportReasonSchema>;

/** What staff concluded; the reporter is told it in their language. */
export const REPORT_OUTCOMES = ['vacancy-closed', 'no-violation', 'other'] as const;
export const reportOutcomeSchema = z.enum(REPORT_OUTCOMES);
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;

export const REPORT_STATUSES = ['open', 'resolved'] as const;

/** Longest free text a reporter may add, and the longest note staff send back. */
export const REPORT_TEXT_MAX = 500;
/** Lines of the conversation attached to a report, at most, each cut to TRANSCRIPT_LINE_MAX characters. */
export const REPORT_TRANSCRIPT_LINES = 12;
export const TRANSCRIPT_LINE_MAX = 1000;

export const reportTranscriptLineSchema = z.object({ from: z.enum(['person', 'bot']), text: textSchema(TRANSCRIPT_LINE_MAX) });
export type ReportTranscriptLine = z.infer<typeof reportTranscriptLineSchema>;

export const reportResolutionSchema = z.object({
  outcome: reportOutcomeSchema,
  /** Told to the reporter with the outcome. */
  note: textSchema(REPORT_TEXT_MAX).optional(),
  /** The admin token (id) that resolved it. */
  resolvedBy: idSchema,
  resolvedAt: isoDateTimeSchema,
});

/**
 * A person's report that a vacancy asks for money or is not real. The reporter's chat, the text
 * and the transcript are personal data: "hapus" (erasure) drops them and the report stays as an
 * anonymous record of the vacancy, its reason and its resolution.
 */
export const reportSchema = z
  .object({
    id: idSchema,
    vacancyId: idSchema,
    /** Where the reporter is told the outcome; gone after erasure. */
    reporter: channelIdentitySchema.optional(),
    /** `channel/userId` of the reporter, to find their reports when they erase their data. */
    reporterKey: z.string().min(1).max(200).optional(),
    /** The language the reporter is told the outcome in. */
    locale: localeSchema,
    reason: reportReasonSchema,
    text: textSchema(REPORT_TEXT_MAX).optional(),
    /** The last turns of the conversation, only when the reporter agreed to attach them. */
    transcript: z.array(reportTranscriptLineSchema).max(REPORT_TRANSCRIPT_LINES).optional(),
    status: z.enum(REPORT_STATUSES),
    resolution: reportResolutionSchema.optional(),
    ...timestampsShape,
  })
  .refine((r) => (r.status === 'resolved') === (r.resolution !== undefined), { message: 'a resolved report has a resolution, an open one none', path: ['resolution'] })
  .refine((r) => (r.reporter === undefined) === (r.reporterKey === undefined), { message: 'reporter and reporterKey go together', path: ['reporterKey'] });
export type Report = z.infer<typeof reportSchema>;
