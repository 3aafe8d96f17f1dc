import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { Queues } from '../../src/runtime/queues.js';
import { uniquePrefix } from '../helpers/redis.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const silent = createLogger({ level: 'silent' });

/*
 * Our Queues, not BullMQ's own dedupe: an error event nobody listens to ends a node process, and
 * BullMQ's node-redis adapter re-emits every connection error, even before any queue exists. Here
 * the Redis under the queues is dropped, killed and restarted while they run; the process must
 * live on (vitest fails the run on an unhandled error) and jobs must still be done.
 */
describe('Queues through Redis faults', () => {
  let server: RedisProcess;
  beforeAll(async () => {
    server = await RedisProcess.start();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  });

  it('lives through a connection drop before any queue exists', async () => {
    const queues = await Queues.connect(server.url, silent, { prefix: uniquePrefix('q') });
    const admin = await connectRedis(server.url, silent, { name: 'admin' });
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal']);
    await waitFor(() => queues.connected, 'the queues connection to come back', 10_000);
    await closeRedis(admin);
    await queues.close();
  });

  it('does every job added before and after Redis was killed and restarted, and closes while it is down', async () => {
    const queues = await Queues.connect(server.url, silent, { prefix: uniquePrefix('q') });
    const done: number[] = [];
    queues.worker<{ n: number }>('alerts', (job) => {
      done.push(job.data.n);
      return Promise.resolve();
    });
    const queue = queues.queue<{ n: number }>('alerts');
    await queue.add('send', { n: 1 }, { jobId: 'vacancy-v1-1' });
    await waitFor(() => done.includes(1), 'the first job');
    // Killed before it had recorded the job done, Redis would rightly hand it out again (at least once).
    await waitForAsync(async () => (await queue.getJobState('vacancy-v1-1')) === 'completed', 'the first job recorded done');

    await server.kill();
    await waitFor(() => !queues.connected, 'the queues to notice');
    // Added while Redis is away: BullMQ's connection queues it until Redis is back.
    const added = queue.add('send', { n: 2 }, { jobId: 'vacancy-v1-2' });
    await server.restart();
    await added;
    await queue.add('send', { n: 3 }, { jobId: 'vacancy-v1-3' });
    await waitFor(() => done.includes(2) && done.includes(3), 'the jobs after the restart', 20_000);
    expect(done.sort()).toEqual([1, 2, 3]);

    await server.kill();
    const started = Date.now();
    await queues.close();
    expect(Date.now() - started).toBeLessThan(15_000);
    await server.restart();
  });
});
