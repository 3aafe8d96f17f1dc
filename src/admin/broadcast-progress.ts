import { broadcastSourceId } from '../alerts/send-job.js';
import { DELIVERY_STATUSES, type Broadcast, type Delivery } from '../domain/index.js';
import type { Store } from '../store/index.js';

/**
 * Where a broadcast's messages are, counted from its Delivery rows (`broadcast-<id>`, one per
 * recipient, written by the send worker when it picks a job up) against the number of jobs the
 * fan-out enqueued.
 */
export interface BroadcastProgress {
  /** Jobs the fan-out enqueued (one per seeker and channel); null until it has run. */
  readonly recipients: number | null;
  /** Enqueued, not yet picked up by a send worker (no Delivery row yet). */
  readonly queued: number;
  /** Picked up and being sent, or waiting for a retry. */
  readonly pending: number;
  readonly sent: number;
  /** Given up on (blocked, or too many failed attempts); the row holds the reason. */
  readonly failed: number;
  /** Not sent on purpose: the person opted out or is gone, or the broadcast was cancelled before their turn. */
  readonly skipped: number;
  /**
   * `skipped` by the send worker's reason (`opted-out`, `recipient-gone`, `nothing-to-say` for a
   * cancelled broadcast…; `unspecified` for a row without one). Null when there are more than
   * {@link SKIP_BREAKDOWN_LIMIT} skipped rows: the reason is not indexed, so the rows are read.
   */
  readonly skippedBy: Readonly<Record<string, number>> | null;
  /** Jobs of a cancelled broadcast taken out of the queue before any worker saw them (so no row). */
  readonly cancelled: number;
  /** Nothing is left to happen: every job has its outcome (or was cancelled). */
  readonly finished: boolean;
}

/** Skipped rows read, at most, to count them by reason. */
export const SKIP_BREAKDOWN_LIMIT = 10_000;

/** Four indexed counts (sourceId, status), and the skipped rows (bounded) for their reasons. */
export async function broadcastProgress(store: Store, broadcast: Broadcast): Promise<BroadcastProgress> {
  const sourceId = broadcastSourceId(broadcast.id);
  const counts = Object.fromEntries(
    await Promise.all(DELIVERY_STATUSES.map(async (status) => [status, await store.deliveries.count({ sourceId, status })] as const)),
  ) as Record<Delivery['status'], number>;
  const rows = counts.pending + counts.sent + counts.failed + counts.skipped;
  const recipients = broadcast.recipients ?? null;
  // Rows can outnumber `recipients` after a repeated expansion that found fewer seekers.
  const unclaimed = recipients === null ? 0 : Math.max(0, recipients - rows);
  const cancelled = broadcast.status === 'cancelled' ? unclaimed : 0;
  const queued = broadcast.status === 'cancelled' ? 0 : unclaimed;
  return {
    recipients,
    queued,
    pending: counts.pending,
    sent: counts.sent,
    failed: counts.failed,
    skipped: counts.skipped,
    skippedBy: counts.skipped > SKIP_BREAKDOWN_LIMIT ? null : await skipReasons(store, sourceId),
    cancelled,
    finished: (recipients !== null || broadcast.status === 'cancelled') && queued === 0 && counts.pending === 0,
  };
}

async function skipReasons(store: Store, sourceId: string): Promise<Record<string, number>> {
  const by: Record<string, number> = {};
  for await (const row of store.deliveries.scan({ sourceId, status: 'skipped' })) {
    // `skipReason` is the send worker's closed list (domain/delivery.ts); older rows have none.
    const reason = 'skipReason' in row && typeof row.skipReason === 'string' ? row.skipReason : 'unspecified';
    by[reason] = (by[reason] ?? 0) + 1;
  }
  return by;
}
