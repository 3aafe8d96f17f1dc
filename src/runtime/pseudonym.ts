import { createHash, createHmac } from 'node:crypto';

/**
 * A short stand-in (22 base64url characters, 132 bits) for an identifier in a Redis key, so the key
 * never names a person. With `key`, a keyed HMAC: needed for chat ids and phone numbers, which an
 * unkeyed hash would give away to anyone trying every number. Without, a plain SHA-256: enough for
 * ids that are random already (web chat ids).
 */
export function pseudonym(value: string, key?: Buffer): string {
  const digest = key ? createHmac('sha256', key).update(value) : createHash('sha256').update(value);
  return digest.digest('base64url').slice(0, 22);
}
