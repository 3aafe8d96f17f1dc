import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { broadcastSourceId, type SendJobData } from '../../src/alerts/send-job.js';
import { WebChannel } from '../../src/channels/web/web-channel.js';
import { WebInbox } from '../../src/channels/web/web-inbox.js';
import { WebPushHub, webPushSender } from '../../src/channels/web/web-push.js';
import type { InboundHandler } from '../../src/conversation/message.js';
import { createApp } from '../../src/http/app.js';
import { projectRoot } from '../../src/project-root.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createHarness, type Harness } from '../alerts/send-harness.js';
import { makeSeeker } from '../fixtures/domain.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { sleep, waitForAsync } from '../helpers/wait.js';

/*
 * Alerts and broadcasts to the web chat, through the real HTTP endpoints: a web process serving
 * `/api/chat/events`, and a send worker that, like a ROLE=worker process, has its own push hub
 * and no pages. A person whose page is closed finds the message when they open it next.
 */

const logger = createLogger({ level: 'silent' });
const HANDLER: InboundHandler = { handle: () => Promise.resolve([{ text: 'Halo! Ketik menu.' }]) };

/** An event stream read with fetch: what arrived so far. */
interface Stream {
  text(): string;
  until(match: RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
}

async function openStream(base: string, token: string): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/chat/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  let text = '';
  void (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    text: () => text,
    until: (match, timeoutMs = 5000) => waitForAsync(() => Promise.resolve(match.test(text) && text), `the stream to show ${String(match)}; got: ${text}`, timeoutMs),
    close: () => abort.abort(),
  };
}

/** Starts a conversation over the API and returns its session token and web id. */
async function newPerson(base: string): Promise<{ token: string; userId: string }> {
  const response = await fetch(`${base}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'halo' }) });
  const { sessionToken } = (await response.json()) as { sessionToken: string };
  const session = await fetch(`${base}/api/chat/session`, { headers: { authorization: `Bearer ${sessionToken}` } });
  return { token: sessionToken, userId: ((await session.json()) as { userId: string }).userId };
}

function announcement(broadcastId: string, seekerId: string): SendJobData {
  return { kind: 'broadcast', sourceId: broadcastSourceId(broadcastId), broadcastId, seekerId, channel: 'web' };
}

describe('web chat alerts for open and closed pages', () => {
  const redis = useTestRedis();
  let base = '';
  let channel: WebChannel;
  let server: http.Server;
  let harness: Harness | undefined;
  const inbox = () => new WebInbox(redis.client);

  beforeAll(async () => {
    channel = new WebChannel({ redis: redis.client, logger, publicDir: path.join(projectRoot(), 'public'), sessionKey: Buffer.alloc(32, 5), rateLimitPrefix: `${uniquePrefix('rl')}:` });
    server = http.createServer(createApp({ logger, readiness: [channel.readiness], routes: channel.routes }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await channel.start(HANDLER);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await channel.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** Send workers for the web queue, publishing through a hub of their own as a worker process does. */
  async function startWorkers(): Promise<Harness> {
    harness = await createHarness(redis);
    await harness.workers.startChannel('web', webPushSender(new WebPushHub(redis.client, logger)));
    return harness;
  }

  it('keeps a broadcast for a person with no page open, shows it when they connect, and only once', async () => {
    const h = await startWorkers();
    const person = await newPerson(base);
    await h.store.seekers.create(makeSeeker('skr-web', { identities: [{ channel: 'web', userId: person.userId }], identityKeys: [`web/${person.userId}`] }));

    await h.enqueue('web', announcement('brc-1', 'skr-web'));
    expect((await h.settled('web', 'broadcast-brc-1-skr-web-web')).state).toBe('completed');
    expect(await h.store.deliveries.findOne('broadcast-brc-1', `web/${person.userId}`)).toMatchObject({ status: 'sent' });
    // Kept under a key that does not name the person.
    const key = inbox().keyOf(person.userId);
    expect(key).not.toContain(person.userId);
    expect(await redis.client.lLen(key)).toBe(1);

    const page = await openStream(base, person.token);
    const shown = await page.until(/Baru: broadcast-brc-1/);
    expect(shown).toContain('event: message\ndata: {"text":"Baru: broadcast-brc-1","choices":[{"id":"detail","label":"Detail"}]}');
    await waitForAsync(async () => (await redis.client.lLen(key)) === 0, 'the shown message to leave the inbox');

    // With the page open, the next one is pushed at once, and is not kept.
    await h.enqueue('web', announcement('brc-2', 'skr-web'));
    await page.until(/Baru: broadcast-brc-2/);
    await waitForAsync(async () => (await redis.client.lLen(key)) === 0, 'the pushed message not to stay kept');
    page.close();

    // Opening the page again shows neither of them a second time.
    const again = await openStream(base, person.token);
    await again.until(/: connected/);
    await sleep(300);
    expect(again.text()).not.toContain('event: message');
    again.close();
  });

  it('keeps at most the newest messages per person, and none past their age', async () => {
    const person = await newPerson(base);
    let now = Date.now();
    const small = new WebInbox(redis.client, { maxMessages: 3, maxAgeMs: 60_000, now: () => now });
    for (const n of [1, 2, 3, 4, 5]) await small.keep(person.userId, { text: `Info ${n}` });
    expect((await small.pending(person.userId)).map((e) => e.message.text)).toEqual(['Info 3', 'Info 4', 'Info 5']);
    now += 61_000;
    expect(await small.pending(person.userId)).toEqual([]);

    // The page reads the same inbox (each entry carries its own expiry): nothing stale reaches it either.
    const other = await newPerson(base);
    now = Date.now() - 61_000;
    await small.keep(other.userId, { text: 'Info lama' });
    now = Date.now();
    await small.keep(other.userId, { text: 'Info baru' });
    const page = await openStream(base, other.token);
    await page.until(/Info baru/);
    await sleep(300);
    expect(page.text()).not.toContain('Info lama');
    page.close();
  });

  it('shows a message kept while the page was connecting exactly once', async () => {
    const person = await newPerson(base);
    const hub = new WebPushHub(redis.client, logger);
    // Published and kept around the moment the stream opens: the page hears it live, finds it kept, or both.
    const pushing = Promise.all([1, 2, 3].map((n) => hub.publish(person.userId, { text: `Lowongan ${n}` })));
    const page = await openStream(base, person.token);
    await pushing;
    for (const n of [1, 2, 3]) await page.until(new RegExp(`Lowongan ${n}`));
    await sleep(300);
    for (const n of [1, 2, 3]) expect(page.text().split(`Lowongan ${n}`)).toHaveLength(2);
    page.close();
  });
});
