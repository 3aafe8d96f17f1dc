import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ADMIN_ROLES, adminTokenSchema, idSchema, isoDateTimeSchema, parse, type AdminToken } from '../domain/index.js';
import { newId, type Store } from '../store/index.js';
import { hashToken } from './token-hash.js';

/** What may be shown of a token: never the token itself, nor its hash. */
export const adminTokenSummarySchema = z.object({
  id: idSchema,
  role: z.enum(ADMIN_ROLES),
  label: z.string(),
  createdAt: isoDateTimeSchema,
  /** When it stopped working; null while it works. */
  revokedAt: isoDateTimeSchema.nullable(),
  /** Set for company tokens. */
  companyId: idSchema.optional(),
  /** True for the token made from `ADMIN_TOKEN`. */
  bootstrap: z.literal(true).optional(),
});
export type AdminTokenSummary = Readonly<z.infer<typeof adminTokenSummarySchema>>;

export interface RevokeOptions {
  /** Who revokes, for the audit log: an admin token id, `system` or `cli`. */
  readonly actor: string;
  /** Why, for the audit log (ids and words only, never personal data). Default: none. */
  readonly reason?: string;
  /** Default: now. */
  readonly now?: Date;
}

export interface RevokeResult {
  readonly token: AdminTokenSummary;
  /** True when it had been revoked before: nothing was changed. */
  readonly alreadyRevoked: boolean;
}

const tokenShape = adminTokenSchema.shape;

/**
 * A new token as an admin (API) or the command line asks for it: a role, a name people recognise,
 * and for a company token the company it is limited to. Unknown fields are refused.
 */
export const newTokenInputSchema = z
  .strictObject({
    role: tokenShape.role,
    /** Shown in listings and the audit log, e.g. "Loket Cikarang" or "HRD PT Astra Daihatsu". */
    name: tokenShape.label.pipe(z.string().min(1)),
    /** Required for, and only for, `company` tokens. */
    companyId: tokenShape.companyId,
  })
  .refine((t) => (t.role === 'company') === (t.companyId !== undefined), {
    message: 'a company token needs companyId, and only company tokens have one',
    path: ['companyId'],
  });
export type NewTokenInput = z.input<typeof newTokenInputSchema>;

export interface CreatedToken {
  /** The bearer token itself: shown this once, stored only as its hash. */
  readonly token: string;
  readonly summary: AdminTokenSummary;
}

/** Random bytes in a token: 256 bits, beyond guessing, so a plain SHA-256 is enough to store it (token-hash.ts). */
const TOKEN_BYTES = 32;

/**
 * Makes a token with `role` and stores its hash; the token is returned once and never again.
 * `actor` (an admin token id, or `cli`) is written to the audit log with the new token's id.
 */
export async function createAdminToken(store: Store, input: unknown, actor: string, now = new Date()): Promise<CreatedToken> {
  const { role, name, companyId } = parse(newTokenInputSchema, input, 'token');
  // A prefix says what the string is when it turns up in a config file or a leak scanner.
  const token = `lkb_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  const stored = await store.adminTokens.create({
    id: newId('tok'),
    tokenHash: hashToken(token),
    role,
    label: name,
    ...(companyId ? { companyId } : {}),
    createdAt: now.toISOString(),
  });
  await store.audit.record({ actor, action: 'admin-token.create', target: { type: 'admin-token', id: stored.id }, details: { role, ...(companyId ? { companyId } : {}) } });
  return { token, summary: summarizeToken(stored) };
}

/** Every admin token, oldest first, as summaries. */
export async function listAdminTokens(store: Store): Promise<AdminTokenSummary[]> {
  const tokens: AdminTokenSummary[] = [];
  for await (const token of store.adminTokens.scan()) tokens.push(summarizeToken(token));
  return tokens.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Revokes a token (`requireAdmin` refuses it from then on) and writes who did it to the audit log.
 * Revoking a revoked token changes nothing. Throws NotFoundError for an unknown id.
 */
export async function revokeAdminToken(store: Store, id: string, options: RevokeOptions): Promise<RevokeResult> {
  const current = await store.adminTokens.require(id);
  if (current.revokedAt) return { token: summarizeToken(current), alreadyRevoked: true };
  const revokedAt = (options.now ?? new Date()).toISOString();
  let alreadyRevoked = false;
  // Re-checked inside the update: another process may revoke it between the read and the write.
  const token = await store.adminTokens.update(id, (t) => {
    alreadyRevoked = t.revokedAt !== undefined;
    return alreadyRevoked ? t : { ...t, revokedAt };
  });
  if (!alreadyRevoked) {
    await store.audit.record({
      actor: options.actor,
      action: 'admin-token.revoke',
      target: { type: 'admin-token', id },
      ...(options.reason ? { details: { reason: options.reason } } : {}),
    });
  }
  return { token: summarizeToken(token), alreadyRevoked };
}

/** What may be shown of a token. */
export function summarizeToken(token: AdminToken): AdminTokenSummary {
  return {
    id: token.id,
    role: token.role,
    label: token.label,
    createdAt: token.createdAt,
    revokedAt: token.revokedAt ?? null,
    ...(token.companyId ? { companyId: token.companyId } : {}),
    ...(token.bootstrap ? { bootstrap: true as const } : {}),
  };
}
