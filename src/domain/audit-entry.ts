import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** Who did what to which record. Holds ids only, never personal data. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  /** Admin token id, `system`, or `seeker:<id>`. */
  actor: z.string().min(1).max(100),
  action: z.string().min(1).max(60),
  target: z.object({ type: z.string().min(1).max(40), id: z.string().min(1).max(64) }),
  details: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
