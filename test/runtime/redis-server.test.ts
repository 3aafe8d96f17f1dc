import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DependencyMissingError } from '../../src/errors/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { connectRedis } from '../../src/runtime/redis-client.js';
import { RedisServer } from '../../src/runtime/redis-server.js';
import { isRunning } from '../helpers/process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const silent = createLogger({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});


describe('RedisServer', () => {
  it('keeps data across a restart in its append-only file', async () => {
    const dir = tempDir('lokerbot-redis');
    dirs.push(dir);
    const first = new RedisServer({ dir, logger: silent });
    await first.start();
    const client = await connectRedis(first.url, silent);
    await client.set('lokerbot:test', 'kept');
    await client.close();
    await first.stop();

    const second = new RedisServer({ dir, logger: silent });
    await second.start();
    const again = await connectRedis(second.url, silent);
    expect(await again.get('lokerbot:test')).toBe('kept');
    await again.close();
    await second.stop();
  });

  it('stops a server left behind by a previous run on the same directory', async () => {
    const dir = tempDir('lokerbot-redis');
    dirs.push(dir);
    const orphan = new RedisServer({ dir, persist: false, logger: silent });
    await orphan.start();
    const pid = Number(fs.readFileSync(`${dir}/redis-server.pid`, 'utf8'));
    const next = new RedisServer({ dir, persist: false, logger: silent });
    await next.start();
    expect(isRunning(pid)).toBe(false);
    await next.stop();
    await orphan.stop();
  });

  it('says how to install redis-server when it is missing', async () => {
    const dir = tempDir('lokerbot-redis');
    dirs.push(dir);
    const server = new RedisServer({ dir, bin: 'redis-server-that-does-not-exist', logger: silent });
    const error = await server.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyMissingError);
    expect((error as Error).message).toMatch(/apt-get install -y redis-server.*REDIS_URL/);
  });

  it('starts again on the same port and append-only file when it dies, and clients carry on', async () => {
    const dir = tempDir('lokerbot-redis');
    dirs.push(dir);
    const server = new RedisServer({ dir, logger: silent });
    await server.start();
    const client = await connectRedis(server.url, silent);
    await client.set('lokerbot:test', 'kept');
    // appendfsync everysec: give the write a moment to reach the file before the crash.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const first = server.pid;
    if (first === undefined) throw new Error('no pid');
    process.kill(first, 'SIGKILL');
    await waitFor(() => server.state === 'restarting' || (server.pid !== first && server.state === 'running'), 'the supervisor to notice');
    await waitFor(() => server.state === 'running' && server.pid !== first, 'the restart', 10_000);
    expect(fs.readFileSync(path.join(dir, 'redis-server.port'), 'utf8')).toBe(String(server.port));
    expect(await waitForAsync(() => client.get('lokerbot:test'), 'the value after the restart', 10_000)).toBe('kept');
    await client.close();
    await server.stop();
    expect(isRunning(first)).toBe(false);
  });

  it('dies with the node process that started it, however that process dies', async () => {
    const dir = tempDir('lokerbot-redis');
    dirs.push(dir);
    // A separate node process owns the server; it is then killed with SIGKILL, which runs no cleanup.
    const script = `import { RedisServer } from ${JSON.stringify(path.resolve('src/runtime/redis-server.ts'))};
const server = new RedisServer({ dir: ${JSON.stringify(dir)} });
await server.start();
process.stdout.write('pid ' + server.pid + '\\n');
setInterval(() => undefined, 1000);`;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    owner.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const pid = Number((await waitFor(() => /pid (\d+)/.exec(out) ?? undefined, 'the redis-server pid', 15_000))[1]);
    expect(isRunning(pid)).toBe(true);
    owner.kill('SIGKILL');
    await waitFor(() => !isRunning(pid), 'the orphaned redis-server to stop', 5_000);
  });
});
