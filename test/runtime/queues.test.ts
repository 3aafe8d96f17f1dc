import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

describe('Queues (BullMQ over node-redis)', () => {
  const redis = useTestRedis();

  it('runs each job once per deterministic id and closes without closing the shared client', async () => {
    const queues = new Queues(redis.client, createLogger({ level: 'silent' }), { prefix: uniquePrefix('q') });
    const queue = queues.queue<{ n: number }>('alerts');
    const handled: number[] = [];
    let resolveAll: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (resolveAll = resolve));
    queues.worker<{ n: number }>('alerts', (job) => {
      handled.push(job.data.n);
      if (handled.length === 3) resolveAll();
      return Promise.resolve();
    });
    for (const n of [1, 2, 2, 3]) await queue.add('send', { n }, { jobId: `vacancy-v1-${n}` });
    await allDone;
    await queues.close();
    expect(handled.sort()).toEqual([1, 2, 3]);
    expect(await redis.client.ping()).toBe('PONG');
  });
});
