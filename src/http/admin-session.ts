import { createHmac, timingSafeEqual } from 'node:crypto';

/** A verified admin page session: which admin token logged in, and until when (epoch seconds). */
export interface AdminSession {
  readonly tokenId: string;
  readonly expiresAt: number;
}

/** Keys shorter than this are refused: HMAC-SHA256 wants at least its output size of key. */
export const MIN_ADMIN_SESSION_KEY_BYTES = 32;

const FORMAT = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_.-]{1,64})$/;
const MAX_LENGTH = 160;

/**
 * Short-lived admin page sessions, verified without stored state: the cookie value is
 * `v1.<expires>.<HMAC-SHA256(key, context, expires, tokenId)>.<tokenId>` (base64url MAC). It names
 * the admin token that logged in (its id, never the token), so whoever checks it can look the token
 * up and refuse it once revoked; the expiry is signed, so it cannot be stretched. `context` binds
 * a signature to one use: a queue dashboard session is not an admin dashboard session.
 */
export class AdminSessionSigner {
  private readonly key: Buffer;

  constructor(
    key: Buffer,
    private readonly context: string,
  ) {
    if (!Buffer.isBuffer(key) || key.length < MIN_ADMIN_SESSION_KEY_BYTES) {
      throw new TypeError(`the admin session key must be a Buffer of at least ${MIN_ADMIN_SESSION_KEY_BYTES} random bytes (e.g. store.secrets.getOrCreate('queue-dashboard-session'))`);
    }
    // A copy, so a caller that reuses or zeroes its buffer does not change ours.
    this.key = Buffer.from(key);
  }

  /** A session for `tokenId` that ends `ttlSeconds` from `now` (ms). */
  issue(tokenId: string, ttlSeconds: number, now = Date.now()): string {
    const expiresAt = Math.floor(now / 1000) + Math.max(1, Math.floor(ttlSeconds));
    return `v1.${expiresAt}.${this.sign(expiresAt, tokenId).toString('base64url')}.${tokenId}`;
  }

  /** The session a cookie value proves, or undefined when it is garbled, forged or expired. */
  verify(value: string, now = Date.now()): AdminSession | undefined {
    if (value.length > MAX_LENGTH) return undefined;
    const match = FORMAT.exec(value);
    if (!match?.[1] || !match[2] || !match[3]) return undefined;
    const expiresAt = Number(match[1]);
    const tokenId = match[3];
    const given = Buffer.from(match[2], 'base64url');
    const expected = this.sign(expiresAt, tokenId);
    // Constant time, so the time taken tells an attacker nothing about how much of a forgery was right.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (expiresAt * 1000 <= now) return undefined;
    return { tokenId, expiresAt };
  }

  private sign(expiresAt: number, tokenId: string): Buffer {
    return createHmac('sha256', this.key).update(`lokerbot:admin-session:v1:${this.context}\n${expiresAt}\n${tokenId}`).digest();
  }
}
