import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { InboundHandler, Outbound } from '../../conversation/message.js';
import { parse } from '../../domain/index.js';
import type { WebPushHub } from './web-push.js';

/** A web chat id: made by the page (random), so it carries nothing personal. */
const userIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6-64 letters, digits, _ or -');

const messageSchema = z.object({
  userId: userIdSchema,
  /** Up to 20 000 characters are accepted here; the engine answers politely past its own limit. */
  text: z.string().max(20_000, 'must be at most 20000 characters'),
  /** Lets a client retry safely: the same id is handled once. Default: a new id. */
  messageId: z.string().trim().min(1).max(100).optional(),
});

export interface WebChatRouterOptions {
  readonly handler: () => InboundHandler | undefined;
  readonly push: WebPushHub;
  /** Messages per user per minute. Default: 120. */
  readonly perUserPerMinute?: number;
}

/** `POST /messages` → `{ replies }` and `GET /events?userId=` (server-sent events for pushed alerts). */
export function webChatRouter(options: WebChatRouterOptions): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.perUserPerMinute ?? 120,
    // Per chat user, so many people behind one office or campus address are not limited together.
    keyGenerator: (req) => {
      const userId = (req.body as { userId?: unknown } | undefined)?.userId;
      return typeof userId === 'string' ? `user:${userId}` : ipKeyGenerator(req.ip ?? '');
    },
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    message: { error: { code: 'loker:rate-limited', message: 'too many messages; wait a minute' } },
  });

  router.post('/messages', limiter, async (req, res) => {
    const body = parse(messageSchema, req.body, 'chat message');
    const handler = options.handler();
    if (!handler) {
      res.status(503).json({ error: { code: 'loker:not-ready', message: 'chat is starting; try again shortly' } });
      return;
    }
    const replies = await handler.handle({
      channel: 'web',
      userId: body.userId,
      messageId: body.messageId ?? randomUUID(),
      kind: 'text',
      text: body.text,
      receivedAt: new Date().toISOString(),
    });
    res.json({ replies: replies.map(toWire) });
  });

  router.get('/events', (req, res) => {
    const userId = parse(userIdSchema, req.query.userId, 'userId');
    options.push.attach(userId, res);
  });
  return router;
}

function toWire(reply: Outbound): Outbound {
  return {
    text: reply.text,
    ...(reply.choices?.length ? { choices: reply.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
    ...(reply.links?.length ? { links: reply.links } : {}),
  };
}
