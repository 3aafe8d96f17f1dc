import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { RecipientBlockedError, TemporarySendError } from '../../src/channels/channel-sender.js';
import { SendRejectedError } from '../../src/channels/send-rejected-error.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from '../../src/channels/whatsapp/index.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/runtime/logger.js';
import { captureLogs } from '../helpers/log-capture.js';
import { FakeClientFactory } from './fake-whatsapp-client.js';
import { StandInHandler } from './stand-in-handler.js';

const logger = createLogger({ level: 'silent' });
const BUDI = '6281234567890@c.us';
const RINA = '6285712345678@c.us';
const NO_PACING = { perChatGapMs: 0, maxPerMinute: 10_000, jitterMs: 0 };

let adapters: WhatsAppAdapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.map((a) => a.stop()));
  adapters = [];
});

function makeAdapter(overrides: Partial<WhatsAppAdapterOptions> = {}) {
  const factory = new FakeClientFactory();
  const qrs: string[] = [];
  const adapter = new WhatsAppAdapter({
    logger,
    clientFactory: factory,
    pacing: NO_PACING,
    reconnect: { initialMs: 20, factor: 2, maxMs: 1_000, randomize: false },
    printQr: (text) => qrs.push(text),
    ...overrides,
  });
  adapters.push(adapter);
  return { adapter, factory, qrs, handler: new StandInHandler() };
}

async function readyAdapter(overrides: Partial<WhatsAppAdapterOptions> = {}) {
  const made = makeAdapter(overrides);
  await made.adapter.start(made.handler);
  await waitUntil(() => made.factory.clients.length === 1);
  made.factory.latest.emit('ready');
  return { ...made, client: made.factory.latest };
}

describe('WhatsApp adapter', () => {
  it('starts in the background and walks through starting → waiting-for-qr → ready', async () => {
    const { adapter, factory, qrs, handler } = makeAdapter();
    await adapter.start(handler);
    await waitUntil(() => factory.clients.length === 1 && factory.latest.initialized);
    expect(await adapter.readiness.check()).toEqual({ ready: false, state: 'starting' });
    factory.latest.emit('qr', '2@abc,def,ghi');
    expect(adapter.state).toBe('waiting-for-qr');
    expect(adapter.pendingQr).toBe('2@abc,def,ghi');
    // Drawn for the terminal (asynchronously, by the qrcode package).
    await waitUntil(() => qrs.length === 1);
    expect(qrs[0]).toContain('█');
    factory.latest.emit('authenticated');
    factory.latest.emit('ready');
    expect(await adapter.readiness.check()).toEqual({ ready: true, state: 'ready' });
    expect(adapter.pendingQr).toBeUndefined();
  });

  it('holds a conversation: text in, numbered choices out, answers handed on as typed', async () => {
    const { client, handler } = await readyAdapter();
    client.receive(BUDI, '/start');
    await waitUntil(() => client.sent.length === 2);
    expect(client.sent[1]).toEqual(expect.objectContaining({ chatId: BUDI, text: 'Mau apa?\n\n1. Daftar\n2. Cari lowongan' }));
    expect(handler.received[0]).toMatchObject({ channel: 'whatsapp', userId: '+6281234567890', kind: 'text', text: '/start' });

    // The engine remembers what it offered and reads "2" or "cari" as that option (see whatsapp-e2e);
    // the adapter only tidies list-number spellings.
    client.receive(BUDI, 'no. 2');
    client.receive(BUDI, 'cari');
    await waitUntil(() => handler.received.length === 3);
    expect(handler.received[1]).toMatchObject({ kind: 'text', text: '2' });
    expect(handler.received[2]).toMatchObject({ kind: 'text', text: 'cari' });
  });

  it('tells the person to send it again while the conversation is unavailable', async () => {
    const { client } = await readyAdapter();
    client.receive(BUDI, 'outage');
    await waitUntil(() => client.sent.length === 1);
    expect(client.sent[0]?.text).toMatch(/^Maaf, LokerBot sedang gangguan sebentar dan belum membaca pesan Anda\./);
  });

  it('ignores groups, status broadcasts and its own messages', async () => {
    const { client, handler } = await readyAdapter();
    client.receive('120363025555555555@g.us', 'halo semua');
    client.receive('status@broadcast', 'story', { isStatus: true });
    client.receive(BUDI, 'catatan sendiri', { fromMe: true });
    client.receive(BUDI, '', { type: 'e2e_notification' });
    client.receive(BUDI, 'halo');
    await waitUntil(() => client.sent.length === 1);
    expect(handler.texts()).toEqual(['halo']);
  });

  it('hands media, locations and shared contacts to the engine with their kind', async () => {
    const { client, handler } = await readyAdapter();
    client.receive(BUDI, 'ini CV saya', { type: 'document' });
    client.receive(BUDI, '', { type: 'ptt' });
    client.receive(BUDI, '', { type: 'location', location: { latitude: '-6.2615', longitude: '107.1523' } });
    client.receive(BUDI, '', { type: 'vcard', vCards: ['BEGIN:VCARD\nFN:Ibu\nTEL;type=CELL;waid=6281398765432:+62 813-9876-5432\nEND:VCARD'] });
    await waitUntil(() => handler.received.length === 4);
    expect(handler.received.map((i) => i.kind)).toEqual(['document', 'audio', 'location', 'contact']);
    expect(handler.received[0]?.text).toBe('ini CV saya');
    expect(handler.received[2]?.location).toEqual({ lat: -6.2615, lon: 107.1523 });
    expect(handler.received[3]?.contactPhone).toBe('+6281398765432');
  });

  it('resolves a privacy id (@lid) to the phone number', async () => {
    const { client, handler } = await readyAdapter();
    client.lids.set('99887766554433@lid', '6281234567890@c.us');
    client.receive('99887766554433@lid', 'halo');
    await waitUntil(() => client.sent.length === 1);
    expect(handler.received[0]?.userId).toBe('+6281234567890');
    expect(client.sent[0]?.chatId).toBe('99887766554433@lid');
  });

  it("keeps one person's messages in order", async () => {
    const { client, handler } = await readyAdapter();
    handler.delays.set('satu', 100);
    for (const text of ['satu', 'dua', 'tiga']) client.receive(BUDI, text);
    await waitUntil(() => client.sent.length === 3);
    expect(client.sent.map((m) => m.text)).toEqual(['echo: satu', 'echo: dua', 'echo: tiga']);
  });

  it('paces replies to one chat by the configured gap', async () => {
    const { client } = await readyAdapter({ pacing: { perChatGapMs: 150, maxPerMinute: 100, jitterMs: 0 } });
    client.receive(BUDI, '/start');
    client.receive(BUDI, 'lagi');
    await waitUntil(() => client.sent.length === 3);
    const gaps = client.sent.slice(1).map((m, i) => m.at - client.sent[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(140);
  });

  describe('as a ChannelSender', () => {
    it('sends to an E.164 number with numbered choices and links', async () => {
      const { adapter, client } = await readyAdapter();
      await adapter.sender.send('+6285712345678', { text: 'Lowongan baru: Operator', choices: [{ id: 'apply:v1', label: 'Lamar' }], links: [{ label: 'Detail', url: 'https://example.org/v1' }] });
      expect(client.sent[0]).toMatchObject({ chatId: RINA, text: 'Lowongan baru: Operator\n\n1. Lamar\n\nDetail: https://example.org/v1' });
    });

    it('throws TemporarySendError while not connected', async () => {
      const { adapter, handler } = makeAdapter();
      await adapter.start(handler);
      await expect(adapter.sender.send('+6281234567890', { text: 'x' })).rejects.toBeInstanceOf(TemporarySendError);
    });

    it('throws RecipientBlockedError for a number that is not on WhatsApp', async () => {
      const { adapter, client } = await readyAdapter();
      client.sendError = new Error('Evaluation failed: Error: wid error: invalid wid');
      await expect(adapter.sender.send('+6281234567890', { text: 'x' })).rejects.toBeInstanceOf(RecipientBlockedError);
    });

    it('throws TemporarySendError when WhatsApp Web drops the message', async () => {
      const { adapter, client } = await readyAdapter();
      client.sendError = new Error('Protocol error (Runtime.callFunctionOn): Session closed.');
      await expect(adapter.sender.send('+6281234567890', { text: 'x' })).rejects.toBeInstanceOf(TemporarySendError);
    });

    it('throws SendRejectedError for a recipient that is not a phone number', async () => {
      const { adapter } = await readyAdapter();
      await expect(adapter.sender.send('budi', { text: 'x' })).rejects.toBeInstanceOf(SendRejectedError);
    });
  });

  describe('reconnecting', () => {
    it('destroys the client and reconnects with growing delays, starting over after a session that was ready', async () => {
      const { adapter, factory, handler } = makeAdapter({ reconnect: { initialMs: 40, factor: 2, maxMs: 1_000, randomize: false } });
      const created: number[] = [];
      factory.prepare = (client, index) => {
        created.push(Date.now());
        if (index < 3 || index === 4) client.initError = new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
      };
      await adapter.start(handler);
      await waitUntil(() => factory.clients.length === 4);
      expect(factory.clients.slice(0, 3).every((c) => c.destroyed)).toBe(true);
      const delays = () => created.slice(1).map((t, i) => t - created[i]!);
      expect(delays()[0]).toBeGreaterThanOrEqual(35);
      expect(delays()[1]).toBeGreaterThanOrEqual(75);
      expect(delays()[2]).toBeGreaterThanOrEqual(155);

      factory.latest.emit('ready');
      expect(adapter.state).toBe('ready');
      await new Promise((resolve) => setTimeout(resolve, 400));
      const disconnectedAt = Date.now();
      factory.latest.emit('disconnected', 'NAVIGATION');
      expect(adapter.state).toBe('disconnected');
      await waitUntil(() => factory.clients.length === 6);
      // The session was ready, so the backoff starts over: the first delay (40 ms), not the next
      // one of the old outage (320 ms); then it grows again (80 ms).
      expect(created[4]! - disconnectedAt).toBeGreaterThanOrEqual(35);
      expect(created[4]! - disconnectedAt).toBeLessThan(200);
      expect(delays()[4]).toBeGreaterThanOrEqual(75);
      expect(delays()[4]).toBeLessThan(240);
    });

    it('logs one error line per outage and warnings for its repeated attempts', async () => {
      const { logger: capturing, lines } = captureLogs('info');
      const { adapter, factory, handler } = makeAdapter({ logger: capturing });
      factory.prepare = (client, index) => {
        if (index < 3) client.initError = new Error('net::ERR_PROXY_CONNECTION_FAILED at https://web.whatsapp.com/');
      };
      await adapter.start(handler);
      await waitUntil(() => factory.clients.length === 4);
      factory.latest.emit('ready');
      factory.latest.emit('disconnected', 'CONFLICT');
      await waitUntil(() => factory.clients.length === 5);
      const failures = lines.filter((l) => l.level === 'error' || l.level === 'warn');
      expect(failures.map((l) => [l.level, l.attempt])).toEqual([
        ['error', 1],
        ['warn', 2],
        ['warn', 3],
        ['error', 1],
      ]);
      expect(failures[0]?.msg).toBe('WhatsApp is not connected; retrying with backoff (other channels keep running)');
      expect(failures[0]?.outcome).toBe('initialize-failed: net::ERR_PROXY_CONNECTION_FAILED at https://web.whatsapp.com/');
      expect(failures[3]?.outcome).toBe('disconnected: CONFLICT');
    });

    it('reports failed on an auth failure and tries again with a fresh client', async () => {
      const { adapter, factory, handler } = makeAdapter();
      await adapter.start(handler);
      await waitUntil(() => factory.clients.length === 1);
      factory.latest.emit('auth_failure', 'session expired');
      expect(adapter.state).toBe('failed');
      await waitUntil(() => factory.clients.length === 2);
      expect(factory.clients[0]?.destroyed).toBe(true);
    });

    it('stops at once while waiting out a long backoff', async () => {
      const { adapter, factory, handler } = makeAdapter({ reconnect: { initialMs: 60_000, randomize: false } });
      factory.prepare = (client) => (client.initError = new Error('net::ERR_NAME_NOT_RESOLVED'));
      await adapter.start(handler);
      await waitUntil(() => factory.clients[0]?.destroyed === true);
      const began = Date.now();
      await adapter.stop();
      expect(Date.now() - began).toBeLessThan(500);
      expect(adapter.state).toBe('stopped');
      expect(factory.clients).toHaveLength(1);
    });

    it('stops: destroys the client, closes the factory and does not reconnect', async () => {
      const { adapter, factory, client } = await readyAdapter();
      await adapter.stop();
      expect(client.destroyed).toBe(true);
      expect(factory.closed).toBe(true);
      expect(adapter.state).toBe('stopped');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(factory.clients).toHaveLength(1);
    });
  });

  describe('the admin QR route', () => {
    const requireToken: RequestHandler = (req, res, next) => {
      if (req.get('authorization') === 'Bearer admin-token') next();
      else res.status(401).json({ error: { code: 'loker:unauthorized' } });
    };

    it('is not mounted without an auth middleware', () => {
      expect(makeAdapter().adapter.routes).toBeUndefined();
    });

    it('serves the waiting QR as SVG behind the auth middleware, and 404 once connected', async () => {
      const { adapter, factory, handler } = makeAdapter({ adminAuth: requireToken });
      const app = createApp({ logger, readiness: [adapter.readiness], routes: adapter.routes ?? [] });
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/whatsapp`;
      const auth = { authorization: 'Bearer admin-token' };
      try {
        await adapter.start(handler);
        await waitUntil(() => factory.clients.length === 1);
        factory.latest.emit('qr', '2@pairing-code');
        expect((await fetch(`${url}/qr`)).status).toBe(401);
        const image = await fetch(`${url}/qr`, { headers: auth });
        expect(image.status).toBe(200);
        expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
        expect(await image.text()).toMatch(/^<svg /);
        expect(await (await fetch(`${url}/status`, { headers: auth })).json()).toEqual({ state: 'waiting-for-qr', qrWaiting: true });
        factory.latest.emit('ready');
        const none = await fetch(`${url}/qr`, { headers: auth });
        expect(none.status).toBe(404);
        expect(await none.json()).toEqual({ error: { code: 'loker:whatsapp-no-qr', message: 'no QR code waiting (state: ready)', details: { state: 'ready' } } });
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
