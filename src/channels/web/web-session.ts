import { randomBytes } from 'node:crypto';
import { HmacSigner } from '../../runtime/hmac-signer.js';

/** A verified web chat session: whose conversation the request belongs to. */
export interface WebSession {
  /** The web chat user id the server made for this session (`web-` and 32 hex digits). */
  readonly userId: string;
}

/** What a new session hands the client: its id and the token that proves it. */
export interface IssuedWebSession extends WebSession {
  readonly token: string;
}

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
  private readonly signer: HmacSigner;

  constructor(key: Buffer) {
    this.signer = new HmacSigner(key, CONTEXT, "web session (store.secrets.getOrCreate('web-session'))");
  }

  /** A new conversation: a random id (128 bits, nothing personal in it) and its signed token. */
  issue(): IssuedWebSession {
    const userId = `web-${randomBytes(16).toString('hex')}`;
    return { userId, token: `${VERSION}.${userId}.${this.signer.sign(userId)}` };
  }

  /** The session a token proves, or undefined when it is garbled or signed with another key. */
  verify(token: string): WebSession | undefined {
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const match = TOKEN.exec(token);
    if (!match?.[1] || !match[2]) return undefined;
    return this.signer.verifies(match[1], match[2]) ? { userId: match[1] } : undefined;
  }
}
