import { createHmac, timingSafeEqual } from 'node:crypto';

/** Keys shorter than this are refused: HMAC-SHA256 wants at least its output size of key. */
export const MIN_SIGNING_KEY_BYTES = 32;

/**
 * Signs short messages with HMAC-SHA256 under a key and a context, and checks signatures in
 * constant time. The context binds a signature to one use, so the same key signing something else
 * never yields a valid one here. Sessions (web chat, admin pages) are built on it.
 */
export class HmacSigner {
  private readonly key: Buffer;

  /** `keyHint` names where the key comes from, for the error when it is too short. */
  constructor(
    key: Buffer,
    private readonly context: string,
    keyHint: string,
  ) {
    if (!Buffer.isBuffer(key) || key.length < MIN_SIGNING_KEY_BYTES) {
      throw new TypeError(`the ${keyHint} key must be a Buffer of at least ${MIN_SIGNING_KEY_BYTES} random bytes`);
    }
    // A copy, so a caller that reuses or zeroes its buffer does not change ours.
    this.key = Buffer.from(key);
  }

  /** The signature of `message`, base64url (43 characters). */
  sign(message: string): string {
    return this.mac(message).toString('base64url');
  }

  /** Whether `signature` (base64url) is `message`'s. Constant time: the time taken tells an attacker nothing about how much of a forgery was right. */
  verifies(message: string, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(message);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(message: string): Buffer {
    return createHmac('sha256', this.key).update(this.context).update(message).digest();
  }
}
