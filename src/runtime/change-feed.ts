import { randomUUID } from 'node:crypto';
import pRetry from 'p-retry';
import type { StoreChange } from '../store/index.js';
import type { Logger } from './logger.js';
import { closeRedis, DEFAULT_COMMAND_TIMEOUT_MS, duplicateRedis, withDeadline, type RedisClient } from './redis-client.js';

export interface ChangeFeedOptions {
  /** Redis stream key. Default: `lokerbot:changes`. */
  readonly stream?: string;
  /** Approximate number of entries kept. Default: 100 000. */
  readonly maxLength?: number;
  /** How long one blocking read waits, so `stop()` is noticed promptly. Default: 1000 ms. */
  readonly blockMs?: number;
}

type ChangeHandler = (change: StoreChange) => void;

/**
 * Store changes shared between processes through a Redis stream: every process appends what it
 * wrote, and every process follows the stream to keep its in-memory indexes current.
 * Ordering: entries are read in stream order. A process skips its own entries; handlers should
 * still be idempotent (re-read the record by id), as a change may arrive more than once.
 *
 * The feed is a fast path, not the only one: while Redis is away, changes written elsewhere never
 * reach the stream. So whenever following was interrupted (or Redis came back without the entries
 * we had read), `onGap` is called and the follower reconciles with the store.
 */
export class ChangeFeed {
  private readonly stream: string;
  private readonly maxLength: number;
  private readonly blockMs: number;
  /** Marks this process's own entries, which it has applied already. */
  private readonly origin = randomUUID();
  private readonly pending = new Set<Promise<unknown>>();
  private following: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly publisher: RedisClient,
    private readonly logger: Logger,
    options: ChangeFeedOptions = {},
  ) {
    this.stream = options.stream ?? 'lokerbot:changes';
    this.maxLength = options.maxLength ?? 100_000;
    this.blockMs = options.blockMs ?? 1000;
  }

  /** Appends one change. Failures are logged: the store write already succeeded, and followers reconcile. */
  publish(change: StoreChange): void {
    const sent = this.publisher
      .xAdd(this.stream, '*', { collection: change.collection, op: change.op, id: change.id, origin: this.origin }, {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength },
      })
      .catch((error: unknown) => this.logger.warn({ err: error, collection: change.collection }, 'change feed publish failed; other processes will catch up when they reconcile'));
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  /** Resolves when every change published so far has been sent (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Follows changes written from now on by other processes (this one applies its own as it
   * writes them), on a connection of its own (XREAD BLOCK holds it). Resolves once following has
   * begun. `onGap` runs after every interruption, once Redis answers again.
   */
  async follow(handler: ChangeHandler, onGap: () => void = () => undefined): Promise<void> {
    const reader = await duplicateRedis(this.publisher, this.logger, 'change-feed');
    let cursor = await this.lastId(reader);
    this.following = (async () => {
      while (!this.stopping.signal.aborted) {
        try {
          // A blocking read is allowed its block time plus the usual round trip, then counts as an outage.
          const batches = await withDeadline(reader.xRead({ key: this.stream, id: cursor }, { BLOCK: this.blockMs, COUNT: 500 }), this.blockMs + DEFAULT_COMMAND_TIMEOUT_MS);
          for (const batch of asStreamBatches(batches)) {
            for (const message of batch.messages) {
              cursor = message.id;
              this.deliver(handler, message.message);
            }
          }
        } catch (error) {
          if (this.stopping.signal.aborted) break;
          this.logger.warn({ err: error }, 'change feed read failed; resuming when Redis answers');
          const resumed = await this.resume(reader, cursor);
          if (resumed === undefined) break;
          cursor = resumed;
          onGap();
        }
      }
      await closeRedis(reader, 200);
    })();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.following;
  }

  /**
   * Waits, with backoff, until the stream can be read again, and returns where to go on from. A
   * Redis that came back without the entries we had read (restarted without its data) has a last
   * id below our cursor: going on from the cursor would skip everything new, so start at its end.
   */
  private async resume(reader: RedisClient, cursor: string): Promise<string | undefined> {
    try {
      return await pRetry(
        async () => {
          const last = await this.lastId(reader);
          return compareIds(last, cursor) < 0 ? last : cursor;
        },
        { retries: Number.POSITIVE_INFINITY, minTimeout: 250, maxTimeout: 5000, randomize: true, signal: this.stopping.signal },
      );
    } catch {
      return undefined;
    }
  }

  private async lastId(reader: RedisClient): Promise<string> {
    const last = await withDeadline(reader.xRevRange(this.stream, '+', '-', { COUNT: 1 }));
    return last?.[0]?.id ?? '0-0';
  }

  private deliver(handler: ChangeHandler, fields: Record<string, string>): void {
    const { collection, op, id, origin } = fields;
    if (origin === this.origin || !collection || !id || (op !== 'upsert' && op !== 'delete')) return;
    try {
      handler({ collection, op, id });
    } catch (error) {
      this.logger.error({ err: error, collection, id }, 'change handler failed');
    }
  }
}

/** Orders stream ids (`<ms>-<seq>`). */
function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

interface StreamBatch {
  messages: { id: string; message: Record<string, string> }[];
}

function asStreamBatches(reply: unknown): StreamBatch[] {
  return Array.isArray(reply) ? (reply as StreamBatch[]) : [];
}
