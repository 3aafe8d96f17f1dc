import path from 'node:path';
import type { RequestHandler, Router } from 'express';
import { Telegram } from 'telegraf';
import { ensureBootstrapToken } from './admin/bootstrap-token.js';
import { OccupationCoder } from './admin/occupation-code.js';
import { PublicVacancies } from './admin/public-vacancies.js';
import { AlertPipeline, type AlertSettings } from './alerts/alert-pipeline.js';
import { markRecipientBlocked } from './alerts/recipient-blocked.js';
import type { ChannelSender } from './channels/channel-sender.js';
import type { ChannelAdapter } from './channels/channel.js';
import { LeasedChannel } from './channels/leased-channel.js';
import { TelegramAdapter } from './channels/telegram/index.js';
import { TelegramSender } from './channels/telegram/telegram-sender.js';
import { WebChannel } from './channels/web/web-channel.js';
import { WebInbox } from './channels/web/web-inbox.js';
import { WebPushHub, webPushSender } from './channels/web/web-push.js';
import { realClientFactory, WhatsAppAdapter } from './channels/whatsapp/index.js';
import type { Config } from './config/index.js';
import { ConversationStateStore, createConversationEngine, Locales } from './conversation/index.js';
import type { Channel } from './domain/index.js';
import { requireAdmin } from './http/admin-auth.js';
import { ADMIN_API_PATH, adminApi } from './http/admin-api.js';
import { adminDashboardRouter, adminDashboardSession, ADMIN_DASHBOARD_PATH } from './http/admin-dashboard.js';
import { adminLimiters, DEFAULT_ADMIN_LIMITS } from './http/admin-rate-limits.js';
import { createApp } from './http/app.js';
import { listen } from './http/http-server.js';
import { queueDashboardRouter } from './http/queue-dashboard.js';
import { publicVacancyRouter } from './http/public-vacancy-routes.js';
import { pingCheck, type ReadinessCheck } from './http/readiness.js';
import { MatcherConversationServices } from './indexes/conversation-services.js';
import { IndexSync } from './indexes/index-sync.js';
import { MatchIndex } from './indexes/match-index.js';
import { createDefaultMatcher, loadOccupationCodes } from './matching/index.js';
import { projectRoot } from './project-root.js';
import { ChangeFeed } from './runtime/change-feed.js';
import { ErasureCompactor } from './runtime/erasure-compactor.js';
import { Lifecycle } from './runtime/lifecycle.js';
import type { Logger } from './runtime/logger.js';
import { closeRedis, connectRedis, redisReadiness, type RedisClient } from './runtime/redis-client.js';
import { RedisLease } from './runtime/redis-lease.js';
import { RedisServer } from './runtime/redis-server.js';
import { Queues } from './runtime/queues.js';
import { COLLECTIONS, openStore, type Store } from './store/index.js';

export interface RunningService {
  readonly store: Store;
  readonly redis: RedisClient;
  /** The HTTP address when this process serves HTTP (roles `all` and `web`). */
  readonly address: { host: string; port: number } | undefined;
  /** The embedded redis-server, when this process started one (no `REDIS_URL`). */
  readonly redisServer: RedisServer | undefined;
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

/*
 * Parts stop in the reverse order they were added: HTTP intake first (added last), then the
 * channels and their handler, then the erasure compaction (after the last turn), queues, the change
 * feed, Redis, the store and the embedded redis-server.
 */
async function startParts(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<RunningService> {
  const log = (name: string) => logger.child({ module: name });
  const redisServer = config.redisUrl ? undefined : await startEmbeddedRedis(config, log('redis-server'), lifecycle);
  const redisUrl = config.redisUrl ?? redisServer?.url ?? '';

  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    onListenerError: (error) => log('store').error({ err: error }, 'change listener failed'),
  });
  lifecycle.add('store', () => store.close());
  log('store').info({ kind: store.kind }, 'store open');

  const redis = await connectRedis(redisUrl, log('redis'));
  lifecycle.add('redis', () => closeRedis(redis));
  const parts: Parts = { config, logger, lifecycle, store, redis };

  if (config.adminToken) {
    const result = await ensureBootstrapToken(store, config.adminToken);
    // A token revoked by an operator stays revoked, even while ADMIN_TOKEN still names it.
    if (result === 'revoked') log('admin').warn('ADMIN_TOKEN names a revoked token; set a new one to have a working bootstrap token');
    else log('admin').info({ result }, 'bootstrap admin token');
  }

  const queues = await Queues.connect(redisUrl, log('queues'));
  lifecycle.add('queues', () => queues.close());
  if (config.role !== 'web') log('workers').info({ workers: queues.workerCount }, 'workers running');

  const compactor = new ErasureCompactor(redis, log('privacy'), { compactStore: () => store.compact() });
  const index = await startMatchIndex(parts, compactor);
  lifecycle.add('erasure-compactor', () => compactor.flush());

  // One set of state options for the engine and for the alerts that remember their buttons in it.
  const stateOptions = { keySecret: await store.secrets.getOrCreate('conversation-state'), commandTimeoutMs: config.redisCommandTimeoutMs };
  const locales = loadLocales(log('i18n'));
  const alerts = new AlertPipeline({ store, redis, queues, index, locales, states: new ConversationStateStore(redis, stateOptions), settings: alertSettings(config), logger });
  lifecycle.add('alerts', () => alerts.stop());
  if (config.role !== 'web') await alerts.startWorkers(workerSenders(parts));

  const readiness: ReadinessCheck[] = [pingCheck('store', () => store.ping()), redisCheck(redis, redisServer)];
  if (config.role === 'worker') {
    logger.info({ role: config.role, store: store.kind }, 'LokerBot is running');
    return { store, redis, address: undefined, redisServer, stop: () => lifecycle.stop() };
  }

  const channels = await buildChannels(parts, alerts);
  const occupations = new OccupationCoder(index.matcher, loadOccupationCodes(index.matcher.tokenizer.dictionary));
  const channelChecks = channels.map((c): ReadinessCheck => ({ ...c.readiness, critical: false }));
  const app = createApp({
    logger: log('http'),
    readiness: [...readiness, ...channelChecks],
    // The admin API first: its per-address limit counts the channels' admin routes (WhatsApp's QR) too.
    routes: [...(await adminRoutes(parts, queues, index, occupations)), ['/', publicVacancyRouter({ vacancies: new PublicVacancies(store, occupations), locales, baseUrl: config.publicBaseUrl })], ...channels.flatMap((c) => c.routes ?? [])],
    // The office website may embed the chat page (CHAT_FRAME_ANCESTORS); nothing else is framed by others.
    frameAncestors: { '/chat': config.webChat.frameAncestors },
  });
  const engine = createConversationEngine({
    root: projectRoot(),
    locales,
    redis,
    store,
    services: new MatcherConversationServices(index.matcher, store, index.verifiedCompanies),
    logger: log('conversation'),
    state: stateOptions,
    engine: {
      idleTimeoutMs: config.conversationIdleMinutes * 60_000,
      minimumWage: config.umkRupiah,
      // "Hapus": what a closed web page was kept beside the conversation goes too.
      onForget: (identity) => (identity.channel === 'web' ? new WebInbox(redis).clear(identity.userId) : Promise.resolve()),
    },
  });
  for (const channel of channels) {
    lifecycle.add(`channel:${channel.name}`, () => channel.stop());
    await channel.start(engine);
  }
  // Listening comes last, once every channel has its handler, so no request meets a half-started service.
  const server = await listen(app, { port: config.port, host: config.host, graceMs: config.shutdownTimeoutMs / 2, endStreams: () => channels.forEach((c) => c.endStreams?.()) });
  lifecycle.add('http', () => server.close());
  const address = server.address;
  logger.info({ role: config.role, store: store.kind, http: address, channels: channels.map((c) => c.name) }, 'LokerBot is running');
  return { store, redis, address, redisServer, stop: () => lifecycle.stop() };
}

/** Builds the matching indexes from the store and keeps them current (own writes, the change feed, reconciliation). */
async function startMatchIndex({ config, store, redis, logger, lifecycle }: Parts, compactor: ErasureCompactor): Promise<MatchIndex> {
  const index = new MatchIndex(createDefaultMatcher(), store, logger.child({ module: 'match-index' }));
  const feed = new ChangeFeed(redis, logger.child({ module: 'change-feed' }));
  const sync = new IndexSync(index, store, feed, logger.child({ module: 'index-sync' }), {
    reconcileEveryMs: config.indexReconcileSeconds * 1000,
    // An erased seeker, here or in another process: get their bytes out of the files soon.
    onChange: (change) => {
      if (change.collection === COLLECTIONS.seekers.name && change.op === 'delete') compactor.noteErasure();
    },
  });
  lifecycle.add('index-sync', () => sync.stop());
  await sync.start();
  return index;
}

/** Redis on `/readyz`: `ok`, or why not (reconnecting, not answering, the embedded server restarting). */
function redisCheck(redis: RedisClient, server: RedisServer | undefined): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      const state = await redisReadiness(redis);
      if (!state.ready && server?.state === 'restarting') return { ready: false, state: 'embedded redis-server restarting' };
      return state;
    },
  };
}

/** The channels whose sends the worker role runs (WhatsApp's follows its session: see whatsappChannel). */
function workerSenders({ config, logger, redis }: Parts): Partial<Record<Channel, ChannelSender>> {
  const { botToken, apiRoot } = config.telegram;
  const inbox = { maxMessages: config.sending.webInboxMaxMessages, maxAgeMs: config.sending.webInboxDays * 86_400_000 };
  return {
    web: webPushSender(new WebPushHub(redis, logger.child({ module: 'web-push' }), { inbox })),
    ...(botToken ? { telegram: new TelegramSender(new Telegram(botToken, apiRoot ? { apiRoot } : {})) } : {}),
  };
}

function alertSettings(config: Config): AlertSettings {
  return {
    ...config.alerts,
    telegramPerSecond: config.sending.telegramPerSecond,
    telegramPerChatMs: config.sending.telegramPerChatMs,
    concurrency: config.sending.concurrency,
    closeTimeoutMs: config.shutdownTimeoutMs / 2,
  };
}

function loadLocales(logger: Logger): Locales {
  return Locales.load(path.join(projectRoot(), 'locales'), { onMissingKey: (locale, key) => logger.warn({ locale, key }, 'locale key missing: showing the fallback text') });
}

/** The admin API, the queue dashboard and the admin dashboard (HTTP roles). */
async function adminRoutes({ config, store, redis, logger }: Parts, queues: Queues, index: MatchIndex, occupations: OccupationCoder): Promise<(readonly [string, Router])[]> {
  const limits = {
    ...DEFAULT_ADMIN_LIMITS,
    perTokenPerMinute: config.admin.requestsPerMinute,
    perIpPerMinute: config.admin.requestsPerIpPerMinute,
    loginsPerIp: config.admin.loginsPerIp,
    redisTimeoutMs: config.redisCommandTimeoutMs,
  };
  const limiters = adminLimiters({ redis, limits });
  const dashboard = {
    store,
    sessionKey: await store.secrets.getOrCreate('admin-dashboard-session'),
    pagesDir: path.join(projectRoot(), 'public', 'admin'),
    localesDir: path.join(projectRoot(), 'locales'),
    loginLimiter: (onLimited: RequestHandler) => limiters.login(onLimited, 'dashboard'),
  };
  const session = adminDashboardSession(dashboard);
  const api = adminApi({ store, queues, redis, vocabulary: index.matcher, occupations, limiters, postingPolicy: config.admin.postingWarnings, placementTarget: config.admin.placementTarget, session });
  return [
    [ADMIN_API_PATH, api.router],
    // Before the dashboard's own /admin, whose login would otherwise take /admin/queues.
    [
      '/admin/queues',
      queueDashboardRouter({
        store,
        queues,
        logger: logger.child({ module: 'queue-dashboard' }),
        sessionKey: await store.secrets.getOrCreate('queue-dashboard-session'),
        loginLimiter: (onLimited) => limiters.login(onLimited, 'queues'),
      }),
    ],
    [ADMIN_DASHBOARD_PATH, adminDashboardRouter(dashboard, session)],
  ];
}

async function buildChannels({ config, logger, store, redis, lifecycle }: Parts, alerts: AlertPipeline): Promise<ChannelAdapter[]> {
  const onBlocked = (channel: Channel) => (userId: string) => markRecipientBlocked(store, channel, userId);
  const web = new WebChannel({
    redis,
    logger: logger.child({ module: 'web-chat' }),
    publicDir: path.join(projectRoot(), 'public'),
    // One key for every web process on this store, so a session works wherever the balancer sends it.
    sessionKey: await store.secrets.getOrCreate('web-session'),
    limits: {
      messagesPerMinute: config.webChat.messagesPerMinute,
      newConversationsPerIp: config.webChat.newConversationsPerIp,
      maxStreams: config.webChat.maxEventStreams,
    },
    inbox: { maxMessages: config.sending.webInboxMaxMessages, maxAgeMs: config.sending.webInboxDays * 86_400_000 },
  });
  const channels: ChannelAdapter[] = [web];
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
  if (config.whatsapp.enabled) channels.push(whatsappChannel({ config, logger, store, redis, lifecycle }, onBlocked('whatsapp'), alerts));
  return channels;
}

/**
 * WhatsApp's session (one number, one browser) lives in exactly one process: the holder of a Redis
 * lease. Its alerts can only go out through that session, so its send worker runs there too,
 * whatever the role: the one exception to "ROLE=web never sends".
 */
function whatsappChannel(parts: Parts, onBlocked: (userId: string) => Promise<void>, alerts: AlertPipeline): ChannelAdapter {
  const { config, logger, redis, store } = parts;
  const log = logger.child({ module: 'whatsapp' });
  const adapter = new WhatsAppAdapter({
    logger: log,
    clientFactory: realClientFactory({ dataDir: config.dataDir, chromiumPath: config.whatsapp.chromiumPath, ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}) }),
    adminAuth: requireAdmin(store, ['admin']),
    pacing: { perChatGapMs: config.whatsapp.minGapMs, maxPerMinute: config.whatsapp.maxPerMinute },
    onRecipientBlocked: onBlocked,
  });
  return new LeasedChannel({
    adapter,
    lease: new RedisLease(redis, { key: 'lokerbot:whatsapp:session' }),
    logger: log,
    onHoldChange: (holding) => (holding ? alerts.sendWorkers.startChannel('whatsapp', adapter.sender) : alerts.sendWorkers.stopChannel('whatsapp')),
  });
}

async function startEmbeddedRedis(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<RedisServer> {
  const server = new RedisServer({ dir: path.join(config.dataDir, 'redis'), bin: config.redisServerBin, logger });
  lifecycle.add('redis-server', () => server.stop());
  await server.start();
  return server;
}
