import type { Matcher } from '../matching/index.js';
import type { Logger } from '../runtime/logger.js';
import { COLLECTIONS, type Store, type StoreChange } from '../store/index.js';

/**
 * Keeps this process's matching engine in step with the store: built from it at start, then
 * updated from every change (this process's own and, through the change feed, every other's).
 */
export class MatchIndex {
  /** Changes are applied one at a time, in arrival order, each re-reading its record. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly matcher: Matcher,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const started = Date.now();
    for await (const vacancy of this.store.vacancies.listOpen()) this.matcher.addVacancy(vacancy);
    for await (const seeker of this.store.seekers.scan({ status: 'active' })) this.matcher.addSeeker(seeker);
    for await (const subscription of this.store.subscriptions.listActive()) this.matcher.addSubscription(subscription);
    this.logger.info({ ...this.matcher.stats, ms: Date.now() - started }, 'matching indexes built');
  }

  /** Applies one store change. Safe to call twice for the same change. */
  apply(change: StoreChange): Promise<void> {
    this.queue = this.queue
      .then(() => this.applyNow(change))
      .catch((error: unknown) => this.logger.error({ err: error, collection: change.collection, id: change.id }, 'index update failed'));
    return this.queue;
  }

  private async applyNow({ collection, id }: StoreChange): Promise<void> {
    // Re-reading instead of trusting the event keeps a late or repeated event harmless.
    if (collection === COLLECTIONS.vacancies.name) {
      const vacancy = await this.store.vacancies.get(id);
      if (vacancy) this.matcher.updateVacancy(vacancy);
      else this.matcher.removeVacancy(id);
    } else if (collection === COLLECTIONS.seekers.name) {
      const seeker = await this.store.seekers.get(id);
      if (seeker?.status === 'active') this.matcher.updateSeeker(seeker);
      else this.matcher.removeSeeker(id);
    } else if (collection === COLLECTIONS.subscriptions.name) {
      const subscription = await this.store.subscriptions.get(id);
      if (subscription) this.matcher.updateSubscription(subscription);
      else this.matcher.removeSubscription(id);
    }
  }
}
