import http from 'node:http';
import path from 'node:path';
import { ensureBootstrapToken } from './admin/bootstrap-token.js';
import type { Config } from './config/index.js';
import { createApp } from './http/app.js';
import { pingCheck, type ReadinessCheck } from './http/readiness.js';
import { ChangeFeed } from './runtime/change-feed.js';
import { Lifecycle } from './runtime/lifecycle.js';
import type { Logger } from './runtime/logger.js';
import { connectRedis, type RedisClient } from './runtime/redis-client.js';
import { RedisServer } from './runtime/redis-server.js';
import { Queues } from './runtime/queues.js';
import { openStore, type Store } from './store/index.js';

export interface RunningService {
  readonly store: Store;
  readonly redis: RedisClient;
  /** The HTTP address when this process serves HTTP (roles `all` and `web`). */
  readonly address: { host: string; port: number } | undefined;
  /** Stops everything in order. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * The composition root: picks implementations from the configuration and wires the parts.
 * If starting fails half way, what was already started is stopped again before the error is rethrown.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const lifecycle = new Lifecycle(logger);
  try {
    return await startParts(config, logger, lifecycle);
  } catch (error) {
    await lifecycle.stop();
    throw error;
  }
}

async function startParts(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<RunningService> {
  const log = (name: string) => logger.child({ module: name });
  const redisUrl = config.redisUrl ?? (await startEmbeddedRedis(config, log('redis-server'), lifecycle));

  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    onListenerError: (error) => log('store').error({ err: error }, 'change listener failed'),
  });
  lifecycle.add('store', () => store.close());
  log('store').info({ kind: store.kind }, 'store open');

  const redis = await connectRedis(redisUrl, log('redis'));
  lifecycle.add('redis', () => redis.close());

  const changes = new ChangeFeed(redis, log('change-feed'));
  const unsubscribe = store.onChange((change) => changes.publish(change));
  lifecycle.add('change-feed', async () => {
    unsubscribe();
    await changes.stop();
  });

  if (config.adminToken) {
    const result = await ensureBootstrapToken(store, config.adminToken);
    log('admin').info({ result }, 'bootstrap admin token');
  }

  const queues = new Queues(redis, log('queues'));
  lifecycle.add('queues', () => queues.close());
  if (config.role !== 'web') log('workers').info({ workers: queues.workerCount }, 'workers running');

  const readiness: ReadinessCheck[] = [pingCheck('store', () => store.ping()), pingCheck('redis', () => redis.ping())];
  const address = config.role === 'worker' ? undefined : await startHttp(config, logger, readiness, lifecycle);
  logger.info({ role: config.role, store: store.kind, http: address }, 'LokerBot is running');

  return { store, redis, address, stop: () => lifecycle.stop() };
}

async function startEmbeddedRedis(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<string> {
  const server = new RedisServer({ dir: path.join(config.dataDir, 'redis'), bin: config.redisServerBin, logger });
  lifecycle.add('redis-server', () => server.stop());
  await server.start();
  return server.url;
}

async function startHttp(
  config: Config,
  logger: Logger,
  readiness: readonly ReadinessCheck[],
  lifecycle: Lifecycle,
): Promise<{ host: string; port: number }> {
  const app = createApp({ logger: logger.child({ module: 'http' }), readiness });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  lifecycle.add('http', () => closeHttp(server, config.shutdownTimeoutMs / 2));
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : config.port;
  return { host: config.host, port };
}

/** Stops accepting connections, lets requests in flight finish, then cuts what is left. */
function closeHttp(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
