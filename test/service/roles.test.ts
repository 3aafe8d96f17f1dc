import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/runtime/free-port.js';
import { useTestRedis } from '../helpers/redis.js';
import { spawnService, waitForStatus } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait.js';

const dataDir = tempDir('lokerbot-roles');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Each case spawns whole service processes through tsx: slow on a busy 2-core machine.
describe('process roles against one Redis and one store', { timeout: 120_000 }, () => {
  const redis = useTestRedis();

  it('runs a web process and a worker process side by side; only the web one serves HTTP', async () => {
    const webPort = await freePort();
    const workerPort = await freePort();
    const web = spawnService({ ROLE: 'web', DATA_DIR: dataDir, REDIS_URL: redis.url, PORT: String(webPort) });
    const worker = spawnService({ ROLE: 'worker', DATA_DIR: dataDir, REDIS_URL: redis.url, PORT: String(workerPort) });
    await waitForStatus(`http://127.0.0.1:${webPort}/readyz`, 200);
    await waitFor(() => /"role":"worker".*"msg":"LokerBot is running"/.test(worker.output()) || worker.child.exitCode !== null, 'worker start-up log line', 60_000, 100);
    expect(worker.output()).toMatch(/"role":"worker".*"msg":"LokerBot is running"/);
    await expect(fetch(`http://127.0.0.1:${workerPort}/healthz`)).rejects.toThrow();
    // Neither started a redis-server of its own: REDIS_URL was given.
    expect(fs.existsSync(`${dataDir}/redis`)).toBe(false);
    web.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
    expect(await worker.exited).toBe(0);
  });
});
