import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DependencyMissingError } from '../../src/errors/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { connectRedis } from '../../src/runtime/redis-client.js';
import { RedisServer } from '../../src/runtime/redis-server.js';
import { isRunning } from '../helpers/process.js';
import { tempDir } from '../helpers/temp-dir.js';

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
});
