/**
 * `npm run bench:alerts`: the push side against raw BullMQ, in the same run, on this file's own
 * redis-server (no persistence, so the disk is not what is measured).
 *
 * - fan-out: one vacancy matching N subscribers, from its outbox event to every send job in Redis
 *   (relay → fan-out job → reverse match → routed addBulk), against raw `addBulk` of the same N
 *   jobs. Target: within 1.2× of raw, peak heap of the fan-out under 200 MB.
 *
 *   --quick              10,000 subscribers
 *   --subscribers=100000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { JobsOptions } from 'bullmq';
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
import { collectGarbage, fmt, machineLine, table } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, subscribers: { type: 'string' } } });
const subscribers = Number(values.subscribers ?? (values.quick ? 10_000 : 100_000));
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
} finally {
  await queues.close();
  await closeRedis(redis);
  await store.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(`\nbench:alerts — ${machineLine()}\n`);
process.stdout.write(`${subscribers} matching subscribers on Telegram, instant; own redis-server without persistence.\n\n`);
process.stdout.write(`${table(['run', 'ms', 'peak heap MB', 'note'], rows)}\n`);
