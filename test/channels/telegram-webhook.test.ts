import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/runtime/logger.js';
import { StandInHandler } from './stand-in-handler.js';
import { TelegramEmulator, type EmulatedUser } from './telegram-emulator.js';

const logger = createLogger({ level: 'silent' });
const ani: EmulatedUser = { id: 6001, first_name: 'Ani', language_code: 'id' };
const SECRET = 'rahasia_webhook-2024';

describe('Telegram adapter in webhook mode', () => {
  const emulator = new TelegramEmulator();
  const handler = new StandInHandler();
  let adapter: TelegramAdapter;
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    await emulator.start();
    adapter = new TelegramAdapter({
      ...emulator.connection,
      logger,
      webhook: { url: 'https://bot.example.go.id/telegram', secret: SECRET },
    });
    const app = createApp({ logger, readiness: [adapter.readiness], routes: adapter.routes ?? [] });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await adapter.start(handler);
  });
  afterAll(async () => {
    await adapter.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.stop();
  });

  const post = (body: unknown, secret?: string) =>
    fetch(`${base}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body: JSON.stringify(body),
    });

  it('sets the webhook with the secret and reports "webhook" on /readyz', async () => {
    const call = emulator.callsOf('setWebhook')[0];
    expect(call?.payload).toMatchObject({ url: 'https://bot.example.go.id/telegram', secret_token: SECRET });
    expect(emulator.callsOf('getUpdates')).toHaveLength(0);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, unknown> };
    expect(ready.checks.telegram).toEqual({ ready: true, state: 'webhook' });
  });

  it('rejects an update without the secret header with 401', async () => {
    const response = await post(emulator.webhookUpdate(ani, 'halo'));
    expect(response.status).toBe(401);
    expect(handler.received).toHaveLength(0);
  });

  it('rejects an update with a wrong secret with 403', async () => {
    const response = await post(emulator.webhookUpdate(ani, 'halo'), 'not-the-secret');
    expect(response.status).toBe(403);
    expect(handler.received).toHaveLength(0);
  });

  it('rejects a body that is not an update with 400', async () => {
    const response = await post({ hello: 'world' }, SECRET);
    expect(response.status).toBe(400);
  });

  it('handles an update with the right secret and replies through the Bot API', async () => {
    const response = await post(emulator.webhookUpdate(ani, 'halo'), SECRET);
    expect(response.status).toBe(200);
    expect(handler.received.map((i) => i.text)).toEqual(['halo']);
    const [reply] = await emulator.waitForSent(ani.id, 1);
    expect(reply?.text).toBe('echo: halo');
  });

  it('accepts a signed 70 kB update (the chat API’s 64 kB limit is not the webhook’s)', async () => {
    const update = emulator.webhookUpdate(ani, 'halo besar');
    // A long formatted message: many entities make an update of about 70 kB.
    const message = update.message as Record<string, unknown>;
    message.entities = Array.from({ length: 1900 }, (_, i) => ({ type: 'bold', offset: i % 10, length: 1 }));
    const size = Buffer.byteLength(JSON.stringify(update));
    expect(size).toBeGreaterThan(70_000);
    const response = await post(update, SECRET);
    expect(response.status).toBe(200);
    expect(handler.received.at(-1)?.text).toBe('halo besar');
  });

  it.each([
    ['without the secret', undefined, 401],
    ['with a wrong secret', 'not-the-secret', 403],
  ])('refuses a big update %s before reading its body, and closes the connection', async (_what, secret, status) => {
    const url = new URL(`${base}/telegram`);
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(8 * 1024 * 1024), ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    });
    request.on('error', () => undefined); // the server hangs up while we would still be sending
    // Only the first 64 kB of the promised 8 MB are sent: an answer now means the body was not waited for.
    request.write(`{"update_id": 1, "message": {"text": "${'x'.repeat(64 * 1024)}`);
    const [response] = (await once(request, 'response')) as [http.IncomingMessage];
    expect(response.statusCode).toBe(status);
    expect(response.headers.connection).toBe('close');
    response.resume();
    await once(response.socket, 'close');
    request.destroy();
  });

  it('answers 503 after stop, so Telegram delivers the update again later', async () => {
    await adapter.stop();
    const response = await post(emulator.webhookUpdate(ani, 'lagi'), SECRET);
    expect(response.status).toBe(503);
  });
});
