import { HmacSigner } from '../runtime/hmac-signer.js';

/** A verified admin page session: which admin token logged in, and until when (epoch seconds). */
export interface AdminSession {
  readonly tokenId: string;
  readonly expiresAt: number;
}

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
  private readonly signer: HmacSigner;

  constructor(key: Buffer, context: string) {
    this.signer = new HmacSigner(key, `lokerbot:admin-session:v1:${context}\n`, "admin session (e.g. store.secrets.getOrCreate('queue-dashboard-session'))");
  }

  /** A session for `tokenId` that ends `ttlSeconds` from `now` (ms). */
  issue(tokenId: string, ttlSeconds: number, now = Date.now()): string {
    const expiresAt = Math.floor(now / 1000) + Math.max(1, Math.floor(ttlSeconds));
    return `v1.${expiresAt}.${this.signer.sign(`${expiresAt}\n${tokenId}`)}.${tokenId}`;
  }

  /** The session a cookie value proves, or undefined when it is garbled, forged or expired. */
  verify(value: string, now = Date.now()): AdminSession | undefined {
    if (value.length > MAX_LENGTH) return undefined;
    const match = FORMAT.exec(value);
    if (!match?.[1] || !match[2] || !match[3]) return undefined;
    const expiresAt = Number(match[1]);
    const tokenId = match[3];
    if (!this.signer.verifies(`${expiresAt}\n${tokenId}`, match[2])) return undefined;
    if (expiresAt * 1000 <= now) return undefined;
    return { tokenId, expiresAt };
  }
}
