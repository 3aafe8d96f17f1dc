import type { Worker, WorkerOptions } from 'bullmq';
import type { ChannelSender } from '../channels/channel-sender.js';
import type { Channel } from '../domain/index.js';
import { LokerError } from '../errors/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import type { RedisClient } from '../runtime/redis-client.js';
import { settlesWithin } from '../runtime/settles-within.js';
import type { Store } from '../store/index.js';
import type { AlertContent } from './alert-content.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { SEND_QUEUES, type SendJobData } from './send-job.js';
import { ChatPacer, limiterFor } from './send-pacing.js';
import { SendProcessor, type OnSent } from './send-processor.js';

export interface TelegramSendOptions {
  /** Messages per second over every worker process (BullMQ's limiter); Telegram allows 30. Default: 25. */
  readonly perSecond?: number;
  /** Least time between two messages to one chat (a Redis key per chat); 0 turns it off. Default: 1 000 ms. */
  readonly perChatMs?: number;
}

export interface SendWorkersOptions {
  /** Where the send queues live (SEND_QUEUES). Required. */
  readonly queues: Queues;
  readonly store: Store;
  /** For the per-chat pacing keys (the request-path client: every command has a deadline). */
  readonly redis: RedisClient;
  /** Renders each job's message when it is sent. Required. */
  readonly content: AlertContent;
  readonly logger: Logger;
  /** The channels `start()` runs, with their senders. Default: none (use `startChannel`). */
  readonly senders?: Partial<Record<Channel, ChannelSender>>;
  /** See OnSent. Default: none. */
  readonly onSent?: OnSent;
  readonly telegram?: TelegramSendOptions;
  /** Sends in flight per worker process on the Telegram and web queues. WhatsApp always runs one at a time. Default: 10. */
  readonly concurrency?: number;
  /**
   * Keys the per-chat pacing keys (at least 16 bytes, the same in every worker process).
   * Default: the store's shared secret `send-pacing`, read at the first start.
   */
  readonly keySecret?: Buffer;
  /** Prefix of the per-chat pacing keys. Default: `lokerbot:send:pace:`. */
  readonly pacingPrefix?: string;
  /** Longest wait, per channel, for in-flight sends at stop and close; what is left is re-run by another worker. Default: 10 000 ms. */
  readonly closeTimeoutMs?: number;
  /** Tries of the write that records a finished send. Default: 5. */
  readonly recordAttempts?: number;
  /**
   * How soon a job whose worker died is run again: its lock lives `lockDurationMs` (renewed while
   * the worker lives) and workers look for expired locks every `stalledIntervalMs`. Default:
   * BullMQ's, 30 000 ms each.
   */
  readonly stalls?: { readonly lockDurationMs?: number; readonly stalledIntervalMs?: number };
}

const DEFAULTS = { concurrency: 10, telegramPerSecond: 25, telegramPerChatMs: 1000, closeTimeoutMs: 10_000, recordAttempts: 5 } as const;
/** Crashed workers a job may outlive before BullMQ fails it as stalled. */
const MAX_STALLS = 3;

/**
 * The send side of alerts and broadcasts: one BullMQ worker per channel, each paced under its
 * platform's limits. Telegram: BullMQ's limiter over every process, one message per chat per
 * `perChatMs` through a Redis key per chat, and a 429 pauses the queue for its `retry_after`.
 * WhatsApp: one send at a time, spaced by the adapter's own pacer; it runs only in the process
 * holding the WhatsApp session (`startChannel` / `stopChannel` as the lease comes and goes). Web:
 * pushed to open pages, kept for closed ones (the web channel's sender does that).
 *
 * Exactly once per person comes from the Delivery row each job claims (see DeliveryLedger).
 */
export class SendWorkers {
  private readonly running = new Map<Channel, Worker>();
  private readonly ledger: DeliveryLedger;
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly telegramPerSecond: number;
  private readonly telegramPerChatMs: number;
  private readonly closeTimeoutMs: number;
  private keySecret: Promise<Buffer> | undefined;
  private closed = false;
  /** Starts and stops run one at a time, so a quick stop after a start finds the worker. */
  private transition: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SendWorkersOptions) {
    this.concurrency = options.concurrency ?? DEFAULTS.concurrency;
    this.telegramPerSecond = options.telegram?.perSecond ?? DEFAULTS.telegramPerSecond;
    this.telegramPerChatMs = options.telegram?.perChatMs ?? DEFAULTS.telegramPerChatMs;
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs;
    const problems = [
      wholeAtLeast('concurrency', this.concurrency, 1),
      wholeAtLeast('closeTimeoutMs', this.closeTimeoutMs, 0),
      wholeAtLeast('telegram.perChatMs', this.telegramPerChatMs, 0),
      this.telegramPerSecond > 0 ? undefined : 'telegram.perSecond must be more than 0',
      options.keySecret && options.keySecret.length < 16 ? 'keySecret must be at least 16 bytes' : undefined,
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) throw new LokerError('loker:config-invalid', `SendWorkers: ${problems.join('; ')}`);
    this.ledger = new DeliveryLedger(options.store, { recordAttempts: options.recordAttempts ?? DEFAULTS.recordAttempts });
    this.log = options.logger;
    if (options.keySecret) this.keySecret = Promise.resolve(options.keySecret);
  }

  /** The channels whose workers run in this process. */
  get channels(): readonly Channel[] {
    return [...this.running.keys()];
  }

  /** Starts a worker for every channel in `options.senders`. */
  async start(): Promise<void> {
    for (const [channel, sender] of Object.entries(this.options.senders ?? {}) as [Channel, ChannelSender][]) {
      await this.startChannel(channel, sender);
    }
  }

  /** Starts taking `channel`'s send jobs with `sender`. A channel already running is left as it is. */
  startChannel(channel: Channel, sender: ChannelSender): Promise<void> {
    if (sender.channel !== channel) return Promise.reject(new LokerError('loker:config-invalid', `SendWorkers: a ${sender.channel} sender cannot serve the ${channel} queue`));
    return this.serially(async () => {
      // A lease gained during shutdown must not start sending again.
      if (this.closed || this.running.has(channel)) return;
      const worker = await this.createWorker(channel, sender);
      this.running.set(channel, worker);
      this.log.info({ channel, queue: SEND_QUEUES[channel] }, 'send worker started');
    });
  }

  /** Stops taking `channel`'s jobs; sends in flight finish (bounded by `closeTimeoutMs`). */
  stopChannel(channel: Channel): Promise<void> {
    return this.serially(async () => {
      const worker = this.running.get(channel);
      if (!worker) return;
      this.running.delete(channel);
      await this.closeWorker(channel, worker);
    });
  }

  /** Stops every channel (in parallel), letting in-flight sends finish within `closeTimeoutMs`; nothing starts after it. */
  close(): Promise<void> {
    this.closed = true;
    return this.serially(async () => {
      const running = [...this.running];
      this.running.clear();
      await Promise.all(running.map(([channel, worker]) => this.closeWorker(channel, worker)));
    });
  }

  private async createWorker(channel: Channel, sender: ChannelSender): Promise<Worker> {
    const pacer = channel === 'telegram' && this.telegramPerChatMs > 0 ? await this.telegramPacer() : undefined;
    const processor = new SendProcessor({
      channel,
      sender,
      store: this.options.store,
      ledger: this.ledger,
      content: this.options.content,
      logger: this.log,
      ...(pacer ? { pacer } : {}),
      ...(this.options.onSent ? { onSent: this.options.onSent } : {}),
      // `worker` is declared below; the processor only runs once it exists.
      pauseQueue: (ms: number): Promise<void> => worker.rateLimit(ms),
    });
    const worker: Worker<SendJobData> = this.options.queues.worker<SendJobData>(SEND_QUEUES[channel], (job, token) => processor.process(job, token), this.workerOptions(channel));
    return worker;
  }

  private workerOptions(channel: Channel): Omit<WorkerOptions, 'connection' | 'prefix'> {
    // A job whose worker died is run again (BullMQ's stalled check); the claim makes a re-run safe,
    // so a job may survive a few crashed workers (BullMQ's default gives up after one).
    const stalls = this.options.stalls;
    const base = {
      maxStalledCount: MAX_STALLS,
      ...(stalls?.lockDurationMs ? { lockDuration: stalls.lockDurationMs } : {}),
      ...(stalls?.stalledIntervalMs ? { stalledInterval: stalls.stalledIntervalMs } : {}),
    };
    switch (channel) {
      case 'telegram':
        return { ...base, concurrency: this.concurrency, limiter: limiterFor(this.telegramPerSecond) };
      // The adapter's pacer spaces sends (per chat and per minute); one at a time means a backlog
      // of alerts waits in Redis instead of queueing inside the pacer, and never bursts.
      case 'whatsapp':
        return { ...base, concurrency: 1 };
      case 'web':
        return { ...base, concurrency: this.concurrency };
    }
  }

  private async telegramPacer(): Promise<ChatPacer> {
    this.keySecret ??= this.options.store.secrets.getOrCreate('send-pacing');
    // A failed read is not kept: the next start asks the store again.
    const keySecret = await this.keySecret.catch((error: unknown) => {
      this.keySecret = undefined;
      throw error;
    });
    return new ChatPacer(this.options.redis, {
      gapMs: this.telegramPerChatMs,
      keySecret,
      ...(this.options.pacingPrefix ? { prefix: this.options.pacingPrefix } : {}),
    });
  }

  /** Waits for in-flight sends up to the bound, then lets go. */
  private async closeWorker(channel: Channel, worker: Worker): Promise<void> {
    const closing = worker.close().catch((error: unknown) => this.log.warn({ err: error, channel }, 'send worker did not close cleanly'));
    // BullMQ's close cannot be forced once begun; it goes on in the background, and a job cut off
    // by the process ending is stalled, re-run elsewhere, and claimed again by the same job id.
    if (!(await settlesWithin(closing, this.closeTimeoutMs))) this.log.warn({ channel, closeTimeoutMs: this.closeTimeoutMs }, 'sends still in flight at close; left for another worker to re-run');
    else this.log.info({ channel }, 'send worker stopped');
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.transition.then(work, work);
    this.transition = next.catch(() => undefined);
    return next;
  }
}

function wholeAtLeast(name: string, value: number, min: number): string | undefined {
  return Number.isInteger(value) && value >= min ? undefined : `${name} must be a whole number, at least ${min}`;
}
