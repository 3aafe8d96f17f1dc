import type { Store } from '../store/index.js';
import { newId } from '../store/index.js';
import { hashToken } from './token-hash.js';

/**
 * Makes `ADMIN_TOKEN` a working admin token: stored hashed the first time it is seen.
 * Idempotent, and safe when several processes start at once (the hash is unique).
 */
export async function ensureBootstrapToken(store: Store, token: string, now = new Date()): Promise<'created' | 'exists'> {
  const tokenHash = hashToken(token);
  if (await store.adminTokens.findByHash(tokenHash)) return 'exists';
  try {
    await store.adminTokens.create({
      id: newId('tok'),
      tokenHash,
      role: 'admin',
      label: 'bootstrap (ADMIN_TOKEN)',
      createdAt: now.toISOString(),
    });
    return 'created';
  } catch (error) {
    if (await store.adminTokens.findByHash(tokenHash)) return 'exists';
    throw error;
  }
}
