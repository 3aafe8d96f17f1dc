import crypto from 'node:crypto';
import express, { type Router } from 'express';
import type { Update } from 'telegraf/types';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Handles one update; resolves when it was handled, or returns false while the adapter is not running. */
export type WebhookUpdateHandler = (update: Update) => Promise<void> | false;

/**
 * Largest update read. Telegram's updates are far smaller, but one refused with 413 is retried
 * forever, so the limit is generous; it is only read once the secret matched.
 */
const BODY_LIMIT = '1mb';

/**
 * The route Telegram posts updates to. An update without the secret header is refused with 401 and
 * one with a wrong secret with 403, before any byte of the body is read (the app has no global body
 * parser, and the connection is closed rather than drained), so a stranger who learns the URL
 * cannot talk as anybody nor make the server read what they send. The answer is sent after the
 * update was handled: if the process dies half way, Telegram delivers it again and the engine's
 * dedupe (by update id) makes that harmless.
 */
export function telegramWebhookRouter(secret: string, handle: WebhookUpdateHandler): Router {
  const router = express.Router();
  router.post('/', (req, res, next) => {
    const given = req.get(SECRET_HEADER);
    if (given === undefined || !sameSecret(given, secret)) {
      // Node would otherwise read and discard the rest of the body to keep the connection alive.
      res.set('Connection', 'close');
      if (given === undefined) res.status(401).json({ error: { code: 'loker:unauthorized', message: 'missing secret token' } });
      else res.status(403).json({ error: { code: 'loker:forbidden', message: 'wrong secret token' } });
      return;
    }
    next();
  });
  router.post('/', express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const update: unknown = req.body;
    if (!isUpdate(update)) {
      res.status(400).json({ error: { code: 'loker:bad-request', message: 'not a Telegram update' } });
      return;
    }
    const handled = handle(update);
    if (handled === false) {
      // Not started or stopping: 503 makes Telegram retry later instead of dropping the update.
      res.status(503).json({ error: { code: 'loker:not-ready', message: 'telegram channel is not running' } });
      return;
    }
    await handled;
    res.status(200).json({ ok: true });
  });
  return router;
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

function isUpdate(body: unknown): body is Update {
  return typeof body === 'object' && body !== null && typeof (body as { update_id?: unknown }).update_id === 'number';
}
