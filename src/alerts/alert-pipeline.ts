import type { Worker } from 'bullmq';
import type { ChannelSender } from '../channels/channel-sender.js';
import type { ConversationStateStore, Locales } from '../conversation/index.js';
import type { Channel } from '../domain/index.js';
import type { MatchIndex } from '../indexes/match-index.js';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import type { RedisClient } from '../runtime/redis-client.js';
import type { Store } from '../store/index.js';
import { AlertChoiceMemory } from './alert-choice-memory.js';
import { AlertMessages } from './alert-messages.js';
import { expandApplicationStatus } from './application-fanout.js';
import { expandReportResolved } from './report-fanout.js';
import { expandBroadcast } from './broadcast-fanout.js';
import { DigestBook } from './digest-book.js';
import { runDigest } from './digest-run.js';
import { startDailyJob } from './daily-job.js';
import { startFanoutWorker } from './fanout-worker.js';
import { OutboxRelay } from './outbox-relay.js';
import { runProfileRefresh } from './profile-refresh-run.js';
import { DIGEST_QUEUE, PROFILE_REFRESH_QUEUE } from './send-job.js';
import { SendWorkers } from './send-workers.js';
import { expandVacancy } from './vacancy-fanout.js';

export interface AlertSettings {
  /** How often the relay looks for outbox events. Default: 1 000 ms. */
  readonly outboxPollMs: number;
  /** `HH:MM` WIB of the daily digest. */
  readonly digestTime: string;
  /** Weeks after a seeker's last confirmation before they are asked whether they still look for work. */
  readonly profileRefreshWeeks: number;
  /** Days an unanswered refresh question waits before the seeker's alerts are paused. */
  readonly profileRefreshGraceDays: number;
  /** How long a job stays with a worker that stopped answering before another takes it. */
  readonly jobLockMs: number;
  readonly telegramPerSecond: number;
  readonly telegramPerChatMs: number;
  /** Sends in flight per process on the Telegram and web queues. */
  readonly concurrency: number;
  /** Longest wait for in-flight sends at shutdown. */
  readonly closeTimeoutMs: number;
}

export interface AlertPipelineOptions {
  readonly store: Store;
  /** The request-path client (every command has a deadline): pacing keys and digests. */
  readonly redis: RedisClient;
  readonly queues: Queues;
  /** This process's matching indexes: reverse matching, subscription routes, explanations. */
  readonly index: MatchIndex;
  readonly locales: Locales;
  /** The conversation state the engine uses, to remember an alert's buttons for the reply. */
  readonly states: ConversationStateStore;
  readonly settings: AlertSettings;
  readonly logger: Logger;
  /** The clock of the daily runs (digest days, refresh periods). Default: the system clock. */
  readonly now?: () => Date;
}

/** When the profile refresh asks, WIB: after the morning digest, at an hour people read messages. */
const PROFILE_REFRESH_TIME = '09:00';

/**
 * The push side of the service: outbox relay → fan-out (vacancies, broadcasts) → per-channel send
 * workers, the daily digest and the daily profile refresh. Worker processes run all of it (`startWorkers`); the process
 * that holds the WhatsApp session runs WhatsApp's send worker, whatever its role
 * (`sendWorkers.startChannel('whatsapp', …)`), because that session is the only way to send.
 */
export class AlertPipeline {
  readonly sendWorkers: SendWorkers;
  private relay: OutboxRelay | undefined;
  private readonly workers: Pick<Worker, 'close'>[] = [];

  constructor(private readonly options: AlertPipelineOptions) {
    const { store, redis, queues, index, locales, states, settings, logger } = options;
    this.sendWorkers = new SendWorkers({
      queues,
      store,
      redis,
      content: new AlertMessages({ store, matcher: index.matcher, locales, verifiedCompanies: index.verifiedCompanies, refreshGraceDays: settings.profileRefreshGraceDays }),
      onSent: new AlertChoiceMemory(states, logger.child({ module: 'alert-choices' })).rememberAlertChoices,
      logger: logger.child({ module: 'send' }),
      telegram: { perSecond: settings.telegramPerSecond, perChatMs: settings.telegramPerChatMs },
      concurrency: settings.concurrency,
      closeTimeoutMs: settings.closeTimeoutMs,
      stalls: { lockDurationMs: settings.jobLockMs, stalledIntervalMs: settings.jobLockMs },
    });
  }

  /** Starts the relay, fan-out, digests and the send workers of `senders`' channels. */
  async startWorkers(senders: Partial<Record<Channel, ChannelSender>>): Promise<void> {
    const { store, redis, queues, index, settings, logger } = this.options;
    const digests = new DigestBook(redis);
    const stalls = { lockDuration: settings.jobLockMs, stalledInterval: settings.jobLockMs };
    this.workers.push(
      startFanoutWorker(
        queues,
        {
          'vacancy-opened': (id) => expandVacancy(id, { store, matcher: index.matcher, routes: index.routes, queues, digests }),
          'broadcast-created': (id) => expandBroadcast(id, { store, queues, logger: logger.child({ module: 'broadcast-fanout' }), vocabulary: index.matcher }),
          'application-status-changed': (id, event) => expandApplicationStatus(id, event.step, { store, queues }),
          'report-resolved': (id) => expandReportResolved(id, { store, queues }),
        },
        logger.child({ module: 'fanout' }),
        stalls,
      ),
    );
    const now = this.options.now ? { now: this.options.now } : {};
    this.workers.push(await startDailyJob(queues, { queue: DIGEST_QUEUE, name: 'daily-digest', time: settings.digestTime }, () => runDigest({ digests, routes: index.routes, queues, ...now }), logger.child({ module: 'digest' })));
    const periods = { weeks: settings.profileRefreshWeeks, graceDays: settings.profileRefreshGraceDays };
    this.workers.push(
      await startDailyJob(queues, { queue: PROFILE_REFRESH_QUEUE, name: 'profile-refresh', time: PROFILE_REFRESH_TIME }, () => runProfileRefresh({ store, queues, periods, ...now }), logger.child({ module: 'profile-refresh' })),
    );
    for (const [channel, sender] of Object.entries(senders) as [Channel, ChannelSender][]) await this.sendWorkers.startChannel(channel, sender);
    this.relay = new OutboxRelay(store, queues, logger.child({ module: 'outbox' }), { pollMs: settings.outboxPollMs });
    this.relay.start();
  }

  /** Stops taking new work first (relay), then lets in-flight fan-outs and sends finish. */
  async stop(): Promise<void> {
    await this.relay?.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.sendWorkers.close();
  }
}
