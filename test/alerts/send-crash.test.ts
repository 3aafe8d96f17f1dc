import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vacancySourceId, type SendJobData } from '../../src/alerts/send-job.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeSubscription } from '../fixtures/domain.js';
import { isRunning } from '../helpers/process.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { FakeSender, createHarness, type Harness } from './send-harness.js';

/*
 * A worker process killed (SIGKILL) after it handed a message to the platform and before it
 * recorded the outcome: another worker re-runs the job once its lock expires, sends again (no
 * platform takes an idempotency key), and the Delivery row records the repeat.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHAT = '5559001';

describe('a send worker killed in the middle of a send', () => {
  const redis = useTestRedis();
  let harness: Harness | undefined;
  let dir = '';

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is re-run by another worker: one repeat at most, recorded in attempts, and then sent', async () => {
    dir = tempDir('lokerbot-crash');
    const file = path.join(dir, 'lokerbot.sqlite');
    const prefix = uniquePrefix('crash');
    const callsKey = `${prefix}:calls`;
    const store = new Store(new SqliteBackend({ file }));
    await store.subscriptions.create(makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: CHAT }, subscriberKey: `telegram/${CHAT}` }));
    const job: SendJobData = { kind: 'vacancy-alert', sourceId: vacancySourceId('vac-1'), vacancyId: 'vac-1', subscriptionId: 'sub-1' };

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/alerts/send-worker-child.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REDIS_URL: redis.url, BULL_PREFIX: prefix, DB_FILE: file, CALLS_KEY: callsKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => output.includes('ready') || child.exitCode !== null, 'the worker process to start', 30_000);
      expect(output).toContain('ready');
      harness = await createHarness(redis, { store, prefix, telegram: { perChatMs: 0 }, stalls: { lockDurationMs: 1500, stalledIntervalMs: 500 } });
      await harness.enqueue('telegram', job);
      await waitForAsync(async () => (await redis.client.lLen(callsKey)) === 1, 'the first send', 10_000);
    } finally {
      child.kill('SIGKILL');
    }
    await waitFor(() => !isRunning(child.pid ?? 0), 'the worker process to die');
    expect(await store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'pending', attempts: 1 });

    const sender = new FakeSender();
    await harness.workers.startChannel('telegram', sender);
    const { state } = await harness.settled('telegram', 'vacancy-vac-1-sub-1', 15_000);

    expect(state).toBe('completed');
    expect(await redis.client.lLen(callsKey)).toBe(1);
    expect(sender.calls.map((c) => c.userId)).toEqual([CHAT]);
    expect(await store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await store.deliveries.count({ sourceId: 'vacancy-vac-1' })).toBe(1);
  }, 60_000);
});
