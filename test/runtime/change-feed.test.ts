import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../src/runtime/change-feed.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { StoreChange } from '../../src/store/index.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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
    await until(() => seen.length === 50);
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
    await until(() => seen.length === 2);
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
    await until(() => seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(['theirs']);
    await own.stop();
  });
});
