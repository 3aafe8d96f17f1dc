import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../src/runtime/change-feed.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { StoreChange } from '../../src/store/index.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { sleep, waitFor } from '../helpers/wait.js';

const silent = createLogger({ level: 'silent' });

describe('ChangeFeed', () => {
  const redis = useTestRedis();

  it('carries every change of one process to another, in order', async () => {
    const stream = uniquePrefix('changes');
    const writer = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const reader = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    writer.publish({ collection: 'vacancies', op: 'upsert', id: 'before-follow' });
    const seen: StoreChange[] = [];
    await reader.follow((change) => seen.push(change));
    for (let i = 0; i < 50; i++) writer.publish({ collection: 'vacancies', op: i % 10 === 9 ? 'delete' : 'upsert', id: `vac-${i}` });
    await waitFor(() => seen.length === 50, 'the changes');
    expect(seen.map((c) => c.id)).toEqual(Array.from({ length: 50 }, (_, i) => `vac-${i}`));
    expect(seen[9]).toEqual({ collection: 'vacancies', op: 'delete', id: 'vac-9' });
    await reader.stop();
  });

  it('keeps following after a handler throws', async () => {
    const stream = uniquePrefix('changes');
    const writer = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const feed = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const seen: string[] = [];
    await feed.follow((change) => {
      if (change.id === 'bad') throw new Error('handler bug');
      seen.push(change.id);
    });
    for (const id of ['a', 'bad', 'b']) writer.publish({ collection: 'seekers', op: 'upsert', id });
    await waitFor(() => seen.length === 2, 'the changes');
    expect(seen).toEqual(['a', 'b']);
    await feed.stop();
  });

  it('skips the changes its own process wrote (it applied them as it wrote them)', async () => {
    const stream = uniquePrefix('changes');
    const own = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const other = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const seen: string[] = [];
    await own.follow((change) => seen.push(change.id));
    own.publish({ collection: 'vacancies', op: 'upsert', id: 'mine' });
    other.publish({ collection: 'vacancies', op: 'upsert', id: 'theirs' });
    await waitFor(() => seen.length === 1, 'the changes');
    await sleep(200);
    expect(seen).toEqual(['theirs']);
    await own.stop();
  });

  it('sends every published change before flush() resolves (the CLI exits right after)', async () => {
    const stream = uniquePrefix('changes');
    const feed = new ChangeFeed(redis.client, silent, { stream });
    for (let i = 0; i < 200; i++) feed.publish({ collection: 'vacancies', op: 'upsert', id: `vac-${i}` });
    await feed.flush();
    expect(await redis.client.xLen(stream)).toBe(200);
  });
});

describe('ChangeFeed through a Redis restart', () => {
  it('reports the gap once Redis is back, and follows what is written after it, even when Redis lost its data', async () => {
    const server = await RedisProcess.start({ persist: false });
    const client = await connectRedis(server.url, silent);
    const stream = uniquePrefix('changes');
    const writer = new ChangeFeed(client, silent, { stream, blockMs: 100 });
    const reader = new ChangeFeed(client, silent, { stream, blockMs: 100 });
    const seen: string[] = [];
    let gaps = 0;
    try {
      await reader.follow((change) => seen.push(change.id), () => gaps++);
      for (const id of ['a', 'b', 'c']) writer.publish({ collection: 'vacancies', op: 'upsert', id });
      await waitFor(() => seen.length === 3, 'the changes before the restart');

      // Without persistence the restarted Redis has no stream: its ids start again below our cursor.
      await server.restart();
      await waitFor(() => gaps === 1, 'the gap to be reported', 15_000);
      await waitFor(() => client.isReady, 'the writer to reconnect', 10_000);
      writer.publish({ collection: 'vacancies', op: 'upsert', id: 'after' });
      await waitFor(() => seen.includes('after'), 'a change written after the restart', 10_000);
      expect(seen).toEqual(['a', 'b', 'c', 'after']);
    } finally {
      await reader.stop();
      await closeRedis(client);
      await server.stop();
      fs.rmSync(server.dir, { recursive: true, force: true });
    }
  });
});
