import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SEND_QUEUES } from '../../src/alerts/send-job.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { withStoreIn } from '../helpers/cli.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { killAll, spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { deliveriesIn, expectServedOnce, inboxCounts, PushCounter, seedWebBroadcast, sentCount } from './broadcast-run.js';

/*
 * The guarantee of a broadcast against the worst a worker process can do: die with SIGKILL in the
 * middle of it, with sends in flight whose outcome nobody recorded. A new worker takes the jobs
 * the dead one held once their locks run out (ALERT_JOB_LOCK_MS), and the Delivery rows decide
 * what is left to send. No platform takes an idempotency key, so a send that went out just before
 * the kill may go out again; there can be no more of those than the dead worker had in flight
 * (SEND_CONCURRENCY), and each shows in its row's attempts.
 */

const RECIPIENTS = 5000;
const CONCURRENCY = 10;
const silent = createLogger({ level: 'silent' });

describe('a worker process killed with SIGKILL in the middle of a 5,000-recipient broadcast', { timeout: 300_000 }, () => {
  const dataDir = tempDir('lokerbot-killed-broadcast');
  const processes: ServiceProcess[] = [];
  let redis: RedisProcess | undefined;
  let pushes: PushCounter | undefined;

  afterAll(async () => {
    await killAll(processes);
    await pushes?.close();
    await redis?.stop();
    if (redis) fs.rmSync(redis.dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is finished by a new worker: one sent Delivery row per recipient, none missing, repeats at most the dead worker\'s concurrency and each recorded in attempts', async () => {
    const seeded = await withStoreIn(dataDir, (store) => seedWebBroadcast(store, RECIPIENTS));
    redis = await RedisProcess.start({ persist: true });
    pushes = await PushCounter.listen(redis.url);
    const env = { DATA_DIR: dataDir, REDIS_URL: redis.url, ROLE: 'worker', ALERT_JOB_LOCK_MS: '2000', SEND_CONCURRENCY: String(CONCURRENCY), OUTBOX_POLL_MS: '200' };

    const doomed = spawnService(env);
    processes.push(doomed);
    // Killed from inside the publish listener, the moment the third is heard: no send can slip by.
    let killedAt = 0;
    pushes.onPublish((total) => {
      if (killedAt === 0 && total >= Math.floor(RECIPIENTS / 3)) {
        killedAt = total;
        doomed.child.kill('SIGKILL');
      }
    });
    await waitFor(() => killedAt > 0 || doomed.child.exitCode !== null, 'a third of the broadcast sent', 120_000, 20);
    expect(doomed.child.exitCode, doomed.output()).toBeNull();
    await doomed.exited;
    expect(doomed.child.signalCode).toBe('SIGKILL');

    // Really in the middle: some rows are sent, many are not, and the dead worker's claims are left pending.
    const sentAtKill = await sentCount(dataDir, seeded.sourceId);
    expect(sentAtKill).toBeGreaterThan(0);
    expect(sentAtKill).toBeLessThan(RECIPIENTS);

    const successor = spawnService(env);
    processes.push(successor);
    await waitForAsync(async () => (await sentCount(dataDir, seeded.sourceId)) === RECIPIENTS, 'every recipient sent by the new worker', 180_000, 500);

    // Nothing is left running that could still send: every send job is finished.
    const queues = await Queues.connect(redis.url, silent);
    try {
      await waitForAsync(async () => {
        const counts = await queues.queue(SEND_QUEUES.web).getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'completed');
        return counts.active === 0 && counts.waiting === 0 && counts.delayed === 0 && counts.prioritized === 0 && counts.completed === RECIPIENTS;
      }, 'every send job completed', 60_000, 200);
    } finally {
      await queues.close();
    }
    successor.child.kill('SIGTERM');
    expect(await successor.exited, successor.output()).toBe(0);

    const rows = await deliveriesIn(dataDir, seeded.sourceId);
    const published = expectServedOnce({ userIds: seeded.userIds, rows, calls: (u) => pushes?.of(u) ?? 0, maxRepeats: CONCURRENCY });
    // The inbox holds what each person will see: kept before each publish, so a kill between the
    // two leaves one more there than was heard. Repeats are bounded and recorded all the same.
    const client = await connectRedis(redis.url, silent);
    try {
      const kept = await inboxCounts(client, seeded.userIds);
      expect(seeded.userIds.filter((u) => (kept.get(u) ?? 0) < (pushes?.of(u) ?? 0))).toEqual([]);
      expectServedOnce({ userIds: seeded.userIds, rows, calls: (u) => kept.get(u) ?? 0, maxRepeats: CONCURRENCY });
    } finally {
      await closeRedis(client);
    }
    process.stdout.write(`worker killed at ${killedAt} publishes (${sentAtKill} rows sent); ${published.repeats} repeated sends, ${published.rowsWithRepeats} rows with attempts > 1\n`);
  });
});
