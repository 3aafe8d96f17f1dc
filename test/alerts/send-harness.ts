import type { Job, JobsOptions, Queue } from 'bullmq';
import type { AlertContent, Recipient } from '../../src/alerts/alert-content.js';
import { SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, type SendJobData } from '../../src/alerts/send-job.js';
import { SendWorkers, type SendWorkersOptions } from '../../src/alerts/send-workers.js';
import type { ChannelSender } from '../../src/channels/channel-sender.js';
import type { Outbound } from '../../src/conversation/message.js';
import type { Channel } from '../../src/domain/index.js';
import { createLogger, type Logger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { uniquePrefix } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';

/** Retries in tests come quickly; SEND_JOB_OPTIONS' 5 s doubling would make each test a minute long. */
export const FAST_RETRIES: JobsOptions = { ...SEND_JOB_OPTIONS, attempts: 3, backoff: { type: 'fixed', delay: 20 } };

export const PACING_SECRET = Buffer.alloc(32, 3);

/** One call a fake sender received. */
export interface SendCall {
  readonly userId: string;
  readonly message: Outbound;
  readonly at: number;
}

/**
 * A sender at the platform boundary: records every call, and answers each with the next scripted
 * outcome (an error to throw, or a delay before accepting), then accepts.
 */
export class FakeSender implements ChannelSender {
  readonly calls: SendCall[] = [];
  private readonly script: (Error | { delayMs: number })[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(readonly channel: Channel = 'telegram') {}

  /** The next calls fail with these errors or wait this long, in order. */
  then(...outcomes: (Error | { delayMs: number })[]): this {
    this.script.push(...outcomes);
    return this;
  }

  async send(userId: string, message: Outbound): Promise<void> {
    this.calls.push({ userId, message, at: Date.now() });
    const next = this.script.shift();
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (next instanceof Error) throw next;
      if (next) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
    } finally {
      this.inFlight--;
    }
  }

  callsTo(userId: string): SendCall[] {
    return this.calls.filter((c) => c.userId === userId);
  }
}

/** The other engineer's renderer stand-in: a short text per job, nothing for the sources told so. */
export class StubContent implements AlertContent {
  readonly nothingFor = new Set<string>();
  readonly rendered: { job: SendJobData; recipient: Recipient }[] = [];

  render(job: SendJobData, recipient: Recipient): Promise<Outbound | undefined> {
    this.rendered.push({ job, recipient });
    if (this.nothingFor.has(job.sourceId)) return Promise.resolve(undefined);
    const text = recipient.locale === 'en' ? `New: ${job.sourceId}` : `Baru: ${job.sourceId}`;
    return Promise.resolve({ text, choices: [{ id: 'detail', label: 'Detail' }] });
  }
}

export interface Harness {
  readonly store: Store;
  readonly queues: Queues;
  readonly content: StubContent;
  readonly workers: SendWorkers;
  readonly prefix: string;
  queue(channel: Channel): Queue<SendJobData>;
  /** Adds a send job as fan-out does (its deterministic id), unless `jobId` says otherwise. */
  enqueue(channel: Channel, data: SendJobData, options?: JobsOptions): Promise<Job<SendJobData>>;
  /** Waits until the job is completed or failed, and returns it in that state. */
  settled(channel: Channel, jobId: string, timeoutMs?: number): Promise<{ state: 'completed' | 'failed'; job: Job<SendJobData> }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<SendWorkersOptions, 'queues' | 'store' | 'redis' | 'content' | 'logger'>> {
  readonly logger?: Logger;
  /** Default: a new in-memory SQLite store. */
  readonly store?: Store;
  /** BullMQ prefix. Default: a new unique one. */
  readonly prefix?: string;
}

/** SendWorkers over this file's redis-server (a unique BullMQ prefix per test) and an in-memory SQLite store. */
export async function createHarness(redis: { url: string; client: RedisClient }, options: HarnessOptions = {}): Promise<Harness> {
  const { logger = createLogger({ level: 'silent' }), store = new Store(new SqliteBackend({ file: ':memory:' })), prefix = uniquePrefix('send'), ...rest } = options;
  const queues = await Queues.connect(redis.url, logger, { prefix, closeTimeoutMs: 5000 });
  const content = new StubContent();
  const workers = new SendWorkers({ queues, store, redis: redis.client, content, logger, keySecret: PACING_SECRET, pacingPrefix: `${prefix}:pace:`, ...rest });
  const queue = (channel: Channel) => queues.queue<SendJobData>(SEND_QUEUES[channel]);
  return {
    store,
    queues,
    content,
    workers,
    prefix,
    queue,
    enqueue: (channel, data, jobOptions = FAST_RETRIES) => queue(channel).add(data.kind, data, { jobId: sendJobId(data), ...jobOptions }),
    settled: (channel, jobId, timeoutMs = 10_000) =>
      waitForAsync(async () => {
        // The state first: a job read before it finished would show no return value yet.
        const state = await queue(channel).getJobState(jobId);
        if (state !== 'completed' && state !== 'failed') return undefined;
        const job = await queue(channel).getJob(jobId);
        return job ? { state, job } : undefined;
      }, `job ${jobId} to finish`, timeoutMs),
    close: async () => {
      await workers.close();
      await Promise.all(Object.values(SEND_QUEUES).map((name) => queues.queue(name).obliterate({ force: true }).catch(() => undefined)));
      await queues.close();
      await store.close();
    },
  };
}
