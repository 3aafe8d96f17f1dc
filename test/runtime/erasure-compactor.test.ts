import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErasureCompactor } from '../../src/runtime/erasure-compactor.js';
import { createLogger } from '../../src/runtime/logger.js';
import { closeRedis, connectRedis, type RedisClient } from '../../src/runtime/redis-client.js';
import { RedisProcess } from '../helpers/redis-process.js';

const silent = createLogger({ level: 'silent' });

/** Every file under `dir`, as one buffer per path. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

function holding(dir: string, needle: string): string[] {
  return [...filesUnder(dir)].filter(([, bytes]) => bytes.includes(needle)).map(([file]) => path.relative(dir, file));
}

describe('ErasureCompactor', () => {
  let server: RedisProcess;
  let redis: RedisClient;
  beforeAll(async () => {
    server = await RedisProcess.start({ persist: true });
    redis = await connectRedis(server.url, silent);
  });
  afterAll(async () => {
    await closeRedis(redis);
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  });

  it('rewrites the append-only file so a deleted key leaves the disk, and compacts the store too', async () => {
    const compacted: string[] = [];
    const compactor = new ErasureCompactor(redis, silent, { compactStore: () => Promise.resolve(void compacted.push('store')) });
    await redis.set('lokerbot:conv:state:x', JSON.stringify({ name: 'Wibisono Quartzfeld' }));
    await redis.set('lokerbot:other', 'stays');
    await redis.sendCommand(['BGREWRITEAOF']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.del('lokerbot:conv:state:x');
    expect(holding(server.dir, 'Wibisono Quartzfeld').length).toBeGreaterThan(0);

    compactor.noteErasure();
    await compactor.flush();
    expect(compacted).toEqual(['store']);
    expect(holding(server.dir, 'Wibisono Quartzfeld')).toEqual([]);
    // Only the erased data went: the rest is still there after a restart from the rewritten files.
    await server.restart();
    const again = await connectRedis(server.url, silent);
    expect(await again.get('lokerbot:other')).toBe('stays');
    expect(await again.get('lokerbot:conv:state:x')).toBeNull();
    await closeRedis(again);
  });

  it('batches erasures: one compaction for many, not before settleMs, and none when nothing was erased', async () => {
    let runs = 0;
    const compactor = new ErasureCompactor(redis, silent, { settleMs: 200, minIntervalMs: 60_000, compactStore: () => Promise.resolve(void runs++) });
    await compactor.flush();
    expect(runs).toBe(0);
    for (let i = 0; i < 5; i++) compactor.noteErasure();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(1);
    // The next erasure within minIntervalMs waits; shutdown (flush) still compacts it.
    compactor.noteErasure();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(runs).toBe(1);
    await compactor.flush();
    expect(runs).toBe(2);
  });
});
