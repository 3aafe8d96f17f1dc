import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SEND_QUEUES } from '../../src/alerts/send-job.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { withStoreIn } from '../helpers/cli.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { killAll, spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { sleep, waitFor, waitForAsync } from '../helpers/wait.js';
import { deliveriesIn, expectServedOnce, inboxCounts, PushCounter, RedisGate, seedWebBroadcast, sentCount } from './broadcast-run.js';

/*
 * Redis (append-only on) restarted under a worker process half way through a 5,000-recipient
 * broadcast, as a managed Redis restarts in an upgrade or a failover. The worker must not exit:
 * its clients reconnect, the jobs whose sends failed meanwhile are retried, the jobs whose locks
 * ran out while Redis was away are taken again, and the Delivery rows (in the store, which never
 * went away) keep it to one message per person. A send whose reply was lost in the restart may
 * go out again: no more of those than the sends in flight (SEND_CONCURRENCY), each in attempts.
 *
 * What each person got is read from their web inbox, where the sender keeps every message before
 * publishing it; it survives the restart in the append-only file. The publishes are heard too, by
 * a subscriber that lives through the same restart: the worker reaches Redis through a gate that
 * lets it back only once that subscriber is in again (RedisGate), so no publish goes unheard.
 */

const RECIPIENTS = 5000;
const CONCURRENCY = 10;
const LOCK_MS = 2000;
const silent = createLogger({ level: 'silent' });

interface Run {
  readonly dataDir: string;
  redis?: RedisProcess;
  gate?: RedisGate;
  pushes?: PushCounter;
  worker?: ServiceProcess;
}

describe('Redis restarted in the middle of a 5,000-recipient broadcast', { timeout: 300_000 }, () => {
  let run: Run | undefined;

  afterEach(async () => {
    await killAll([run?.worker]);
    await run?.pushes?.close();
    await run?.gate?.close();
    await run?.redis?.stop();
    if (run?.redis) fs.rmSync(run.redis.dir, { recursive: true, force: true });
    if (run) fs.rmSync(run.dataDir, { recursive: true, force: true });
    run = undefined;
  });

  /** Starts the broadcast on one worker, takes Redis away for `downMs` once half is published, and waits for the end. */
  async function broadcastThroughRestart(downMs: number): Promise<void> {
    const current: Run = { dataDir: tempDir('lokerbot-redis-restart') };
    run = current;
    const seeded = await withStoreIn(current.dataDir, (store) => seedWebBroadcast(store, RECIPIENTS));
    const redis = await RedisProcess.start({ persist: true });
    current.redis = redis;
    const pushes = await PushCounter.listen(redis.url);
    current.pushes = pushes;
    const gate = await RedisGate.open(redis.port);
    current.gate = gate;
    const worker = spawnService({ DATA_DIR: current.dataDir, REDIS_URL: gate.url, ROLE: 'worker', ALERT_JOB_LOCK_MS: String(LOCK_MS), SEND_CONCURRENCY: String(CONCURRENCY), OUTBOX_POLL_MS: '200' });
    current.worker = worker;

    let restarting: Promise<void> | undefined;
    let heardAtRestart = 0;
    pushes.onPublish((total) => {
      if (restarting || total < RECIPIENTS / 2) return;
      heardAtRestart = total;
      restarting = (async () => {
        await gate.shut();
        await redis.stop();
        if (downMs > 0) await sleep(downMs);
        await redis.restart();
        // The counter hears every publish after the restart: it is back in before the worker is.
        await pushes.whenSubscribed();
        await gate.reopen();
      })();
    });
    await waitFor(() => restarting ?? worker.child.exitCode !== null, 'half of the broadcast published', 120_000, 20);
    expect(worker.child.exitCode, worker.output()).toBeNull();
    await restarting;
    const sentAtRestart = await sentCount(current.dataDir, seeded.sourceId);
    expect(sentAtRestart).toBeLessThan(RECIPIENTS);

    await waitForAsync(async () => (await sentCount(current.dataDir, seeded.sourceId)) === RECIPIENTS, 'every recipient sent after the restart', 180_000, 500);
    const queues = await Queues.connect(redis.url, silent);
    let takenAgain = 0;
    try {
      const sends = queues.queue(SEND_QUEUES.web);
      await waitForAsync(async () => {
        const counts = await sends.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'completed');
        return counts.active === 0 && counts.waiting === 0 && counts.delayed === 0 && counts.prioritized === 0 && counts.completed === RECIPIENTS;
      }, 'every send job completed', 60_000, 200);
      takenAgain = (await sends.getJobs(['completed'], 0, -1)).filter((job) => job.stalledCounter > 0).length;
    } finally {
      await queues.close();
    }
    // Away past the lock, the jobs the worker held lost their locks and were taken again (BullMQ's stalled check).
    if (downMs > LOCK_MS) expect(takenAgain).toBeGreaterThan(0);
    // It lived through it: still running, and it stops cleanly when asked.
    expect(worker.child.exitCode, worker.output()).toBeNull();
    expect(worker.output()).toMatch(/redis connection back/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);

    const rows = await deliveriesIn(current.dataDir, seeded.sourceId);
    const client = await connectRedis(redis.url, silent);
    let kept: Map<string, number>;
    try {
      kept = await inboxCounts(client, seeded.userIds);
    } finally {
      await closeRedis(client);
    }
    const report = expectServedOnce({ userIds: seeded.userIds, rows, calls: (u) => kept.get(u) ?? 0, maxRepeats: CONCURRENCY });
    // Every publish heard was of a kept message; and every person's message was published.
    expect(seeded.userIds.filter((u) => pushes.of(u) > (kept.get(u) ?? 0))).toEqual([]);
    expectServedOnce({ userIds: seeded.userIds, rows, calls: (u) => pushes.of(u), maxRepeats: CONCURRENCY });
    process.stdout.write(`redis down ${downMs} ms after ${heardAtRestart} publishes (${sentAtRestart} rows sent); ${report.repeats} repeated sends, ${report.rowsWithRepeats} rows with attempts > 1, ${takenAgain} jobs taken again after their lock ran out\n`);
  }

  it('restarted at once: the worker lives on and finishes, one sent Delivery row per recipient, repeats at most its concurrency and each recorded', async () => {
    await broadcastThroughRestart(0);
  });

  it('away for longer than the job lock: the same, with the jobs whose locks ran out taken again', async () => {
    await broadcastThroughRestart(LOCK_MS + 1000);
  });
});
