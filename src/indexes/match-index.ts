import type { Matcher } from '../matching/index.js';
import type { Logger } from '../runtime/logger.js';
import { COLLECTIONS, type Store, type StoreChange } from '../store/index.js';

/** What one reconciliation changed in the indexes. */
export interface ReconcileReport {
  readonly updated: number;
  readonly removed: number;
  readonly ms: number;
}

interface Indexed {
  readonly id: string;
  readonly updatedAt: string;
}

/**
 * Keeps this process's matching engine in step with the store: built from it at start, then
 * updated from every change (this process's own and, through the change feed, every other's),
 * and reconciled against the store from time to time, so a change whose feed message was lost
 * (Redis away, a CLI that could not reach it) still arrives.
 */
export class MatchIndex {
  /** Changes and reconciliations run one at a time, in arrival order, each re-reading the store. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The `updatedAt` of every record in the indexes, so a reconciliation re-indexes only what changed. */
  private readonly versions = {
    vacancies: new Map<string, string>(),
    seekers: new Map<string, string>(),
    subscriptions: new Map<string, string>(),
  };

  constructor(
    readonly matcher: Matcher,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const started = Date.now();
    // Queued like every change, so a change that arrives during the build is applied after it;
    // unlike a later reconciliation, a failed build fails the start.
    const build = this.queue.then(() => this.reconcileNow());
    this.queue = build.catch(() => undefined);
    await build;
    this.logger.info({ ...this.matcher.stats, ms: Date.now() - started }, 'matching indexes built');
  }

  /** Applies one store change. Safe to call twice for the same change. */
  apply(change: StoreChange): Promise<void> {
    return this.enqueue(() => this.applyNow(change), () => ({ collection: change.collection, id: change.id }));
  }

  /**
   * Compares the indexes with the store and applies every difference: records added or changed
   * since they were indexed, and records gone or no longer open/active. Cheap when nothing changed
   * (a read of the store, no re-tokenizing).
   */
  reconcile(): Promise<ReconcileReport | undefined> {
    return this.enqueue(() => this.reconcileNow(), () => ({ reconcile: true }));
  }

  private enqueue<T>(work: () => Promise<T>, describe: () => Record<string, unknown>): Promise<T | undefined> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      this.logger.error({ err: error, ...describe() }, 'index update failed');
      return undefined;
    });
  }

  private async reconcileNow(): Promise<ReconcileReport> {
    const started = Date.now();
    const { matcher, store, versions } = this;
    const sync = async <T extends Indexed>(records: AsyncIterable<T>, known: Map<string, string>, put: (record: T) => void, drop: (id: string) => void) => {
      const seen = new Set<string>();
      let updated = 0;
      let removed = 0;
      for await (const record of records) {
        seen.add(record.id);
        if (known.get(record.id) === record.updatedAt) continue;
        put(record);
        known.set(record.id, record.updatedAt);
        updated++;
      }
      for (const id of known.keys()) {
        if (seen.has(id)) continue;
        drop(id);
        known.delete(id);
        removed++;
      }
      return { updated, removed };
    };
    const parts = [
      await sync(store.vacancies.listOpen(), versions.vacancies, (v) => matcher.updateVacancy(v), (id) => matcher.removeVacancy(id)),
      await sync(store.seekers.scan({ status: 'active' }), versions.seekers, (s) => matcher.updateSeeker(s), (id) => matcher.removeSeeker(id)),
      await sync(store.subscriptions.listActive(), versions.subscriptions, (s) => matcher.updateSubscription(s), (id) => matcher.removeSubscription(id)),
    ];
    const report = { updated: parts.reduce((n, p) => n + p.updated, 0), removed: parts.reduce((n, p) => n + p.removed, 0), ms: Date.now() - started };
    if (report.updated + report.removed > 0) this.logger.debug(report, 'indexes reconciled with the store');
    return report;
  }

  private async applyNow({ collection, id }: StoreChange): Promise<void> {
    // Re-reading instead of trusting the event keeps a late or repeated event harmless.
    if (collection === COLLECTIONS.vacancies.name) {
      const vacancy = await this.store.vacancies.get(id);
      this.follow(this.versions.vacancies, id, vacancy?.status === 'open' ? vacancy : undefined);
      if (vacancy) this.matcher.updateVacancy(vacancy);
      else this.matcher.removeVacancy(id);
    } else if (collection === COLLECTIONS.seekers.name) {
      const seeker = await this.store.seekers.get(id);
      const active = seeker?.status === 'active' ? seeker : undefined;
      this.follow(this.versions.seekers, id, active);
      if (active) this.matcher.updateSeeker(active);
      else this.matcher.removeSeeker(id);
    } else if (collection === COLLECTIONS.subscriptions.name) {
      const subscription = await this.store.subscriptions.get(id);
      this.follow(this.versions.subscriptions, id, subscription?.active ? subscription : undefined);
      if (subscription) this.matcher.updateSubscription(subscription);
      else this.matcher.removeSubscription(id);
    }
  }

  private follow(known: Map<string, string>, id: string, indexed: Indexed | undefined): void {
    if (indexed) known.set(id, indexed.updatedAt);
    else known.delete(id);
  }
}
