import { z } from 'zod';
import { idSchema, isoDateTimeSchema, textSchema } from './common.js';

export const ADMIN_ROLES = ['admin', 'operator', 'company'] as const;

/** An API token. Only its SHA-256 hash is stored; the token itself is shown once. */
export const adminTokenSchema = z
  .object({
    id: idSchema,
    tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
    role: z.enum(ADMIN_ROLES),
    /** Set for `company` tokens: they see and change only this company's vacancies. */
    companyId: idSchema.optional(),
    label: textSchema(100),
    /**
     * Set on the token made from `ADMIN_TOKEN`: when that variable changes, the service revokes the
     * bootstrap tokens it made before. Default: not a bootstrap token.
     */
    bootstrap: z.literal(true).optional(),
    createdAt: isoDateTimeSchema,
    lastUsedAt: isoDateTimeSchema.optional(),
    revokedAt: isoDateTimeSchema.optional(),
  })
  .refine((t) => (t.role === 'company') === (t.companyId !== undefined), {
    message: 'a company token needs companyId, and only company tokens have one',
    path: ['companyId'],
  });
export type AdminToken = z.infer<typeof adminTokenSchema>;
