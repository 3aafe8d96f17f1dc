import { z } from 'zod';
import { idSchema, isoDateTimeSchema, textSchema, timestampsShape } from './common.js';

export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'accepted', 'rejected', 'withdrawn'] as const;
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
