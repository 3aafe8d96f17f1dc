import path from 'node:path';
import { afterEach } from 'vitest';
import { AlertPipeline, type AlertSettings } from '../../src/alerts/alert-pipeline.js';
import { FANOUT_QUEUE, SEND_QUEUES } from '../../src/alerts/send-job.js';
import type { ChannelSender } from '../../src/channels/channel-sender.js';
import { ConversationStateStore, Locales } from '../../src/conversation/index.js';
import type { Outbound } from '../../src/conversation/message.js';
import type { Channel } from '../../src/domain/index.js';
import { MatchIndex } from '../../src/indexes/match-index.js';
import { createDefaultMatcher } from '../../src/matching/index.js';
import { projectRoot } from '../../src/project-root.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { uniquePrefix } from '../helpers/redis.js';
import { sleep, waitForAsync } from '../helpers/wait.js';

/*
 * The service's push side in the test process: the real AlertPipeline (outbox relay, fan-out,
 * digests, per-channel send workers, the real message renderer) over a real redis-server, an
 * own BullMQ prefix and a store, with counting senders at the platform boundary.
 */

/** A sender that records every call per user, optionally taking `delayMs` per send. */
export class CountingSender implements ChannelSender {
  readonly calls: { readonly userId: string; readonly message: Outbound }[] = [];
  private readonly perUser = new Map<string, number>();

  constructor(
    readonly channel: Channel,
    private readonly delayMs = 0,
  ) {}

  async send(userId: string, message: Outbound): Promise<void> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    this.calls.push({ userId, message });
    this.perUser.set(userId, this.of(userId) + 1);
  }

  of(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
}

export interface PipelineRun {
  readonly pipeline: AlertPipeline;
  readonly queues: Queues;
  readonly index: MatchIndex;
  /** Waits until the outbox is relayed and no fan-out or send job is left to run, twice in a row. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SETTINGS: AlertSettings = {
  outboxPollMs: 100,
  digestTime: '07:00',
  profileRefreshWeeks: 8,
  profileRefreshGraceDays: 14,
  jobLockMs: 2000,
  telegramPerSecond: 25,
  telegramPerChatMs: 1000,
  concurrency: 10,
  closeTimeoutMs: 2000,
};

/**
 * Builds the matching index from `store` (kept current from its changes) and starts the pipeline's
 * workers with `senders`; `now` is the clock of its daily runs (default: the system clock).
 */
export async function startPipeline(
  redis: { url: string; client: RedisClient },
  store: Store,
  senders: Partial<Record<Channel, ChannelSender>>,
  settings: Partial<AlertSettings> = {},
  now?: () => Date,
): Promise<PipelineRun> {
  const logger = createLogger({ level: 'silent' });
  const index = new MatchIndex(createDefaultMatcher(), store, logger);
  const unfollow = store.onChange((change) => void index.apply(change));
  await index.load();
  const queues = await Queues.connect(redis.url, logger, { prefix: uniquePrefix('pipeline'), closeTimeoutMs: 3000 });
  const pipeline = new AlertPipeline({
    store,
    redis: redis.client,
    queues,
    index,
    locales: Locales.load(path.join(projectRoot(), 'locales')),
    states: new ConversationStateStore(redis.client, { keySecret: Buffer.alloc(32, 9), prefix: uniquePrefix('conv') }),
    settings: { ...SETTINGS, ...settings },
    logger,
    ...(now ? { now } : {}),
  });
  await pipeline.startWorkers(senders);

  const idle = async (): Promise<boolean> => {
    if ((await store.outbox.pending(1)).length > 0) return false;
    const names = [FANOUT_QUEUE, ...Object.values(SEND_QUEUES)];
    const busy = await Promise.all(names.map((name) => queues.queue(name).getJobCountByTypes('active', 'waiting', 'delayed', 'prioritized', 'waiting-children')));
    return busy.every((n) => n === 0);
  };
  return {
    pipeline,
    queues,
    index,
    settle: async (timeoutMs = 30_000) => {
      // Twice, a poll apart: a relay or a fan-out may be between two of its steps at the first look.
      await waitForAsync(async () => (await idle()) && (await sleep(150), await idle()), 'the pipeline to settle', timeoutMs, 50);
    },
    stop: async () => {
      await pipeline.stop();
      unfollow();
      await queues.close();
    },
  };
}

/**
 * A fresh in-memory store and the pipeline started on it, per test; both stopped after each test.
 * Call in a describe block; `start` remembers what to stop.
 */
export function usePipelineRuns(redis: { url: string; client: RedisClient }): {
  newStore(): Store;
  start(store: Store, senders: Partial<Record<Channel, ChannelSender>>, settings?: Partial<AlertSettings>, now?: () => Date): Promise<PipelineRun>;
} {
  let store: Store | undefined;
  let run: PipelineRun | undefined;
  afterEach(async () => {
    await run?.stop();
    await store?.close();
    run = undefined;
    store = undefined;
  });
  return {
    newStore: () => (store = new Store(new SqliteBackend({ file: ':memory:' }))),
    start: async (s, senders, settings, now) => (run = await startPipeline(redis, s, senders, settings, now)),
  };
}
