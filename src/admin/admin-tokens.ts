import type { AdminToken } from '../domain/index.js';
import type { Store } from '../store/index.js';

/** What may be shown of a token: never the token itself, nor its hash. */
export interface AdminTokenSummary {
  readonly id: string;
  readonly role: AdminToken['role'];
  readonly label: string;
  readonly createdAt: string;
  /** When it stopped working; null while it works. */
  readonly revokedAt: string | null;
  /** Set for company tokens. */
  readonly companyId?: string;
  /** True for the token made from `ADMIN_TOKEN`. */
  readonly bootstrap?: true;
}

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

/** Every admin token, oldest first, as summaries. */
export async function listAdminTokens(store: Store): Promise<AdminTokenSummary[]> {
  const tokens: AdminTokenSummary[] = [];
  for await (const token of store.adminTokens.scan()) tokens.push(summarize(token));
  return tokens.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Revokes a token (`requireAdmin` refuses it from then on) and writes who did it to the audit log.
 * Revoking a revoked token changes nothing. Throws NotFoundError for an unknown id.
 */
export async function revokeAdminToken(store: Store, id: string, options: RevokeOptions): Promise<RevokeResult> {
  const current = await store.adminTokens.require(id);
  if (current.revokedAt) return { token: summarize(current), alreadyRevoked: true };
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
  return { token: summarize(token), alreadyRevoked };
}

function summarize(token: AdminToken): AdminTokenSummary {
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
