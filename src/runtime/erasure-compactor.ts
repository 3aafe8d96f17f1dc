import type { Logger } from './logger.js';
import { asServiceUnavailable, withDeadline, type RedisClient } from './redis-client.js';

export interface ErasureCompactorOptions {
  /** Least time between two compactions, so a wave of erasures costs one rewrite. Default: 5 minutes. */
  readonly minIntervalMs?: number;
  /**
   * Wait after an erasure before compacting, so the rest of that person's turn (its conversation
   * state is deleted when the turn ends) is gone before Redis snapshots its memory. Default: 10 s.
   */
  readonly settleMs?: number;
  /** Longest wait for a rewrite to finish. Default: 60 000 ms. */
  readonly rewriteTimeoutMs?: number;
  /** Pushes erased bytes out of the store's files (SQLite: WAL checkpoint). Default: nothing. */
  readonly compactStore?: () => Promise<void>;
}

/**
 * Makes an erasure reach the disk (UU 27/2022): deleted keys stay in Redis's append-only file (and
 * in an RDB snapshot) until those files are rewritten, and erased rows in the store's write-ahead
 * log until a checkpoint. After an erasure it rewrites them, batched (at most every
 * `minIntervalMs`), and once more at shutdown if an erasure came after the last rewrite.
 */
export class ErasureCompactor {
  private readonly minIntervalMs: number;
  private readonly settleMs: number;
  private readonly rewriteTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private lastRunAt = 0;
  private running: Promise<void> = Promise.resolve();
  private unsupportedLogged = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    private readonly options: ErasureCompactorOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5 * 60_000;
    this.settleMs = options.settleMs ?? 10_000;
    this.rewriteTimeoutMs = options.rewriteTimeoutMs ?? 60_000;
  }

  /** Someone's data was erased (in this process or another): compact soon. */
  noteErasure(): void {
    this.dirty = true;
    if (this.timer) return;
    const due = Math.max(Date.now() + this.settleMs, this.lastRunAt + this.minIntervalMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.compact());
    }, due - Date.now());
    this.timer.unref();
  }

  /** At shutdown, after the last turn ended: compacts now if an erasure is not on disk yet. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.dirty) await this.compact();
  }

  private async compact(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.lastRunAt = Date.now();
    try {
      await this.options.compactStore?.();
      await this.rewriteRedisFiles();
      this.logger.info('erased data compacted out of the store and Redis files');
    } catch (error) {
      // Try again with the next erasure or at shutdown.
      this.dirty = true;
      this.logger.warn({ err: error }, 'could not compact erased data out of the files; will try again');
    }
  }

  private async rewriteRedisFiles(): Promise<void> {
    let config: Record<string, string>;
    try {
      config = await withDeadline(this.redis.configGet(['appendonly', 'save']));
    } catch (error) {
      // Away or paused: try again later. Refused: managed Redis services often refuse CONFIG and
      // keep their own files, which we cannot reach.
      if (asServiceUnavailable(error)) throw error;
      if (!this.unsupportedLogged) this.logger.warn({ err: error }, 'Redis refuses CONFIG; erased keys leave its files only when it rewrites them itself');
      this.unsupportedLogged = true;
      return;
    }
    if (config.appendonly === 'yes') {
      await this.waitFor('aof_rewrite_in_progress');
      await withDeadline(this.redis.bgRewriteAof());
      await this.waitFor('aof_rewrite_in_progress', 'aof_rewrite_scheduled');
    }
    if (config.save) {
      await this.waitFor('rdb_bgsave_in_progress');
      await withDeadline(this.redis.bgSave());
      await this.waitFor('rdb_bgsave_in_progress');
    }
  }

  /** Polls INFO persistence until every named flag is 0 (a rewrite or save in progress has ended). */
  private async waitFor(...flags: string[]): Promise<void> {
    const deadline = Date.now() + this.rewriteTimeoutMs;
    for (;;) {
      const info = await withDeadline(this.redis.info('persistence'));
      if (flags.every((flag) => new RegExp(`^${flag}:0\\s*$`, 'm').test(info))) return;
      if (Date.now() > deadline) throw new Error(`Redis still busy (${flags.join(', ')}) after ${this.rewriteTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
