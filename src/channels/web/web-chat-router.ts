import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { InboundHandler, Outbound } from '../../conversation/message.js';
import { parse } from '../../domain/index.js';
import { ServiceUnavailableError, SessionMismatchError, UnsupportedMediaTypeError, ValidationError } from '../../errors/index.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import { webChatLimiters, type WebChatLimit, type WebChatLimits } from './web-chat-limits.js';
import type { WebPushHub } from './web-push.js';
import type { WebSessionSigner } from './web-session.js';
import { readSession, requireSession, sessionOf, startSession } from './web-session-http.js';

const messageSchema = z.object({
  /** Up to 20 000 characters are accepted here; the engine answers politely past its own limit. */
  text: z.string({ error: 'must be the message as text, e.g. {"text": "halo"}' }).max(20_000, 'must be at most 20000 characters'),
  /** Lets a client retry safely: the same id is handled once. Default: a new id. */
  messageId: z.string().trim().min(1).max(100).optional(),
  /** Optional, and then it must be the session's own id: it never selects a conversation. */
  userId: z.string().max(100, 'must be at most 100 characters').optional(),
});

const eventsQuerySchema = z.object({ userId: z.string().max(100, 'must be at most 100 characters').optional() });

/** The largest chat message body read. Default of the chat API; the webhook has its own. */
const BODY_LIMIT = '64kb';

export interface WebChatRouterOptions {
  readonly handler: () => InboundHandler | undefined;
  readonly push: WebPushHub;
  readonly sessions: WebSessionSigner;
  readonly redis: RedisClient;
  readonly limits: WebChatLimits;
  /** Prefix of the rate-limit counters in Redis. */
  readonly rateLimitPrefix: string;
}

/**
 * `POST /messages` → `{ replies, sessionToken? }`, `GET /events` (server-sent events for pushed
 * alerts), `GET /history` (the recent conversation, for a page that reloads) and `GET /session`
 * (whose session this is). Each request goes: content type (415) →
 * session (401 for a bad one) → rate limits (429, keyed on the verified session or the address) →
 * body (64 kB JSON) → `userId` must be the session's (403). A message without a session starts a
 * new conversation: the reply sets the cookie and carries `sessionToken` for API clients.
 */
export function webChatRouter(options: WebChatRouterOptions): Router {
  const router = Router();
  const session = readSession(options.sessions);
  // Refused in the person's language: the language of their conversation, or both before one is chosen.
  const refusal = async (req: Request, limit: WebChatLimit): Promise<string> => {
    const handler = options.handler();
    const session = sessionOf(req);
    if (!handler?.textFor) throw new Error('no conversation to ask');
    return handler.textFor(session ? { channel: 'web', userId: session.userId } : undefined, limit === 'messages' ? 'error.rate-limited' : 'error.rate-limited-new');
  };
  const limiters = webChatLimiters({ redis: options.redis, limits: options.limits, prefix: options.rateLimitPrefix, refusal });
  // Replies carry a session token and personal answers: never kept by a cache on the way.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/messages', requireJson, session, ...limiters, express.json({ limit: BODY_LIMIT }), async (req, res) => {
    // A JSON array (or nothing parsed) is no message: say what to send rather than "(record): Invalid input".
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw new ValidationError('chat message', ['the body must be a JSON object such as {"text": "halo"}']);
    const body = parse(messageSchema, req.body, 'chat message');
    const existing = sessionOf(req);
    if (body.userId !== undefined && body.userId !== existing?.userId) {
      throw new SessionMismatchError(
        existing
          ? 'userId does not belong to this session; leave it out, the session says who you are'
          : 'userId belongs to no session: leave it out to start a new conversation, then send the sessionToken you get back',
      );
    }
    const handler = options.handler();
    if (!handler) throw new ServiceUnavailableError('loker:not-ready', 'chat is starting; try again shortly', { retryAfterSeconds: 2 });
    // Issued before the turn runs, so even a reply that fails (503) has set the page's cookie.
    const { userId, token } = existing ? { userId: existing.userId, token: undefined } : startSession(options.sessions, req, res);
    const replies = await handler.handle({
      channel: 'web',
      userId,
      messageId: body.messageId ?? randomUUID(),
      kind: 'text',
      text: body.text,
      receivedAt: new Date().toISOString(),
    });
    res.json({ replies: replies.map(toWire), ...(token ? { sessionToken: token } : {}) });
  });

  router.get('/events', session, (req, res) => {
    const own = requireSession(req);
    const query = parse(eventsQuerySchema, req.query, 'events query');
    if (query.userId !== undefined && query.userId !== own.userId) throw new SessionMismatchError();
    options.push.attach(own.userId, res);
  });

  // The page shows the recent conversation again after a reload: the transcript the engine keeps
  // for the session, whose last bot message is the question waiting for an answer. No session, nothing to show.
  router.get('/history', session, async (req, res) => {
    const own = sessionOf(req);
    const handler = options.handler();
    if (own && !handler) throw new ServiceUnavailableError('loker:not-ready', 'chat is starting; try again shortly', { retryAfterSeconds: 2 });
    const messages = own && handler?.transcript ? await handler.transcript({ channel: 'web', userId: own.userId }) : [];
    res.json({ messages });
  });

  router.get('/session', session, (req, res) => {
    res.json({ userId: requireSession(req).userId });
  });
  return router;
}

/** Only JSON is read: a form post (another site's CSRF attempt, or a mistake) is told what to send. */
const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : new UnsupportedMediaTypeError('application/json'));
};

function toWire(reply: Outbound): Outbound {
  return {
    text: reply.text,
    ...(reply.choices?.length ? { choices: reply.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
    ...(reply.links?.length ? { links: reply.links } : {}),
  };
}
