import { z } from 'zod';
import { idSchema, isoDateTimeSchema, textSchema, timestampsShape } from './common.js';

/**
 * `accepted` is what older rows say for `hired`; new decisions are `hired` (a placement). The
 * company or the office moves an application through {@link APPLICATION_DECISIONS}.
 */
export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'accepted', 'hired', 'rejected', 'withdrawn'] as const;
/** What a company or the office may set; each one is told to the applicant. */
export const APPLICATION_DECISIONS = ['viewed', 'interview', 'hired', 'rejected'] as const;
/** Statuses that count as a placement (statistics, exports). */
export const PLACED_STATUSES = ['hired', 'accepted'] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const applicationSchema = z.object({
  id: idSchema,
  /** Cleared when the seeker deletes their data; the row stays as an anonymous count. */
  seekerId: idSchema.optional(),
  vacancyId: idSchema,
  companyId: idSchema.optional(),
  status: applicationStatusSchema,
  history: z
    .array(z.object({ status: applicationStatusSchema, at: isoDateTimeSchema, note: textSchema(500).optional() }))
    .min(1),
  /** Whether the applicant held a Bekasi KTP when applying (kept for local-hire statistics). */
  ktpBekasi: z.boolean(),
  ...timestampsShape,
});
export type Application = z.infer<typeof applicationSchema>;
