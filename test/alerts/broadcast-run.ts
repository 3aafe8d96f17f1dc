/*
 * Shared pieces of the crash tests that run whole service processes through a broadcast
 * (worker-killed-broadcast.test.ts, redis-restart-broadcast.test.ts): seeding a DATA_DIR with web
 * seekers and a queued broadcast, counting what the web sender did (its publishes on the push
 * channel and what it kept in each person's inbox), and the exactly-once verdict over the
 * Delivery rows.
 */
import net from 'node:net';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { broadcastSourceId } from '../../src/alerts/send-job.js';
import { WebInbox } from '../../src/channels/web/web-inbox.js';
import { freePort } from '../../src/runtime/free-port.js';
import type { Delivery, Seeker } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import type { Store } from '../../src/store/index.js';
import { makeSeeker } from '../fixtures/domain.js';
import { withStoreIn } from '../helpers/cli.js';
import { waitForAsync } from '../helpers/wait.js';

/** The Redis channel every web send is published on (src/channels/web/web-push.ts). */
export const WEB_PUSH_CHANNEL = 'lokerbot:web:push';

export interface SeededBroadcast {
  readonly broadcastId: string;
  /** The Delivery rows' sourceId. */
  readonly sourceId: string;
  /** The web user ids of every recipient, in seeker order. */
  readonly userIds: readonly string[];
}

/** `web-u00042`: the web id of the n-th seeded seeker. */
export function webUserId(n: number): string {
  return `web-u${String(n).padStart(5, '0')}`;
}

/** An active, consenting seeker reachable on the web chat only. */
export function webSeeker(n: number, overrides: Partial<Seeker> = {}): Seeker {
  const identity = { channel: 'web' as const, userId: webUserId(n) };
  return makeSeeker(`skr-w${String(n).padStart(5, '0')}`, { identities: [identity], identityKeys: [`web/${identity.userId}`], ...overrides });
}

/** Writes `count` web seekers and a queued broadcast to all of them (its outbox event in the same write). */
export async function seedWebBroadcast(store: Store, count: number, broadcastId = 'bc-crash'): Promise<SeededBroadcast> {
  const userIds: string[] = [];
  for (let n = 0; n < count; n++) {
    await store.seekers.create(webSeeker(n));
    userIds.push(webUserId(n));
  }
  const at = new Date().toISOString();
  await store.broadcasts.createQueued({
    id: broadcastId,
    kind: 'job-fair',
    title: 'Job fair Jababeka',
    body: { id: 'Datang ke job fair di President University, Sabtu 09.00 WIB.' },
    segment: { channels: ['web'], kecamatan: [], skills: [], ktpBekasiOnly: false },
    status: 'queued',
    createdBy: 'tok-admin',
    createdAt: at,
    updatedAt: at,
  });
  return { broadcastId, sourceId: broadcastSourceId(broadcastId), userIds };
}

/**
 * Hears every web push (one publish per call of the web sender that got that far) and counts them
 * per web user. Its connection reconnects every 20 ms and subscribes again by itself; a test that
 * restarts Redis keeps the service's clients out (RedisGate) until `whenSubscribed`.
 */
export class PushCounter {
  private readonly counts = new Map<string, number>();
  private heard = 0;
  private readonly listeners: ((total: number) => void)[] = [];

  private constructor(
    private readonly client: RedisClient,
    private readonly url: string,
  ) {}

  static async listen(url: string): Promise<PushCounter> {
    const client: RedisClient = createClient({ url, socket: { reconnectStrategy: () => 20, connectTimeout: 2000 } });
    // Redis going away under the test is expected; the client reconnects.
    client.on('error', () => undefined);
    await client.connect();
    const counter = new PushCounter(client, url);
    await client.subscribe(WEB_PUSH_CHANNEL, (raw) => counter.hear(raw));
    return counter;
  }

  /** Publishes heard so far, over every user. */
  get total(): number {
    return this.heard;
  }

  /** Publishes heard for `userId`. */
  of(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }

  /** Calls `listener` with the running total after every publish (synchronously, as it is heard). */
  onPublish(listener: (total: number) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once Redis counts this subscriber on the push channel again (after a restart, say). */
  async whenSubscribed(timeoutMs = 10_000): Promise<void> {
    const probe: RedisClient = createClient({ url: this.url });
    probe.on('error', () => undefined);
    await probe.connect();
    try {
      await waitForAsync(async () => ((await probe.pubSubNumSub(WEB_PUSH_CHANNEL))[WEB_PUSH_CHANNEL] ?? 0) >= 1, 'the push counter subscribed', timeoutMs, 2);
    } finally {
      probe.destroy();
    }
  }

  async close(): Promise<void> {
    await this.client.unsubscribe(WEB_PUSH_CHANNEL).catch(() => undefined);
    this.client.destroy();
  }

  private hear(raw: string): void {
    const { userId } = JSON.parse(raw) as { userId?: unknown };
    if (typeof userId !== 'string') return;
    this.counts.set(userId, this.of(userId) + 1);
    this.heard++;
    for (const listener of this.listeners) listener(this.heard);
  }
}

/**
 * A loopback TCP pass-through in front of Redis, for the service processes' REDIS_URL: shut, it
 * refuses new connections (the port stops listening), so the test's own clients can be back on a
 * restarted Redis, subscribed, before any service client is let in again. Connections through it
 * end when Redis ends them.
 */
export class RedisGate {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  static async open(target: number): Promise<RedisGate> {
    const gate = new RedisGate(await freePort(), target);
    await gate.reopen();
    return gate;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Lets new connections through again, on the same port. */
  async reopen(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Refuses new connections; those already through stay until either end closes them. */
  async shut(): Promise<void> {
    // Not waiting for close's callback: it comes only once the connections through it have ended.
    this.server?.close();
    this.server = undefined;
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Shuts it and drops every connection through it. */
  async close(): Promise<void> {
    await this.shut();
    for (const socket of this.sockets) socket.destroy();
  }

  /**
   * Bytes both ways, and an end passed on only after what came before it (pipe's default), as TCP
   * itself would: a reply Redis wrote just before it stopped still reaches the client.
   */
  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/**
 * Messages each person's web inbox holds: the web sender keeps every message there before it
 * publishes it, and nothing takes them out while no page is open. So this is what each person
 * would see, repeats included, and it lives through a Redis restart (append-only file).
 */
export async function inboxCounts(redis: RedisClient, userIds: readonly string[]): Promise<Map<string, number>> {
  const inbox = new WebInbox(redis);
  const counts = new Map<string, number>();
  const chunk = 500;
  for (let i = 0; i < userIds.length; i += chunk) {
    const part = userIds.slice(i, i + chunk);
    const lengths = await Promise.all(part.map(async (userId) => (await inbox.pending(userId)).length));
    part.forEach((userId, j) => counts.set(userId, lengths[j] ?? 0));
  }
  return counts;
}

/** Every Delivery row of `sourceId` in the store under `dataDir`. */
export function deliveriesIn(dataDir: string, sourceId: string): Promise<Delivery[]> {
  return withStoreIn(dataDir, async (store) => {
    const rows: Delivery[] = [];
    for await (const row of store.deliveries.listBySource(sourceId)) rows.push(row);
    return rows;
  });
}

/** How many Delivery rows of `sourceId` say `sent`. */
export function sentCount(dataDir: string, sourceId: string): Promise<number> {
  return withStoreIn(dataDir, (store) => store.deliveries.count({ sourceId, status: 'sent' }));
}

export interface ServedOnceInput {
  readonly userIds: readonly string[];
  readonly rows: readonly Delivery[];
  /** How many times the sender's work reached each person (publishes heard, or inbox entries). */
  readonly calls: (userId: string) => number;
  /** The most repeats the crash may explain: sends in flight in the process that lost them. */
  readonly maxRepeats: number;
}

export interface ServedOnceReport {
  /** Sends beyond one per person. */
  readonly repeats: number;
  /** Rows that say the send was begun more than once. */
  readonly rowsWithRepeats: number;
}

/**
 * The exactly-once verdict: one Delivery row per recipient and it says `sent` (none missing, no
 * stray row), every recipient reached at least once, the repeats no more than `maxRepeats`, and
 * each repeat recorded: a person reached k times has a row with at least k attempts.
 */
export function expectServedOnce({ userIds, rows, calls, maxRepeats }: ServedOnceInput): ServedOnceReport {
  const byRecipient = new Map<string, Delivery[]>();
  for (const row of rows) byRecipient.set(row.recipient, [...(byRecipient.get(row.recipient) ?? []), row]);
  const expected = new Set(userIds.map((u) => `web/${u}`));

  const missing = userIds.filter((u) => !byRecipient.has(`web/${u}`));
  const doubled = [...byRecipient].filter(([, list]) => list.length > 1).map(([recipient]) => recipient);
  const stray = [...byRecipient.keys()].filter((recipient) => !expected.has(recipient));
  const notSent = rows.filter((r) => r.status !== 'sent').map((r) => `${r.recipient}:${r.status}`);
  expect({ missing: missing.slice(0, 10), doubled: doubled.slice(0, 10), stray: stray.slice(0, 10), notSent: notSent.slice(0, 10) }).toEqual({ missing: [], doubled: [], stray: [], notSent: [] });
  expect(rows).toHaveLength(userIds.length);

  const unreached = userIds.filter((u) => calls(u) < 1);
  expect(unreached.slice(0, 10)).toEqual([]);
  const repeats = userIds.reduce((sum, u) => sum + calls(u) - 1, 0);
  expect(repeats).toBeLessThanOrEqual(maxRepeats);
  const unrecorded = userIds.filter((u) => calls(u) > (byRecipient.get(`web/${u}`)?.[0]?.attempts ?? 0)).map((u) => `${u}: ${calls(u)} sends, attempts ${byRecipient.get(`web/${u}`)?.[0]?.attempts}`);
  expect(unrecorded.slice(0, 10)).toEqual([]);
  return { repeats, rowsWithRepeats: rows.filter((r) => r.attempts > 1).length };
}
