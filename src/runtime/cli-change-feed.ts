import fs from 'node:fs';
import path from 'node:path';
import { ChangeFeed } from './change-feed.js';
import { createLogger } from './logger.js';
import { closeRedis, connectRedis, type RedisClient } from './redis-client.js';
import type { Store } from '../store/index.js';

export interface CliChangeFeedOptions {
  /** `REDIS_URL`, when set. */
  readonly redisUrl: string | undefined;
  /** `DATA_DIR`: where a running service's embedded redis-server writes its port. */
  readonly dataDir: string;
  /** How often running processes reconcile on their own (`INDEX_RECONCILE_SECONDS`), for the note. */
  readonly reconcileSeconds: number;
  readonly stderr: { write(chunk: string): unknown };
}

/**
 * Tells running LokerBot processes about what a CLI command writes, through the same change feed
 * they follow, so an import shows in searches and alerts at once. The Redis is `REDIS_URL`, or the
 * embedded redis-server a service on the same `DATA_DIR` started. Without a reachable Redis the
 * command still runs; the processes pick the changes up when they next reconcile with the store.
 * Returns a function that waits until every change is sent and disconnects.
 */
export async function publishStoreChanges(store: Store, options: CliChangeFeedOptions): Promise<() => Promise<void>> {
  const url = options.redisUrl ?? embeddedRedisUrl(options.dataDir);
  const later = `running LokerBot processes will see these changes within ${options.reconcileSeconds} s`;
  if (!url) {
    options.stderr.write(`note: no running LokerBot Redis found; ${later}\n`);
    return () => Promise.resolve();
  }
  let redis: RedisClient;
  try {
    redis = await connectRedis(url, createLogger({ level: 'silent' }), { name: 'cli', connectWaitMs: 2000 });
  } catch {
    options.stderr.write(`note: Redis is not reachable; ${later}\n`);
    return () => Promise.resolve();
  }
  const feed = new ChangeFeed(redis, createLogger({ level: 'silent' }));
  const off = store.onChange((change) => feed.publish(change));
  return async () => {
    off();
    await feed.flush();
    await closeRedis(redis);
  };
}

function embeddedRedisUrl(dataDir: string): string | undefined {
  try {
    const port = Number(fs.readFileSync(path.join(dataDir, 'redis', 'redis-server.port'), 'utf8'));
    return Number.isInteger(port) && port > 0 ? `redis://127.0.0.1:${port}` : undefined;
  } catch {
    return undefined;
  }
}
