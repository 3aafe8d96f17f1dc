import pRetry from 'p-retry';
import type { Channel, Delivery, DeliverySkipReason } from '../domain/index.js';
import { ConflictError, DuplicateError, LokerError, NotFoundError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';

/** One job's hold on one Delivery row: the source, the person, and the job that is sending. */
export interface DeliveryKey {
  readonly sourceId: string;
  /** The Delivery row's recipient (`channel/userId`, or a store reference for an unreachable one). */
  readonly recipient: string;
  readonly channel: Channel;
  /** The BullMQ job id: a re-run of the same job owns the row again, any other job does not. */
  readonly jobId: string;
}

/** Why a job finds nothing to do: the person has it already, or another job is on it. */
export type NotClaimedReason = 'sent' | 'skipped' | 'failed' | 'owned-by-another-job';

export type Claim =
  | { readonly claimed: true; readonly delivery: Delivery }
  | { readonly claimed: false; readonly delivery: Delivery; readonly reason: NotClaimedReason };

export interface DeliveryLedgerOptions {
  /** Default: the system clock. */
  readonly now?: () => Date;
  /** Tries of the write that records a finished send, before the job is left to retry (and repeat). Default: 5. */
  readonly recordAttempts?: number;
}

/** Reads and writes racing a concurrent claimer: one re-read settles it, a few cover a flapping store. */
const CLAIM_ROUNDS = 4;

/**
 * The Delivery row is the ground truth of "exactly once per person": a send worker claims the row
 * (source × recipient) before it sends and records the outcome after. The unique index on
 * (sourceId, recipient) decides between two jobs that claim at once; every other change goes
 * through the store's optimistic `update`, which re-reads and re-applies on a conflict.
 *
 * - no row → created `pending`, owned by the job, attempts 1: send;
 * - `sent` or `skipped` → nothing to do;
 * - `pending` or `failed` owned by another job → nothing to do (a duplicate job, or another
 *   subscription of the same person, is on it or gave up on it);
 * - `pending` owned by this job (a retry, or a re-run after a crashed worker whose outcome was
 *   lost), `failed` owned by it (retried by hand), or an unowned placeholder → attempts + 1: send
 *   again. No platform takes an idempotency key, so a lost outcome may repeat; the row counts it.
 */
export class DeliveryLedger {
  private readonly now: () => Date;
  private readonly recordAttempts: number;

  constructor(
    private readonly store: Store,
    options: DeliveryLedgerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.recordAttempts = options.recordAttempts ?? 5;
  }

  find(sourceId: string, recipient: string): Promise<Delivery | undefined> {
    return this.store.deliveries.findOne(sourceId, recipient);
  }

  /** Whether `jobId` may (re)send this row; otherwise why not. */
  static notClaimable(delivery: Delivery, jobId: string): NotClaimedReason | undefined {
    if (delivery.status === 'sent' || delivery.status === 'skipped') return delivery.status;
    const owner = delivery.jobId;
    // A row nobody claimed yet (written ahead of the send, attempts 0) is anybody's to take.
    if (owner === undefined && delivery.attempts === 0) return undefined;
    if (owner === jobId) return undefined;
    return delivery.status === 'failed' ? 'failed' : 'owned-by-another-job';
  }

  /** Claims the row for one send, as described on the class. */
  async claim(key: DeliveryKey): Promise<Claim> {
    return this.settle(key, async (existing) => {
      let refused: NotClaimedReason | undefined;
      const updated = await this.store.deliveries.update(existing.id, (current) => {
        // Decided again on every re-read: a concurrent writer may have changed the row.
        refused = DeliveryLedger.notClaimable(current, key.jobId);
        if (refused) return current;
        const { lastError: _lastError, skipReason: _skipReason, ...rest } = current;
        return { ...rest, status: 'pending' as const, jobId: key.jobId, attempts: current.attempts + 1 };
      });
      return refused ? { claimed: false, delivery: updated, reason: refused } : { claimed: true, delivery: updated };
    }, () => this.newRow(key, { status: 'pending', attempts: 1 }));
  }

  /**
   * Records that nobody gets this job (no recipient, or nothing to say), unless the person was
   * served already or another job owns the row. Returns the row as it stands.
   */
  async skip(key: DeliveryKey, reason: DeliverySkipReason): Promise<Delivery> {
    const claim = await this.settle(key, async (existing) => {
      let refused: NotClaimedReason | undefined;
      const updated = await this.store.deliveries.update(existing.id, (current) => {
        refused = DeliveryLedger.notClaimable(current, key.jobId);
        if (refused) return current;
        const { lastError: _lastError, ...rest } = current;
        return { ...rest, status: 'skipped' as const, jobId: key.jobId, skipReason: reason };
      });
      return refused ? { claimed: false, delivery: updated, reason: refused } : { claimed: true, delivery: updated };
    }, () => this.newRow(key, { status: 'skipped', attempts: 0, skipReason: reason }));
    return claim.delivery;
  }

  /** The claimed send went out. Retried a few times: a lost record means a repeat on the next run. */
  markSent(delivery: Delivery, jobId: string): Promise<Delivery> {
    return this.persistently(() => this.finish(delivery.id, jobId, (current) => {
      const { lastError: _lastError, ...rest } = current;
      return { ...rest, status: 'sent' };
    }));
  }

  /** The claimed send failed for good; `reason` is an error code and a short text, no personal data. */
  markFailed(delivery: Delivery, jobId: string, reason: string): Promise<Delivery> {
    return this.persistently(() => this.finish(delivery.id, jobId, (current) => ({ ...current, status: 'failed', lastError: reason.slice(0, 500) })));
  }

  /** The claimed send failed for now and will be retried; the row stays `pending`, owned by the job. */
  noteRetry(delivery: Delivery, jobId: string, reason: string): Promise<Delivery> {
    return this.finish(delivery.id, jobId, (current) => ({ ...current, lastError: reason.slice(0, 500) }));
  }

  /** Applies `change` only while the row is still this job's pending (or failed) send. */
  private finish(id: string, jobId: string, change: (current: Delivery) => Delivery): Promise<Delivery> {
    return this.store.deliveries.update(id, (current) => (current.jobId === jobId && current.status !== 'sent' && current.status !== 'skipped' ? change(current) : current));
  }

  /**
   * Reads the row and hands it to `onExisting`, or creates it. Two jobs creating at once: the
   * unique index refuses the second, which reads the winner's row and decides on it. A row erased
   * in between (the person deleted their data) is read again.
   */
  private async settle(key: DeliveryKey, onExisting: (existing: Delivery) => Promise<Claim>, create: () => Delivery): Promise<Claim> {
    for (let round = 1; ; round++) {
      const existing = await this.find(key.sourceId, key.recipient);
      try {
        if (existing) return await onExisting(existing);
        return { claimed: true, delivery: await this.store.deliveries.create(create()) };
      } catch (error) {
        const raced = error instanceof DuplicateError || (error instanceof NotFoundError && existing !== undefined);
        if (!raced) throw error;
        if (round >= CLAIM_ROUNDS) throw new ConflictError('delivery', existing?.id ?? key.sourceId);
      }
    }
  }

  private newRow(key: DeliveryKey, fields: Pick<Delivery, 'status' | 'attempts'> & Partial<Pick<Delivery, 'skipReason'>>): Delivery {
    const at = this.now().toISOString();
    return { id: newId('dlv'), sourceId: key.sourceId, recipient: key.recipient, channel: key.channel, jobId: key.jobId, ...fields, createdAt: at, updatedAt: at };
  }

  private persistently<T>(write: () => Promise<T>): Promise<T> {
    return pRetry(write, {
      retries: this.recordAttempts - 1,
      minTimeout: 50,
      maxTimeout: 1000,
      // A row that is gone (erased meanwhile) or invalid will not come back by retrying.
      shouldRetry: ({ error }) => !(error instanceof LokerError && error.unrecoverable),
    });
  }
}
