import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A verified web chat session: whose conversation the request belongs to. */
export interface WebSession {
  /** The web chat user id the server made for this session (`web-` and 32 hex digits). */
  readonly userId: string;
}

/** What a new session hands the client: its id and the token that proves it. */
export interface IssuedWebSession extends WebSession {
  readonly token: string;
}

/** Keys shorter than this are refused: HMAC-SHA256 wants at least its output size of key. */
export const MIN_SESSION_KEY_BYTES = 32;

const VERSION = 'v1';
/** Binds a signature to this use and format, so the same key signing something else never yields a session. */
const CONTEXT = 'lokerbot:web-session:v1:';
const TOKEN = /^v1\.(web-[0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;
/** Longer than any token this class makes; anything longer is refused before any work. */
const MAX_TOKEN_LENGTH = 128;

/**
 * Server-issued web chat sessions, verified without any stored state: the token is
 * `v1.<userId>.<HMAC-SHA256(key, context + userId)>` (base64url). Only ids this server made can be
 * signed, so a person can only ever talk as the conversation the server gave them. Rotating the key
 * ends every session at once (the page then starts a new conversation).
 */
export class WebSessionSigner {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length < MIN_SESSION_KEY_BYTES) {
      throw new TypeError(`the web session key must be a Buffer of at least ${MIN_SESSION_KEY_BYTES} random bytes (e.g. store.secrets.getOrCreate('web-session'))`);
    }
    // A copy, so a caller that reuses or zeroes its buffer does not change ours.
    this.key = Buffer.from(key);
  }

  /** A new conversation: a random id (128 bits, nothing personal in it) and its signed token. */
  issue(): IssuedWebSession {
    const userId = `web-${randomBytes(16).toString('hex')}`;
    return { userId, token: `${VERSION}.${userId}.${this.sign(userId).toString('base64url')}` };
  }

  /** The session a token proves, or undefined when it is garbled or signed with another key. */
  verify(token: string): WebSession | undefined {
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const match = TOKEN.exec(token);
    if (!match?.[1] || !match[2]) return undefined;
    const userId = match[1];
    const given = Buffer.from(match[2], 'base64url');
    const expected = this.sign(userId);
    // Constant time, so the time taken tells an attacker nothing about how much of a forgery was right.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { userId };
  }

  private sign(userId: string): Buffer {
    return createHmac('sha256', this.key).update(CONTEXT).update(userId).digest();
  }
}
