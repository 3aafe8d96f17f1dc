import { createHash } from 'node:crypto';

/** Tokens are stored as their SHA-256; a token is long and random, so no salt or slow hash is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
