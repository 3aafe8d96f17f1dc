import http from 'node:http';
import path from 'node:path';
import { ensureBootstrapToken } from './admin/bootstrap-token.js';
import { markRecipientBlocked } from './alerts/recipient-blocked.js';
import type { ChannelAdapter } from './channels/channel.js';
import { TelegramAdapter } from './channels/telegram/index.js';
import { WebChannel } from './channels/web/web-channel.js';
import { realClientFactory, WhatsAppAdapter } from './channels/whatsapp/index.js';
import type { Config } from './config/index.js';
import { createConversationEngine } from './conversation/index.js';
import type { Channel } from './domain/index.js';
import { requireAdmin } from './http/admin-auth.js';
import { createApp } from './http/app.js';
import { pingCheck, type ReadinessCheck } from './http/readiness.js';
import { MatcherConversationServices } from './indexes/conversation-services.js';
import { MatchIndex } from './indexes/match-index.js';
import { createDefaultMatcher } from './matching/index.js';
import { ChangeFeed } from './runtime/change-feed.js';
import { Lifecycle } from './runtime/lifecycle.js';
import type { Logger } from './runtime/logger.js';
import { projectRoot } from './project-root.js';
import { connectRedis, type RedisClient } from './runtime/redis-client.js';
import { RedisLease } from './runtime/redis-lease.js';
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

interface Parts {
  readonly config: Config;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly store: Store;
  readonly redis: RedisClient;
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
  const parts: Parts = { config, logger, lifecycle, store, redis };

  if (config.adminToken) {
    const result = await ensureBootstrapToken(store, config.adminToken);
    log('admin').info({ result }, 'bootstrap admin token');
  }

  const index = await startMatchIndex(parts);

  const queues = new Queues(redis, log('queues'));
  lifecycle.add('queues', () => queues.close());
  if (config.role !== 'web') log('workers').info({ workers: queues.workerCount }, 'workers running');

  const readiness: ReadinessCheck[] = [pingCheck('store', () => store.ping()), pingCheck('redis', () => redis.ping())];
  if (config.role === 'worker') {
    logger.info({ role: config.role, store: store.kind }, 'LokerBot is running');
    return { store, redis, address: undefined, stop: () => lifecycle.stop() };
  }

  const channels = buildChannels(parts);
  const channelChecks = channels.map((c): ReadinessCheck => ({ ...c.readiness, critical: false }));
  const address = await startHttp(parts, [...readiness, ...channelChecks], channels);
  const engine = createConversationEngine({
    root: projectRoot(),
    redis,
    store,
    services: new MatcherConversationServices(index.matcher, store),
    logger: log('conversation'),
    engine: { idleTimeoutMs: config.conversationIdleMinutes * 60_000 },
  });
  for (const channel of channels) {
    lifecycle.add(`channel:${channel.name}`, () => channel.stop());
    await channel.start(engine);
  }
  logger.info({ role: config.role, store: store.kind, http: address, channels: channels.map((c) => c.name) }, 'LokerBot is running');
  return { store, redis, address, stop: () => lifecycle.stop() };
}

/**
 * Builds the matching indexes from the store and keeps them current: from this process's own
 * writes at once, and from every process's writes through the change feed. Following starts
 * before the build so no change made during the build is missed (applying one twice is harmless).
 */
async function startMatchIndex({ store, redis, logger, lifecycle }: Parts): Promise<MatchIndex> {
  const index = new MatchIndex(createDefaultMatcher(), store, logger.child({ module: 'match-index' }));
  const changes = new ChangeFeed(redis, logger.child({ module: 'change-feed' }));
  const unpublish = store.onChange((change) => changes.publish(change));
  const unapply = store.onChange((change) => void index.apply(change));
  lifecycle.add('change-feed', async () => {
    unpublish();
    unapply();
    await changes.stop();
  });
  await changes.follow((change) => void index.apply(change));
  await index.load();
  return index;
}

function buildChannels({ config, logger, store, redis, lifecycle }: Parts): ChannelAdapter[] {
  const onBlocked = (channel: Channel) => (userId: string) => markRecipientBlocked(store, channel, userId);
  const channels: ChannelAdapter[] = [new WebChannel({ redis, logger: logger.child({ module: 'web-chat' }), publicDir: path.join(projectRoot(), 'public') })];
  const { telegram } = config;
  if (telegram.botToken) {
    channels.push(
      new TelegramAdapter({
        token: telegram.botToken,
        logger: logger.child({ module: 'telegram' }),
        ...(telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {}),
        ...(telegram.webhookUrl && telegram.webhookSecret ? { webhook: { url: telegram.webhookUrl, secret: telegram.webhookSecret } } : {}),
        onRecipientBlocked: onBlocked('telegram'),
      }),
    );
  }
  if (config.whatsapp.enabled) channels.push(whatsappChannel({ config, logger, store, redis, lifecycle }, onBlocked('whatsapp')));
  return channels;
}

/** WhatsApp's session (one number, one browser) lives in exactly one process: the holder of a Redis lease. */
function whatsappChannel(parts: Parts, onBlocked: (userId: string) => Promise<void>): ChannelAdapter {
  const { config, logger, redis, store, lifecycle } = parts;
  const log = logger.child({ module: 'whatsapp' });
  const adapter = new WhatsAppAdapter({
    logger: log,
    clientFactory: realClientFactory({ dataDir: config.dataDir, chromiumPath: config.whatsapp.chromiumPath, ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}) }),
    adminAuth: requireAdmin(store, ['admin']),
    pacing: { perChatGapMs: config.whatsapp.minGapMs, maxPerMinute: config.whatsapp.maxPerMinute },
    onRecipientBlocked: onBlocked,
  });
  const lease = new RedisLease(redis, log, { key: 'lokerbot:whatsapp:session' });
  return {
    name: adapter.name,
    sender: adapter.sender,
    readiness: adapter.readiness,
    ...(adapter.routes ? { routes: adapter.routes } : {}),
    start: async (handler) => {
      if (!(await lease.acquire())) {
        log.warn('the WhatsApp session is held by another LokerBot process; this one does not run it');
        return;
      }
      lifecycle.add('whatsapp-lease', () => lease.release());
      await adapter.start(handler);
    },
    stop: () => adapter.stop(),
  };
}

async function startEmbeddedRedis(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<string> {
  const server = new RedisServer({ dir: path.join(config.dataDir, 'redis'), bin: config.redisServerBin, logger });
  lifecycle.add('redis-server', () => server.stop());
  await server.start();
  return server.url;
}

async function startHttp({ config, logger, lifecycle }: Parts, readiness: readonly ReadinessCheck[], channels: readonly ChannelAdapter[]): Promise<{ host: string; port: number }> {
  const app = createApp({ logger: logger.child({ module: 'http' }), readiness, routes: channels.flatMap((c) => c.routes ?? []) });
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
