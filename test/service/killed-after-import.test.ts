import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FANOUT_QUEUE, SEND_QUEUES, vacancySourceId } from '../../src/alerts/send-job.js';
import type { OutboxEvent } from '../../src/domain/index.js';
import { freePort } from '../../src/runtime/free-port.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { inboxCounts, PushCounter } from '../alerts/broadcast-run.js';
import { FUTURE_DEADLINE, makeSubscription } from '../fixtures/domain.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { killAll, spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

/*
 * The whole service (ROLE=all) killed with SIGKILL right after the office imported a vacancy with
 * the CLI, at three moments: before it relayed the "vacancy opened" event, as soon as the event's
 * fan-out job is in Redis, and as soon as the subscriber's Delivery row is claimed (the send under
 * way). The event lives in the store's outbox, written in the same write as the vacancy, so the
 * service started again finds whatever was not finished, and the subscriber hears of the vacancy
 * exactly once: one Delivery row, sent, one message; at most one repeat, recorded in the row's
 * attempts, when the kill fell between the send and its record.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const VACANCY = 'vac-forklift-live';
const SOURCE = vacancySourceId(VACANCY);
const SUBSCRIBER = 'web-langganan-forklift';
const RECIPIENT = `web/${SUBSCRIBER}`;
const silent = createLogger({ level: 'silent' });

type KillMoment = 'before the relay' | 'once the fan-out job is in Redis' | 'once the send has claimed the Delivery row';

interface Run {
  readonly dataDir: string;
  readonly processes: ServiceProcess[];
  redis?: RedisProcess;
  pushes?: PushCounter;
  store?: Store;
}

/** Runs `node src/cli.ts import --vacancies FILE` (through tsx), as the office would, beside the running service. */
function importWithCli(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'import', '--vacancies', file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('the service killed right after a vacancy is imported', { timeout: 180_000 }, () => {
  let run: Run | undefined;

  afterEach(async () => {
    await killAll(run?.processes ?? []);
    await run?.pushes?.close();
    await run?.store?.close();
    await run?.redis?.stop();
    if (run?.redis) fs.rmSync(run.redis.dir, { recursive: true, force: true });
    if (run) fs.rmSync(run.dataDir, { recursive: true, force: true });
    run = undefined;
  });

  async function importThenKill(moment: KillMoment): Promise<void> {
    const current: Run = { dataDir: tempDir('lokerbot-killed-import'), processes: [] };
    run = current;
    const store = new Store(new SqliteBackend({ file: path.join(current.dataDir, 'lokerbot.sqlite') }));
    current.store = store;
    await store.subscriptions.create(
      makeSubscription('sub-forklift', {
        subscriber: { channel: 'web', userId: SUBSCRIBER },
        subscriberKey: RECIPIENT,
        filters: { keywords: ['forklift'], kecamatan: ['Cikarang Barat'], education: 'SMA', jobTypes: [] },
        mode: 'instant',
        quietHours: undefined,
      }),
    );
    const redis = await RedisProcess.start({ persist: true });
    current.redis = redis;
    const pushes = await PushCounter.listen(redis.url);
    current.pushes = pushes;
    const env = {
      DATA_DIR: current.dataDir,
      REDIS_URL: redis.url,
      ROLE: 'all',
      ALERT_JOB_LOCK_MS: '2000',
      // Before the relay: it looks at start and then not for a minute, so the kill surely comes first.
      OUTBOX_POLL_MS: moment === 'before the relay' ? '60000' : '100',
    };
    const start = async (): Promise<ServiceProcess> => {
      const service = spawnService({ ...env, PORT: String(await freePort()) });
      current.processes.push(service);
      await waitFor(() => service.output().includes('LokerBot is running') || service.child.exitCode !== null, 'the service to start', 60_000, 20);
      expect(service.child.exitCode, service.output()).toBeNull();
      return service;
    };
    const doomed = await start();

    const file = path.join(current.dataDir, 'import.jsonl');
    fs.writeFileSync(
      file,
      `${JSON.stringify({ id: VACANCY, title: 'Operator Forklift', company: 'PT Logistik Cikarang', requiredSkills: ['operator forklift'], kecamatan: 'Cikarang Barat', minEducation: 'SMK', deadline: FUTURE_DEADLINE })}\n`,
    );
    const imported = importWithCli(file, { DATA_DIR: current.dataDir, REDIS_URL: redis.url });
    const queues = await Queues.connect(redis.url, silent);
    try {
      await killAt(moment, { store, queues, imported });
    } finally {
      doomed.child.kill('SIGKILL');
      await queues.close();
    }
    await doomed.exited;
    const cli = await imported;
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout.trim())).toMatchObject({ created: 1 });
    const [event] = await store.outbox.find({ subjectId: VACANCY });
    expect(event?.type).toBe('vacancy-opened');
    if (moment === 'before the relay') {
      // The kill came first: the event waits in the store, nothing was sent.
      expect(event?.processedAt).toBeUndefined();
      expect(await store.deliveries.count({ sourceId: SOURCE })).toBe(0);
      expect(pushes.of(SUBSCRIBER)).toBe(0);
    }

    const successor = await start();
    await waitForAsync(async () => (await store.deliveries.findOne(SOURCE, RECIPIENT))?.status === 'sent', 'the alert sent by the restarted service', 60_000, 100);
    // Nothing left that could still send: the outbox relayed, every fan-out and send job finished.
    const after = await Queues.connect(redis.url, silent);
    try {
      await waitForAsync(async () => {
        const busy = await Promise.all([FANOUT_QUEUE, SEND_QUEUES.web].map((name) => after.queue(name).getJobCountByTypes('active', 'waiting', 'delayed', 'prioritized')));
        return busy.every((n) => n === 0) && (await store.outbox.pending()).length === 0;
      }, 'every job finished', 30_000, 100);
    } finally {
      await after.close();
    }
    successor.child.kill('SIGTERM');
    expect(await successor.exited, successor.output()).toBe(0);

    const rows = await store.deliveries.find({ sourceId: SOURCE });
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([[RECIPIENT, 'sent']]);
    const attempts = rows[0]?.attempts ?? 0;
    const client = await connectRedis(redis.url, silent);
    const kept = (await inboxCounts(client, [SUBSCRIBER])).get(SUBSCRIBER) ?? 0;
    await closeRedis(client);
    const published = pushes.of(SUBSCRIBER);
    // Heard once; twice only when the kill fell between the send and its record, and then the row says so.
    expect(published).toBeGreaterThanOrEqual(1);
    expect(published).toBeLessThanOrEqual(Math.min(2, attempts));
    expect(kept).toBeGreaterThanOrEqual(published);
    expect(kept).toBeLessThanOrEqual(Math.min(2, attempts));
    if (moment === 'before the relay') expect({ attempts, published, kept }).toEqual({ attempts: 1, published: 1, kept: 1 });
    process.stdout.write(`killed ${moment} (event ${event?.processedAt ? 'relayed' : 'pending'}): attempts ${attempts}, ${published} published, ${kept} kept\n`);
  }

  it('before it relayed the event: the restarted service relays it from the outbox and the subscriber gets the alert once', async () => {
    await importThenKill('before the relay');
  });

  it('as it relays (the fan-out job just in Redis): the subscriber gets the alert once', async () => {
    await importThenKill('once the fan-out job is in Redis');
  });

  it('in the middle of the send (the Delivery row just claimed): the alert once, or one repeat recorded in attempts', async () => {
    await importThenKill('once the send has claimed the Delivery row');
  });
});

/** Waits for the moment to kill at (bounded), watching the store and Redis as closely as they can be watched. */
async function killAt(moment: KillMoment, seen: { store: Store; queues: Queues; imported: Promise<{ code: number | null }> }): Promise<void> {
  const { store, queues } = seen;
  const event = async (): Promise<OutboxEvent | undefined> => (await store.outbox.find({ subjectId: VACANCY }, { limit: 1 }))[0];
  switch (moment) {
    case 'before the relay':
      await seen.imported;
      await waitForAsync(event, 'the vacancy-opened event in the outbox', 30_000, 5);
      return;
    case 'once the fan-out job is in Redis': {
      const { id } = await waitForAsync(event, 'the vacancy-opened event in the outbox', 60_000, 2);
      const fanout = queues.queue(FANOUT_QUEUE);
      await waitForAsync(async () => (await fanout.getJob(`outbox-${id}`)) !== undefined, 'the fan-out job in Redis', 30_000, 1);
      return;
    }
    case 'once the send has claimed the Delivery row':
      await waitForAsync(async () => (await store.deliveries.findOne(SOURCE, RECIPIENT)) !== undefined, 'the Delivery row claimed', 60_000, 1);
      return;
  }
}
