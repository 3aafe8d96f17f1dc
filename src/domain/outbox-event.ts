import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** Written in the same store write as the change it announces; the alert producer expands it. */
export const outboxEventSchema = z.object({
  id: idSchema,
  type: z.enum(['vacancy-opened', 'broadcast-created', 'application-status-changed', 'report-resolved']),
  subjectId: idSchema,
  /** Which entry of the subject's history it announces (an application's status change). Default: none. */
  step: z.number().int().min(0).optional(),
  createdAt: isoDateTimeSchema,
  processedAt: isoDateTimeSchema.optional(),
});
export type OutboxEvent = z.infer<typeof outboxEventSchema>;
