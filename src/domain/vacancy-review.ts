import { z } from 'zod';
import { idSchema, isoDateTimeSchema, textSchema } from './common.js';

/** What the fee and scam detector (admin/scam-detector.ts) can find in a posting. */
export const SCAM_REASON_CODES = [
  'fee-request',
  'data-harvest',
  'insider-placement',
  'work-from-home-pay',
  'unrealistic-pay',
  'unknown-agency',
  'personal-contact-only',
  'no-interview',
  'off-platform',
  'pressure',
] as const;
export type ScamReasonCode = (typeof SCAM_REASON_CODES)[number];

/** One reason a posting was flagged: a stable code and locale-independent details. */
export const scamReasonSchema = z.object({
  code: z.enum(SCAM_REASON_CODES),
  /** The field the words are in (`title`, `company`, `description`, `requirements`, or `salary` for pay). */
  field: z.string().max(40),
  /** The words found, lower case, as written (never a phone number: a personal contact is named by its kind). */
  words: z.string().max(200).optional(),
  /** Figures behind the reason, e.g. for pay `{ monthlyPay, ceiling }` in rupiah. */
  details: z.record(z.string(), z.union([z.string().max(100), z.number()])).optional(),
});
export type ScamReason = z.infer<typeof scamReasonSchema>;

export const REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;

/**
 * A vacancy the detector flagged: `pending` until staff look at it (it cannot be opened),
 * `approved` (it may be opened; an edit that brings new reasons asks again) or `rejected` (closed
 * for good).
 */
export const vacancyReviewSchema = z.object({
  state: z.enum(REVIEW_STATES),
  reasons: z.array(scamReasonSchema).max(50),
  flaggedAt: isoDateTimeSchema,
  /** The admin token that decided. */
  decidedBy: idSchema.optional(),
  decidedAt: isoDateTimeSchema.optional(),
  /** What the reviewer wrote (why it is fine, or why not). */
  note: textSchema(500).optional(),
});
export type VacancyReview = z.infer<typeof vacancyReviewSchema>;

/** Whether a vacancy with this review may be open. */
export function reviewAllowsOpen(review: VacancyReview | undefined): boolean {
  return review === undefined || review.state === 'approved';
}
