import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RateLimitedError } from '../../errors/index.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import { pseudonym } from '../../runtime/pseudonym.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';
import { sessionOf } from './web-session-http.js';

/** How much one person, one address and one process may ask of the web chat. */
export interface WebChatLimits {
  /** Messages per session per minute, counted in Redis over all web processes. Default: 120. */
  readonly messagesPerMinute: number;
  /**
   * New conversations (messages without a session) per client address per
   * `newConversationWindowMs`, over all web processes. An office or campus behind one address
   * shares it. Default: 20.
   */
  readonly newConversationsPerIp: number;
  /** The window of `newConversationsPerIp`. Default: 10 minutes. */
  readonly newConversationWindowMs: number;
  /**
   * Open event streams per session in one process. One more closes the oldest (it gets a
   * `closed` event first, so the page does not reconnect): a person's newest tab is the one that
   * works, and a stream left by a dropped network does not lock them out. Default: 3.
   */
  readonly streamsPerSession: number;
  /** Open event streams in one process; past it a new one is refused with 503 and Retry-After. Default: 2000. */
  readonly maxStreams: number;
  /** Longest a rate-limit counter update waits for Redis before the request answers 503. Default: 2000 ms. */
  readonly redisTimeoutMs: number;
}

export const DEFAULT_WEB_CHAT_LIMITS: WebChatLimits = Object.freeze({
  messagesPerMinute: 120,
  newConversationsPerIp: 20,
  newConversationWindowMs: 10 * 60_000,
  streamsPerSession: 3,
  maxStreams: 2000,
  redisTimeoutMs: 2000,
});

/** Which limit a request went past. */
export type WebChatLimit = 'messages' | 'new-conversations';

export interface WebChatLimiterOptions {
  readonly redis: RedisClient;
  readonly limits: WebChatLimits;
  /** Prefix of the counters in Redis; web processes that share limits share it. */
  readonly prefix: string;
  /** The refusal's message, e.g. in the person's language. Default (or when it fails): a plain English one. */
  readonly refusal?: (req: Request, limit: WebChatLimit) => Promise<string>;
}

const DEFAULT_REFUSALS: Readonly<Record<WebChatLimit, string>> = {
  messages: 'too many messages; wait a minute',
  'new-conversations': 'too many new conversations from this address; keep using your session (cookie or sessionToken), or wait a few minutes',
};

/**
 * The chat API's two limiters, both run after the session was verified and before the body is
 * read: a request without a session would start a conversation and is counted per address
 * (`newConversationsPerIp`); one with a session is counted per conversation, by the verified
 * session's id (`messagesPerMinute`). Keys come from the signed session or the address, never from
 * the body, so no client-chosen string ever becomes state, and padding an id gains nothing.
 */
export function webChatLimiters({ redis, limits, prefix, refusal }: WebChatLimiterOptions): RequestHandler[] {
  const refuse = (limit: WebChatLimit): RequestHandler => (req, _res, next) => {
    const said = refusal ? refusal(req, limit).catch(() => DEFAULT_REFUSALS[limit]) : Promise.resolve(DEFAULT_REFUSALS[limit]);
    void said.then((message) => next(new RateLimitedError(message)));
  };
  const common = {
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // A store failure is a ServiceUnavailableError: 503 with Retry-After, not an unlimited pass.
    passOnStoreError: false,
  } as const;
  const newConversations = rateLimit({
    ...common,
    windowMs: limits.newConversationWindowMs,
    limit: limits.newConversationsPerIp,
    skip: (req) => sessionOf(req) !== undefined,
    keyGenerator: (req) => addressKey(req),
    store: new RedisRateLimitStore({ redis, prefix: `${prefix}new:`, timeoutMs: limits.redisTimeoutMs }),
    handler: refuse('new-conversations'),
  });
  const messages = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: limits.messagesPerMinute,
    // Without a session the address limit above applies, and only it: counting those messages per
    // address here too would cap new conversations at `messagesPerMinute` whatever was configured.
    skip: (req) => sessionOf(req) === undefined,
    keyGenerator: (req) => sessionCounterKey(sessionOf(req)?.userId ?? ''),
    store: new RedisRateLimitStore({ redis, prefix: `${prefix}msg:`, timeoutMs: limits.redisTimeoutMs }),
    handler: refuse('messages'),
  });
  return [newConversations, messages];
}

/** The client's address (behind the trusted proxy: the forwarded one); IPv6 by its /56 network, as one household or phone gets. */
function addressKey(req: Request): string {
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/** A session's message counter, hashed: it outlives an erasure by up to a minute and must not name the session then. */
export function sessionCounterKey(userId: string): string {
  return `s:${pseudonym(userId)}`;
}
