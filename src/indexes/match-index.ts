import type { Matcher } from '../matching/index.js';
import type { Logger } from '../runtime/logger.js';
import { COLLECTIONS, type Filter, type Revision, type Store, type StoreChange, type Versioned } from '../store/index.js';
import { SubscriptionRoutes } from './subscription-routes.js';
import { VerifiedCompanies } from './verified-companies.js';

/** What one reconciliation changed in the indexes. */
export interface ReconcileReport {
  readonly updated: number;
  readonly removed: number;
  readonly ms: number;
}

/** One indexed collection: which records belong in the index, and how to read one again. */
interface Synced {
  readonly collection: string;
  /** The records the index holds (open vacancies, active seekers and subscriptions), with their revisions. */
  readonly scanVersioned: () => AsyncIterable<Versioned<{ id: string }>>;
  readonly scanRevisions: () => AsyncIterable<Revision>;
  /** Reads the record again and puts it in the index or takes it out; returns the revision now indexed. */
  readonly refresh: (id: string) => Promise<number | undefined>;
  readonly put: (doc: { id: string }) => void;
  /** The revision of every record in the index, so a reconciliation reads only what changed. */
  readonly known: Map<string, number>;
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
  private readonly synced: readonly Synced[];
  /** Where each active subscription's alerts go, kept with the matcher's reverse index. */
  readonly routes = new SubscriptionRoutes();
  /** Which companies the office verified, for the mark on every vacancy shown in chat. */
  readonly verifiedCompanies = new VerifiedCompanies();

  constructor(
    readonly matcher: Matcher,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {
    const { vacancies, seekers, subscriptions, companies } = store;
    this.synced = [
      this.sync(COLLECTIONS.vacancies.name, { status: 'open' }, vacancies, (v) => v.status === 'open', (v) => matcher.updateVacancy(v), (id) => matcher.removeVacancy(id)),
      this.sync(COLLECTIONS.seekers.name, { status: 'active' }, seekers, (s) => s.status === 'active', (s) => (s.status === 'active' ? matcher.updateSeeker(s) : matcher.removeSeeker(s.id)), (id) => matcher.removeSeeker(id)),
      this.sync(
        COLLECTIONS.subscriptions.name,
        { active: true },
        subscriptions,
        (s) => s.active,
        (s) => {
          matcher.updateSubscription(s);
          this.routes.put(s);
        },
        (id) => {
          matcher.removeSubscription(id);
          this.routes.remove(id);
        },
      ),
      // Every company is tracked (a few thousand), so a reconciliation re-reads only those that changed.
      this.sync(COLLECTIONS.companies.name, {}, companies, () => true, (c) => this.verifiedCompanies.put(c), (id) => this.verifiedCompanies.remove(id)),
    ];
  }

  async load(): Promise<void> {
    const started = Date.now();
    // Queued like every change, so a change that arrives during the build is applied after it;
    // unlike a later reconciliation, a failed build fails the start.
    const build = this.queue.then(() => this.build());
    this.queue = build.catch(() => undefined);
    await build;
    this.logger.info({ ...this.matcher.stats, ms: Date.now() - started }, 'matching indexes built');
  }

  /** Applies one store change. Safe to call twice for the same change. */
  apply(change: StoreChange): Promise<void> {
    return this.enqueue(
      async () => {
        // Re-reading instead of trusting the event keeps a late or repeated event harmless.
        await this.synced.find((s) => s.collection === change.collection)?.refresh(change.id);
      },
      () => ({ collection: change.collection, id: change.id }),
    );
  }

  /**
   * Compares the indexes with the store and applies every difference: records added or changed
   * since they were indexed, and records gone or no longer open/active. Cheap when little changed:
   * it reads ids and revisions only, and whole records only for what differs.
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

  private async build(): Promise<void> {
    for (const synced of this.synced) {
      for await (const { doc, rev } of synced.scanVersioned()) {
        synced.put(doc);
        synced.known.set(doc.id, rev);
      }
    }
  }

  private async reconcileNow(): Promise<ReconcileReport> {
    const started = Date.now();
    let updated = 0;
    let removed = 0;
    for (const synced of this.synced) {
      const seen = new Set<string>();
      const stale: string[] = [];
      for await (const { id, rev } of synced.scanRevisions()) {
        seen.add(id);
        if (synced.known.get(id) !== rev) stale.push(id);
      }
      for (const id of synced.known.keys()) if (!seen.has(id)) stale.push(id);
      for (const id of stale) {
        if ((await synced.refresh(id)) === undefined) removed++;
        else updated++;
      }
    }
    const report = { updated, removed, ms: Date.now() - started };
    if (updated + removed > 0) this.logger.debug(report, 'indexes reconciled with the store');
    return report;
  }

  private sync<T extends { id: string }>(
    collection: string,
    filter: Filter,
    repository: { scanVersioned(filter: Filter): AsyncGenerator<Versioned<T>>; scanRevisions(filter: Filter): AsyncGenerator<Revision>; getVersioned(id: string): Promise<Versioned<T> | undefined> },
    belongs: (doc: T) => boolean,
    update: (doc: T) => void,
    remove: (id: string) => void,
  ): Synced {
    const known = new Map<string, number>();
    return {
      collection,
      known,
      scanVersioned: () => repository.scanVersioned(filter),
      scanRevisions: () => repository.scanRevisions(filter),
      put: (doc) => update(doc as T),
      refresh: async (id) => {
        const found = await repository.getVersioned(id);
        // The matcher is told of every record that exists (it keeps a closed vacancy as closed and
        // drops an inactive subscription itself); only a gone one is removed here.
        if (found) update(found.doc);
        else remove(id);
        if (found && belongs(found.doc)) {
          known.set(id, found.rev);
          return found.rev;
        }
        known.delete(id);
        return undefined;
      },
    };
  }
}
