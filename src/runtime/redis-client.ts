import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger.js';

export type RedisClient = RedisClientType;

/** Connects a node-redis client; connection errors are logged (without the URL's password), never thrown at random. */
export async function connectRedis(url: string, logger: Logger, name = 'main'): Promise<RedisClient> {
  const client: RedisClient = createClient({
    url,
    name: `lokerbot-${name}`,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000), connectTimeout: 5000 },
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // node-redis emits the same error on every reconnect attempt; log each distinct one once.
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ err: error, client: name }, 'redis connection error');
  });
  client.on('ready', () => {
    lastError = '';
  });
  await client.connect();
  return client;
}
