import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeVacancy } from '../fixtures/domain.js';
import { freePort } from '../../src/runtime/free-port.js';
import { spawnService, waitForStatus } from '../helpers/service-process.js';
import { isRunning } from '../helpers/process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait.js';

const dataDir = tempDir('lokerbot-service');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function redisPidOf(dir: string): number {
  return Number(fs.readFileSync(path.join(dir, 'redis', 'redis-server.pid'), 'utf8'));
}


// Each case spawns the whole service through tsx: slow on a busy 2-core machine.
describe('the service process', { timeout: 120_000 }, () => {
  it('starts on embedded defaults, is ready, stops on SIGTERM with exit 0 and no leftover redis-server, and keeps its data', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), ADMIN_TOKEN: 'bootstrap-token-for-tests-0123456789', PUBLIC_BASE_URL: 'https://loker.bekasikab.go.id' };
    const first = spawnService(env);
    await waitForStatus(`http://127.0.0.1:${port}/healthz`, 200);
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks)).toEqual(['store', 'redis', 'channel:web']);
    const redisPid = redisPidOf(dataDir);
    expect(isRunning(redisPid)).toBe(true);

    first.child.kill('SIGTERM');
    const started = Date.now();
    expect(await first.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isRunning(redisPid)).toBe(false);
    expect(first.output()).not.toContain('bootstrap-token-for-tests');

    // Something stored while it was down must be there after the next start, with the same token.
    const backend = new SqliteBackend({ file: path.join(dataDir, 'lokerbot.sqlite') });
    const store = new Store(backend);
    await store.vacancies.create(makeVacancy('vac-kept'));
    const at = new Date().toISOString();
    await store.companies.create({ id: 'cmp-astra', name: 'PT Astra Otoparts Tbk', verification: { verifiedBy: 'Kasi Penempatan', verifiedAt: at }, createdAt: at, updatedAt: at });
    expect(await store.adminTokens.count()).toBe(1);
    await backend.close();

    const second = spawnService(env);
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    // The public vacancy feed is served, with links on PUBLIC_BASE_URL.
    const feed = (await (await fetch(`http://127.0.0.1:${port}/lowongan.jsonld`)).json()) as { numberOfItems: number; itemListElement: { url: string }[] };
    expect(feed.numberOfItems).toBe(1);
    expect(feed.itemListElement[0]?.url).toBe('https://loker.bekasikab.go.id/lowongan/vac-kept');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const reopened = new SqliteBackend({ file: path.join(dataDir, 'lokerbot.sqlite') });
    const after = new Store(reopened);
    expect((await after.vacancies.get('vac-kept'))?.id).toBe('vac-kept');
    expect(await after.adminTokens.count()).toBe(1);
    await reopened.close();
  });

  it.each([
    [{ PORT: 'http' }, /^config error: PORT: must be a whole number from 1 to 65535 \(got "http"\)$/],
    [{ MONGODB_URI: 'mongo:27017' }, /^config error: MONGODB_URI: must be a URL starting with mongodb:\/\//],
  ])('refuses a malformed %o with one clear line and exit 1', async (env, line) => {
    const service = spawnService({ DATA_DIR: dataDir, ...env });
    expect(await service.exited).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('stops itself, and its redis-server, when whatever started it dies without passing a signal on', async () => {
    const dir = tempDir('lokerbot-orphan');
    const port = await freePort();
    // bash stays the parent (the trailing `; true` keeps it from exec-ing node), then dies by SIGKILL.
    const shell = spawn('bash', ['-c', `${process.execPath} --import tsx src/main.ts; true`], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const redisPid = redisPidOf(dir);
    shell.kill('SIGKILL');
    await waitFor(() => !isRunning(redisPid), 'exit of the orphaned redis-server', 20_000, 200);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains a missing redis-server instead of printing a stack trace', async () => {
    const service = spawnService({ DATA_DIR: tempDir('lokerbot-noredis'), PORT: String(await freePort()), REDIS_SERVER_BIN: 'no-such-redis-server' });
    expect(await service.exited).toBe(1);
    expect(service.output()).toMatch(/redis-server \(no-such-redis-server\) was not found\. Install it \(Debian\/Ubuntu: `sudo apt-get install -y redis-server`/);
    expect(service.output()).not.toMatch(/\n\s+at /);
  });
});
