import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** Written in the same store write as the change it announces; the alert producer expands it. */
export const outboxEventSchema = z.object({
  id: idSchema,
  type: z.enum(['vacancy-opened', 'broadcast-created']),
  subjectId: idSchema,
  createdAt: isoDateTimeSchema,
  processedAt: isoDateTimeSchema.optional(),
});
export type OutboxEvent = z.infer<typeof outboxEventSchema>;
