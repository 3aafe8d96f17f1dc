import { randomUUID } from 'node:crypto';
import type { StoreChange } from '../store/index.js';
import type { Logger } from './logger.js';
import type { RedisClient } from './redis-client.js';

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
 */
export class ChangeFeed {
  private readonly stream: string;
  private readonly maxLength: number;
  private readonly blockMs: number;
  /** Marks this process's own entries, which it has applied already. */
  private readonly origin = randomUUID();
  private following: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly publisher: RedisClient,
    private readonly logger: Logger,
    options: ChangeFeedOptions = {},
  ) {
    this.stream = options.stream ?? 'lokerbot:changes';
    this.maxLength = options.maxLength ?? 100_000;
    this.blockMs = options.blockMs ?? 1000;
  }

  /** Appends one change. Failures are logged: the store write already succeeded. */
  publish(change: StoreChange): void {
    this.publisher
      .xAdd(this.stream, '*', { collection: change.collection, op: change.op, id: change.id, origin: this.origin }, {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength },
      })
      .catch((error: unknown) => this.logger.error({ err: error, collection: change.collection }, 'change feed publish failed'));
  }

  /**
   * Follows changes written from now on by other processes (this one applies its own as it
   * writes them), on a connection of its own (XREAD BLOCK holds it).
   * Resolves once following has begun.
   */
  async follow(handler: ChangeHandler): Promise<void> {
    const reader = this.publisher.duplicate();
    reader.on('error', (error: Error) => this.logger.warn({ err: error }, 'change feed reader error'));
    await reader.connect();
    const last = await reader.xRevRange(this.stream, '+', '-', { COUNT: 1 });
    let cursor = last?.[0]?.id ?? '0-0';
    this.following = (async () => {
      while (!this.stopping) {
        try {
          const batches = await reader.xRead({ key: this.stream, id: cursor }, { BLOCK: this.blockMs, COUNT: 500 });
          for (const batch of asStreamBatches(batches)) {
            for (const message of batch.messages) {
              cursor = message.id;
              this.deliver(handler, message.message);
            }
          }
        } catch (error) {
          if (this.stopping) break;
          this.logger.warn({ err: error }, 'change feed read failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      reader.destroy();
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.following;
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

interface StreamBatch {
  messages: { id: string; message: Record<string, string> }[];
}

function asStreamBatches(reply: unknown): StreamBatch[] {
  return Array.isArray(reply) ? (reply as StreamBatch[]) : [];
}
