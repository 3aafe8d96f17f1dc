import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger.js';

export type RedisClient = RedisClientType;

/** Connects a node-redis client; connection errors are logged (without the URL's password), never thrown at random. */
export async function connectRedis(url: string, logger: Logger, name = 'main'): Promise<RedisClient> {
  const client: RedisClient = createClient({
    url,
    name: `lokerbot-${name}`,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000), connectTimeout: 5000 },
    // The default per-command timeout arms an AbortSignal timer for every command, a measurable
    // cost at chat rates; a dead connection is caught by the socket and the reconnect strategy.
    commandOptions: { timeout: 0 },
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
