/**
 * `npm run bench:alerts`: the push side against raw BullMQ, in the same run, on this file's own
 * redis-server (no persistence, so the disk is not what is measured).
 *
 * - fan-out: one vacancy matching N subscribers, from its outbox event to every send job in Redis
 *   (relay → fan-out job → reverse match → routed addBulk), against raw `addBulk` of the same N
 *   jobs. Target: within 1.2× of raw, peak heap of the fan-out under 200 MB.
 * - drain: the web send worker with a no-op sender (so what is measured is ours: resolving the
 *   recipient, claiming and recording the Delivery row, rendering the alert) against a raw BullMQ
 *   no-op worker at the same concurrency, over the same number of jobs.
 * - paced: the Telegram send worker at its defaults (25/s overall, 1/s per chat) against a sender
 *   that enforces Telegram's 30/s and 1/s per chat and answers 429 past them. Target: within 5 %
 *   under the configured rate, zero 429s.
 *
 *   --quick              10,000 subscribers, 2,000 drained, 15 s paced
 *   --subscribers=100000 --drain=10000 --paced-seconds=60
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { JobsOptions, Queue } from 'bullmq';
import { DigestBook } from '../src/alerts/digest-book.js';
import { startFanoutWorker } from '../src/alerts/fanout-worker.js';
import { OutboxRelay } from '../src/alerts/outbox-relay.js';
import { FANOUT_QUEUE, SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, vacancySourceId, type VacancyAlertJob } from '../src/alerts/send-job.js';
import { expandVacancy } from '../src/alerts/vacancy-fanout.js';
import type { Subscription } from '../src/domain/index.js';
import { MatchIndex } from '../src/indexes/match-index.js';
import { createDefaultMatcher } from '../src/matching/index.js';
import { createLogger } from '../src/runtime/logger.js';
import { Queues } from '../src/runtime/queues.js';
import { closeRedis, connectRedis } from '../src/runtime/redis-client.js';
import { RedisServer } from '../src/runtime/redis-server.js';
import { SqliteBackend, Store } from '../src/store/index.js';
import { AlertMessages } from '../src/alerts/alert-messages.js';
import { SendWorkers } from '../src/alerts/send-workers.js';
import { RateLimitedError, type ChannelSender } from '../src/channels/channel-sender.js';
import { Locales } from '../src/conversation/index.js';
import { projectRoot } from '../src/project-root.js';
import type { RedisClient } from '../src/runtime/redis-client.js';
import { collectGarbage, fmt, machineLine, table } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, subscribers: { type: 'string' }, drain: { type: 'string' }, 'paced-seconds': { type: 'string' } } });
const subscribers = Number(values.subscribers ?? (values.quick ? 10_000 : 100_000));
const drained = Number(values.drain ?? (values.quick ? 2_000 : 10_000));
const pacedSeconds = Number(values['paced-seconds'] ?? (values.quick ? 15 : 60));
const silent = createLogger({ level: 'silent' });
const AT = '2026-12-01T03:00:00.000Z';

function subscription(i: number): Subscription {
  return {
    id: `sub-${String(i).padStart(7, '0')}`,
    subscriber: { channel: 'telegram', userId: String(100_000_000 + i) },
    subscriberKey: `telegram/${100_000_000 + i}`,
    filters: { keywords: ['forklift'], kecamatan: [], jobTypes: [] },
    mode: 'instant',
    locale: 'id',
    active: true,
    createdAt: AT,
    updatedAt: AT,
  };
}

/** Samples the heap while `work` runs; returns its time and the peak over the heap before it. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - started, peakMb: (Math.max(peak, process.memoryUsage().heapUsed) - base) / 1_048_576, value };
  } finally {
    clearInterval(sampler);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-bench-alerts-'));
const server = new RedisServer({ dir, persist: false, logger: silent });
await server.start();
const redis = await connectRedis(server.url, silent);
const queues = await Queues.connect(server.url, silent, { prefix: 'bench' });
const store = new Store(new SqliteBackend({ file: path.join(dir, 'lokerbot.sqlite') }));
const rows: string[][] = [];
try {
  // The subscriptions go straight into the worker's indexes: the store is not what this measures.
  const index = new MatchIndex(createDefaultMatcher(), store, silent);
  for (let i = 0; i < subscribers; i++) {
    const s = subscription(i);
    index.matcher.addSubscription(s);
    index.routes.put(s);
  }
  const digests = new DigestBook(redis);
  const deps = { store, matcher: index.matcher, routes: index.routes, queues, digests };

  // Baseline: the same jobs, built and added with raw addBulk in the same chunks.
  const raw = queues.queue<VacancyAlertJob>('raw-baseline');
  const baseline = await measured(async () => {
    for (let i = 0; i < subscribers; i += 1000) {
      const jobs: { name: string; data: VacancyAlertJob; opts: JobsOptions }[] = [];
      for (let j = i; j < Math.min(subscribers, i + 1000); j++) {
        const data: VacancyAlertJob = { kind: 'vacancy-alert', sourceId: vacancySourceId('vac-bench'), vacancyId: 'vac-bench', subscriptionId: subscription(j).id };
        jobs.push({ name: 'vacancy-alert', data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data) } });
      }
      await raw.addBulk(jobs);
    }
    return subscribers;
  });
  rows.push([`raw addBulk of ${subscribers} jobs (baseline)`, fmt(baseline.ms, 0), fmt(baseline.peakMb, 0), '']);
  // Both runs start from the same Redis: an empty one.
  await raw.obliterate({ force: true });

  await store.vacancies.create({
    id: 'vac-bench', company: { name: 'PT Logistik Cikarang' }, title: 'Operator Forklift', description: 'Gudang logistik.', requirements: '',
    requiredSkills: ['operator forklift'], preferredSkills: [], minExperienceYears: 0, kecamatan: 'Cikarang Barat', employmentType: 'PKWT',
    quota: 5, localQuota: 0, status: 'draft', source: 'admin', createdAt: AT, updatedAt: AT,
  });
  const telegram = queues.queue(SEND_QUEUES.telegram);
  const relay = new OutboxRelay(store, queues, silent);
  const worker = startFanoutWorker(queues, { 'vacancy-opened': (id) => expandVacancy(id, deps), 'broadcast-created': () => Promise.resolve({}) }, silent);
  // A running worker process has its connections up already.
  await worker.waitUntilReady();
  const fanout = await measured(async () => {
    await store.vacancies.open('vac-bench');
    await relay.relayPending();
    for (;;) {
      const counts = await queues.queue(FANOUT_QUEUE).getJobCounts('completed', 'failed');
      if ((counts.completed ?? 0) + (counts.failed ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return telegram.getJobCountByTypes('waiting', 'prioritized');
  });
  await worker.close();
  const ratio = fanout.ms / baseline.ms;
  rows.push([`fan-out: outbox event → ${fanout.value} jobs`, fmt(fanout.ms, 0), fmt(fanout.peakMb, 0), `${fmt(ratio, 2)}× raw (target ≤ 1.2×); peak heap target < 200 MB`]);
  if (fanout.value !== subscribers) throw new Error(`fan-out enqueued ${fanout.value} jobs, expected ${subscribers}`);
  await telegram.obliterate({ force: true });

  rows.push(...(await drainRuns(queues, store, redis, index)));
  rows.push(await pacedRun(queues, store, redis, index));
} finally {
  await queues.close();
  await closeRedis(redis);
  await store.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(`\nbench:alerts — ${machineLine()}\n`);
process.stdout.write(`fan-out: ${subscribers} matching subscribers on Telegram, instant; drain: ${drained} web alerts; paced: ${pacedSeconds} s of Telegram alerts. Own redis-server without persistence, SQLite store.\n\n`);
process.stdout.write(`${table(['run', 'ms', 'peak heap MB', 'note'], rows)}\n`);

/** Waits until `count` jobs of `queue` are completed; resolves with the ms it took from `since`. */
async function completedBy(queue: Queue, count: number, since: number): Promise<number> {
  for (;;) {
    if ((await queue.getCompletedCount()) >= count) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function seedSubscribers(store: Store, index: MatchIndex, channel: 'web' | 'telegram', count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const userId = channel === 'web' ? `web-${String(n).padStart(32, '0')}` : String(200_000_000 + n);
    const s = { ...subscription(n), id: `sub-${channel}-${n}`, subscriber: { channel, userId }, subscriberKey: `${channel}/${userId}` };
    await store.subscriptions.create(s);
    index.routes.put(s);
    ids.push(s.id);
  }
  return ids;
}

function alertJobs(vacancyId: string, subscriptionIds: readonly string[]): { name: string; data: VacancyAlertJob; opts: JobsOptions }[] {
  return subscriptionIds.map((subscriptionId) => {
    const data: VacancyAlertJob = { kind: 'vacancy-alert', sourceId: vacancySourceId(vacancyId), vacancyId, subscriptionId };
    return { name: 'vacancy-alert', data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data) } };
  });
}

async function drainRuns(queues: Queues, store: Store, redis: RedisClient, index: MatchIndex): Promise<string[][]> {
  const concurrency = 10;
  const ids = await seedSubscribers(store, index, 'web', drained, 0);
  const jobs = alertJobs('vac-bench', ids);
  const raw = queues.queue('raw-drain');
  await raw.addBulk(jobs);
  let started = performance.now();
  const rawWorker = queues.worker('raw-drain', () => Promise.resolve(), { concurrency });
  const rawMs = await completedBy(raw, drained, started);
  await rawWorker.close();

  const web = queues.queue(SEND_QUEUES.web);
  await web.addBulk(jobs);
  const sent: string[] = [];
  const workers = new SendWorkers({
    queues, store, redis, logger: silent, concurrency,
    content: new AlertMessages({ store, matcher: index.matcher, locales: Locales.load(path.join(projectRoot(), 'locales')), verifiedCompanies: index.verifiedCompanies }),
    senders: { web: { channel: 'web', send: (userId) => Promise.resolve(void sent.push(userId)) } },
  });
  started = performance.now();
  await workers.start();
  const oursMs = await completedBy(web, drained, started);
  await workers.close();
  if (new Set(sent).size !== drained) throw new Error(`drain sent to ${new Set(sent).size} people, expected ${drained}`);
  return [
    [`drain: raw BullMQ no-op worker, ${drained} jobs (baseline)`, fmt(rawMs, 0), '', `${fmt((drained / rawMs) * 1000, 0)} jobs/s`],
    [`drain: web send worker, no-op sender, ${drained} alerts`, fmt(oursMs, 0), '', `${fmt((drained / oursMs) * 1000, 0)} jobs/s, ${fmt(oursMs / rawMs, 1)}× raw (Delivery rows in SQLite, alert rendered)`],
  ];
}

/** A Telegram that enforces its limits: 30 messages in any second overall, 1 per chat per second; 429 past them. */
function enforcingTelegram(): ChannelSender & { sent: number; refused: number } {
  const overall: number[] = [];
  const lastPerChat = new Map<string, number>();
  const sender = {
    channel: 'telegram' as const,
    sent: 0,
    refused: 0,
    send(userId: string) {
      const now = performance.now();
      while (overall.length > 0 && now - overall[0]! >= 1000) overall.shift();
      const last = lastPerChat.get(userId);
      if (overall.length >= 30 || (last !== undefined && now - last < 1000)) {
        sender.refused++;
        return Promise.reject(new RateLimitedError('telegram', 1000));
      }
      overall.push(now);
      lastPerChat.set(userId, now);
      sender.sent++;
      return Promise.resolve();
    },
  };
  return sender;
}

async function pacedRun(queues: Queues, store: Store, redis: RedisClient, index: MatchIndex): Promise<string[]> {
  const perSecond = 25;
  // Enough alerts that the queue never runs dry within the window.
  const ids = await seedSubscribers(store, index, 'telegram', Math.ceil(pacedSeconds * perSecond * 1.3), drained);
  await queues.queue(SEND_QUEUES.telegram).addBulk(alertJobs('vac-bench', ids));
  const telegram = enforcingTelegram();
  const workers = new SendWorkers({
    queues, store, redis, logger: silent,
    content: new AlertMessages({ store, matcher: index.matcher, locales: Locales.load(path.join(projectRoot(), 'locales')), verifiedCompanies: index.verifiedCompanies }),
    senders: { telegram },
    telegram: { perSecond, perChatMs: 1000 },
  });
  await workers.start();
  // The first second fills BullMQ's limiter window; measure the steady state after it.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = telegram.sent;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, pacedSeconds * 1000));
  const rate = ((telegram.sent - before) / (performance.now() - started)) * 1000;
  await workers.close();
  return [`paced: Telegram send worker for ${pacedSeconds} s, limit ${perSecond}/s`, fmt(pacedSeconds * 1000, 0), '', `${fmt(rate, 1)} messages/s (${fmt((1 - rate / perSecond) * 100, 1)} % under the limit; target ≤ 5 %), ${telegram.refused} × 429`];
}
