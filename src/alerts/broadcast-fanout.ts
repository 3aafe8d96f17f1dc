import type { Broadcast, Channel } from '../domain/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { removeBroadcastJobs } from './broadcast-jobs.js';
import { defaultSegmentVocabulary, segmentFilter, visitSegment, type SegmentVocabulary } from './broadcast-segment.js';
import { broadcastSourceId, SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, type BroadcastJob, type SendJobData } from './send-job.js';

export interface BroadcastFanoutDeps {
  readonly store: Store;
  readonly queues: Queues;
  readonly logger: Logger;
  /** Skill and kecamatan vocabulary of the segment. Default: the reference data ({@link defaultSegmentVocabulary}); pass the service's Matcher to share it. */
  readonly vocabulary?: SegmentVocabulary;
  /** Jobs per `addBulk` (per Redis round trip). Default: 1 000. */
  readonly chunkSize?: number;
  /** Clock for the delay of a scheduled broadcast. Default: the system clock. */
  readonly now?: () => Date;
}

export interface BroadcastFanoutResult {
  /**
   * Jobs handed to BullMQ, one per (seeker, channel). A job id that is already there is kept as it
   * is (deterministic ids), so a repeated expansion reports the same number and adds nothing.
   */
  readonly enqueued: number;
  /** Active seekers read that got no job: outside the segment, or opted out of broadcasts. */
  readonly skipped: number;
}

export const DEFAULT_BROADCAST_CHUNK_SIZE = 1000;

/** The BullMQ job name of every broadcast send (workers tell kinds apart by `data.kind`). */
export const BROADCAST_JOB_NAME = 'broadcast';

/** Statuses a broadcast is expanded in; `draft` is not ready, `cancelled` and `done` are over. */
const EXPANDABLE: ReadonlySet<Broadcast['status']> = new Set(['queued', 'sending']);

/**
 * Expands one `broadcast-created` event into one BroadcastJob per (seeker, channel): streams the
 * active seekers (a store page at a time; memory stays flat), keeps those in the segment who did not
 * opt out, and adds their jobs to `SEND_QUEUES[channel]` with `addBulk` in chunks. A scheduled
 * broadcast's jobs are delayed until `scheduledAt`. The broadcast then goes `sending` with the
 * number of jobs, which progress counts against.
 *
 * Idempotent: job ids are deterministic (sendJobId), so an expansion repeated after a crash or a
 * redelivered event adds nothing new, and the Delivery row stops a second send even after BullMQ
 * has dropped a completed job. Safe against a cancel at any moment: nothing is expanded for a
 * cancelled broadcast, the expansion stops at the next chunk once it is cancelled, and the jobs
 * it did add are removed again (a job missed by that finds the broadcast cancelled and sends nothing).
 */
export async function expandBroadcast(broadcastId: string, deps: BroadcastFanoutDeps): Promise<BroadcastFanoutResult> {
  const { store, queues } = deps;
  const logger = deps.logger.child({ module: 'broadcast-fanout', broadcastId });
  const chunkSize = deps.chunkSize ?? DEFAULT_BROADCAST_CHUNK_SIZE;
  const broadcast = await store.broadcasts.get(broadcastId);
  if (!broadcast || !EXPANDABLE.has(broadcast.status)) {
    // Nothing to retry: an erased or finished broadcast stays so. The event counts as handled.
    logger.info({ status: broadcast?.status ?? 'missing' }, 'broadcast not expanded');
    return { enqueued: 0, skipped: 0 };
  }
  const filter = await segmentFilter(store, broadcast.segment, deps.vocabulary ?? defaultSegmentVocabulary());
  const delay = broadcast.scheduledAt ? Math.max(0, Date.parse(broadcast.scheduledAt) - (deps.now ?? (() => new Date()))().getTime()) : 0;
  const sourceId = broadcastSourceId(broadcastId);
  const pending: BroadcastJob[] = [];
  let enqueued = 0;
  let skipped = 0;
  let stopped = false;

  const flush = async (): Promise<void> => {
    const byChannel = new Map<Channel, BroadcastJob[]>();
    for (const job of pending.splice(0)) {
      const jobs = byChannel.get(job.channel);
      if (jobs) jobs.push(job);
      else byChannel.set(job.channel, [job]);
    }
    for (const [channel, jobs] of byChannel) {
      await queues.queue<SendJobData>(SEND_QUEUES[channel]).addBulk(
        jobs.map((data) => ({ name: BROADCAST_JOB_NAME, data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data), ...(delay > 0 ? { delay } : {}) } })),
      );
      enqueued += jobs.length;
    }
  };

  for await (const visit of visitSegment(store, filter)) {
    if (visit.verdict !== 'recipient') {
      skipped++;
      continue;
    }
    for (const channel of visit.channels) pending.push({ kind: 'broadcast', sourceId, broadcastId, seekerId: visit.seekerId, channel });
    if (pending.length >= chunkSize) {
      // One read per chunk: a cancel stops the expansion within a chunk.
      if ((await store.broadcasts.get(broadcastId))?.status === 'cancelled') {
        stopped = true;
        break;
      }
      await flush();
    }
  }
  if (!stopped) await flush();
  pending.length = 0;

  // Re-read inside the update: a cancel that landed meanwhile is kept, never overwritten by `sending`.
  // Typed wide on purpose: it is set inside the update's callback, which narrowing cannot see.
  let started = false as boolean;
  const after = await store.broadcasts.update(broadcastId, (current) => {
    started = current.status === 'queued';
    return {
      ...current,
      // A repeated expansion may see fewer seekers (one opted out since): the jobs of the first stay.
      recipients: Math.max(current.recipients ?? 0, enqueued),
      status: started ? 'sending' : current.status,
    };
  });
  if (started) await store.audit.record({ actor: 'system', action: 'broadcast.send', target: { type: 'broadcast', id: broadcastId }, details: { recipients: enqueued } });
  if (after.status === 'cancelled') {
    const removed = await removeBroadcastJobs(queues, broadcastId);
    logger.info({ enqueued, removed }, 'broadcast cancelled during its expansion; its jobs removed');
    return { enqueued, skipped };
  }
  logger.info({ enqueued, skipped, delayMs: delay }, 'broadcast expanded');
  return { enqueued, skipped };
}
