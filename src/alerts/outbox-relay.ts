import type { Queue } from 'bullmq';
import type { OutboxEvent } from '../domain/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Store } from '../store/index.js';
import { FANOUT_QUEUE } from './send-job.js';
import type { Queues } from '../runtime/queues.js';

export interface OutboxRelayOptions {
  /** How often pending events are looked for. Default: 1 000 ms. */
  readonly pollMs?: number;
  /** Events taken per look. Default: 100. */
  readonly batch?: number;
  readonly now?: () => Date;
}

/** What a fan-out job carries: the outbox event to expand. */
export interface FanoutJobData {
  readonly eventId: string;
  readonly type: OutboxEvent['type'];
  readonly subjectId: string;
  /** The subject's history entry the event announces (see OutboxEvent.step). */
  readonly step?: number;
}

/** Fan-out jobs are retried generously: an event must never be dropped, and expanding twice is harmless. */
const FANOUT_JOB_OPTIONS = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * Moves outbox events from the store into Redis: each pending event becomes one fan-out job whose
 * id is the event's, and only once that job is in Redis is the event marked processed. So an event
 * written by any process (the web process, the admin API, `cli import`, `seed-demo`) is picked up,
 * a relay that dies between the two steps leaves the event pending for the next look, and several
 * relays (one per worker process) add the same job once: BullMQ keeps one job per id.
 */
export class OutboxRelay {
  private readonly fanout: Queue<FanoutJobData>;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly store: Store,
    queues: Queues,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.fanout = queues.queue<FanoutJobData>(FANOUT_QUEUE);
    this.pollMs = options.pollMs ?? 1000;
    this.batch = options.batch ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays what is pending now; resolves with how many events were handed on. */
  async relayPending(): Promise<number> {
    let relayed = 0;
    for (const event of await this.store.outbox.pending(this.batch)) {
      if (this.stopped) break;
      const data = { eventId: event.id, type: event.type, subjectId: event.subjectId, ...(event.step === undefined ? {} : { step: event.step }) };
      await this.fanout.add(event.type, data, { ...FANOUT_JOB_OPTIONS, jobId: `outbox-${event.id}`, delay: await this.delayOf(event) });
      await this.store.outbox.markProcessed(event.id);
      relayed++;
    }
    return relayed;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayPending().then(
        (relayed) => {
          if (this.failing) this.logger.info('outbox relay working again');
          this.failing = false;
          // A full batch: there is probably more, so look again at once.
          this.schedule(relayed >= this.batch ? 0 : this.pollMs);
        },
        (error: unknown) => {
          // Redis or the store away: the events stay pending and are relayed when they are back.
          if (!this.failing) this.logger.warn({ err: error }, 'outbox relay failed; events stay pending and are retried');
          this.failing = true;
          this.schedule(this.pollMs);
        },
      );
    }, ms);
    this.timer.unref();
  }

  /** A scheduled broadcast waits in Redis, as a delayed job, until its time. */
  private async delayOf(event: OutboxEvent): Promise<number> {
    if (event.type !== 'broadcast-created') return 0;
    const broadcast = await this.store.broadcasts.get(event.subjectId);
    const at = broadcast?.scheduledAt ? Date.parse(broadcast.scheduledAt) : Number.NaN;
    return Number.isFinite(at) ? Math.max(0, at - this.now().getTime()) : 0;
  }
}
