import type { AdminToken } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { newId } from '../store/index.js';
import { revokeAdminToken } from './admin-tokens.js';
import { hashToken } from './token-hash.js';

/** The label of bootstrap tokens; also how the ones stored before the `bootstrap` mark are recognised. */
export const BOOTSTRAP_LABEL = 'bootstrap (ADMIN_TOKEN)';

/**
 * - `created`: the first bootstrap token was stored;
 * - `rotated`: `ADMIN_TOKEN` changed: the new one was stored and the earlier bootstrap tokens revoked;
 * - `exists`: it was stored before and still works;
 * - `revoked`: it was stored before and has been revoked: it stays revoked, set a new `ADMIN_TOKEN`.
 */
export type BootstrapResult = 'created' | 'rotated' | 'exists' | 'revoked';

/**
 * Makes `ADMIN_TOKEN` a working admin token: stored hashed (and marked as the bootstrap token) the
 * first time it is seen. When `ADMIN_TOKEN` changed, every earlier bootstrap token is revoked and
 * the revocation audit-logged, so a rotated token stops working everywhere at the next start.
 * The new token is stored before the old ones are revoked, so there is never a moment without one.
 * A revoked token is never revived: a process still configured with an old `ADMIN_TOKEN` cannot
 * undo a rotation. Idempotent, and safe when several processes start at once (the hash is unique).
 */
export async function ensureBootstrapToken(store: Store, token: string, now = new Date()): Promise<BootstrapResult> {
  const tokenHash = hashToken(token);
  const found = await store.adminTokens.findByHash(tokenHash);
  if (found?.revokedAt) return 'revoked';
  const current = found ? await markBootstrap(store, found) : await createBootstrap(store, tokenHash, now);
  // Also when it existed: a start that crashed between storing and revoking finishes the job here.
  const revoked = await revokeEarlierBootstrapTokens(store, current.id, now);
  if (found) return 'exists';
  return revoked > 0 ? 'rotated' : 'created';
}

async function createBootstrap(store: Store, tokenHash: string, now: Date): Promise<AdminToken> {
  try {
    return await store.adminTokens.create({ id: newId('tok'), tokenHash, role: 'admin', label: BOOTSTRAP_LABEL, bootstrap: true, createdAt: now.toISOString() });
  } catch (error) {
    // Another process starting with the same ADMIN_TOKEN stored it first.
    const winner = await store.adminTokens.findByHash(tokenHash);
    if (winner) return winner;
    throw error;
  }
}

/** Tokens stored before the mark existed carry only the label; marked now so later rotations find them. */
async function markBootstrap(store: Store, token: AdminToken): Promise<AdminToken> {
  if (token.bootstrap || token.label !== BOOTSTRAP_LABEL) return token;
  return store.adminTokens.update(token.id, (t) => ({ ...t, bootstrap: true }));
}

async function revokeEarlierBootstrapTokens(store: Store, keepId: string, now: Date): Promise<number> {
  let revoked = 0;
  for await (const token of store.adminTokens.scan({ role: 'admin' })) {
    const isBootstrap = token.bootstrap === true || token.label === BOOTSTRAP_LABEL;
    if (!isBootstrap || token.id === keepId || token.revokedAt) continue;
    const result = await revokeAdminToken(store, token.id, { actor: 'system', reason: 'ADMIN_TOKEN changed', now });
    if (!result.alreadyRevoked) revoked++;
  }
  return revoked;
}
