import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/runtime/free-port.js';
import { ChatClient } from '../helpers/chat-client.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { killAll, spawnService, waitForStatus, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait.js';

const dataDir = tempDir('lokerbot-external-redis');
const running: ServiceProcess[] = [];
let redis: RedisProcess | undefined;
afterAll(async () => {
  await killAll(running);
  await redis?.stop();
  if (redis) fs.rmSync(redis.dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/*
 * Production's shape on one machine: a web process and a worker process on one external Redis
 * (REDIS_URL) and one store. Redis restarts under them, as a managed Redis does in a failover or an
 * upgrade: neither process may exit, the web one says so on /readyz meanwhile, and both carry on.
 */
describe('two processes on one external Redis', { timeout: 120_000 }, () => {
  it('both survive a Redis restart; the web process is unready meanwhile and then serves the same conversation', async () => {
    redis = await RedisProcess.start({ persist: true });
    const port = await freePort();
    const common = { DATA_DIR: dataDir, REDIS_URL: redis.url };
    const web = spawnService({ ...common, ROLE: 'web', PORT: String(port) });
    const worker = spawnService({ ...common, ROLE: 'worker', PORT: String(await freePort()) });
    running.push(web, worker);
    const base = `http://127.0.0.1:${port}`;
    await waitForStatus(`${base}/readyz`, 200);
    await waitFor(() => worker.output().includes('LokerBot is running'), 'the worker to start', 60_000);

    const person = new ChatClient(base);
    for (const text of ['halo', '1', 'setuju']) await person.say(text);
    await new Promise((resolve) => setTimeout(resolve, 1200));

    await redis.stop();
    await waitForStatus(`${base}/readyz`, 503, 10_000);
    const refused = await person.send('Dewi Lestari');
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).not.toBeNull();
    await redis.restart();

    await waitForStatus(`${base}/readyz`, 200, 30_000);
    const replies = await person.answerWhenBack('Dewi Lestari', 15_000);
    expect(replies.at(-1)?.text).toMatch(/kecamatan/i);
    await waitFor(() => /redis connection back/.test(worker.output()), 'the worker to reconnect', 30_000);
    expect(web.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();

    web.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
    expect(await worker.exited).toBe(0);
  });
});
