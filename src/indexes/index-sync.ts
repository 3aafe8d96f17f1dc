import type { ChangeFeed } from '../runtime/change-feed.js';
import type { Logger } from '../runtime/logger.js';
import type { Store, StoreChange } from '../store/index.js';
import type { MatchIndex } from './match-index.js';

export interface IndexSyncOptions {
  /**
   * How often the indexes are reconciled with the store, the backstop for changes whose feed
   * message never came (written while Redis was away, or by a CLI that could not reach it).
   * Default: 30 000 ms.
   */
  readonly reconcileEveryMs?: number;
  /** Also told of every change, this process's own and every other's. Default: nothing. */
  readonly onChange?: (change: StoreChange) => void;
}

/**
 * Keeps one process's matching indexes current: this process's own writes at once, every other
 * process's through the change feed, and whatever the feed missed by reconciling with the store
 * after a feed interruption and on a short interval. Following starts before the build so no
 * change made during the build is missed (applying one twice is harmless).
 */
export class IndexSync {
  private readonly unsubscribe: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly index: MatchIndex,
    private readonly store: Store,
    private readonly feed: ChangeFeed,
    private readonly logger: Logger,
    private readonly options: IndexSyncOptions = {},
  ) {}

  async start(): Promise<void> {
    const changed = (change: StoreChange) => {
      void this.index.apply(change);
      this.options.onChange?.(change);
    };
    this.unsubscribe.push(this.store.onChange((change) => this.feed.publish(change)));
    this.unsubscribe.push(this.store.onChange(changed));
    await this.feed.follow(changed, () => {
      this.logger.info('change feed was interrupted; reconciling the indexes with the store');
      void this.index.reconcile();
    });
    await this.index.load();
    this.timer = setInterval(() => void this.index.reconcile(), this.options.reconcileEveryMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.feed.stop();
  }
}
