import type { Channel } from '../domain/index.js';
import type { Queues } from '../runtime/queues.js';
import { broadcastSourceId, SEND_QUEUES, type SendJobData } from './send-job.js';

export interface RemoveBroadcastJobsOptions {
  /**
   * How many waiting and delayed job ids are read per queue, at most, looking for the broadcast's.
   * Default: 200 000. Past it the rest are left: the send worker skips them anyway.
   */
  readonly maxScan?: number;
  /** Job ids read per round trip. Default: 5 000. */
  readonly pageSize?: number;
  /** Jobs looked at and removed at once. Default: 100. */
  readonly concurrency?: number;
}

export const DEFAULT_REMOVE_BROADCAST_JOBS: Required<RemoveBroadcastJobsOptions> = Object.freeze({ maxScan: 200_000, pageSize: 5_000, concurrency: 100 });

/**
 * Removes a cancelled broadcast's jobs that no send worker has picked up yet (waiting or delayed),
 * from every send queue, and returns how many. An optimisation only: a job left behind (active,
 * picked up meanwhile, or past `maxScan`) finds the broadcast cancelled when it runs, sends nothing
 * and records itself skipped. Cheap enough for a rare action: it reads job ids only (no job data)
 * and looks closer only at ids with the broadcast's prefix.
 */
export async function removeBroadcastJobs(queues: Queues, broadcastId: string, options: RemoveBroadcastJobsOptions = {}): Promise<number> {
  const { maxScan, pageSize, concurrency } = { ...DEFAULT_REMOVE_BROADCAST_JOBS, ...options };
  // Every job id of this broadcast starts so (sendJobId); another broadcast's id could too
  // (`b1` vs `b1-2`), so each candidate's data is checked before it is removed.
  const prefix = `${broadcastSourceId(broadcastId)}-`.replaceAll(':', '_');
  let removed = 0;
  for (const channel of Object.keys(SEND_QUEUES) as Channel[]) {
    const queue = queues.queue<SendJobData>(SEND_QUEUES[channel]);
    // Ids are collected first and removed after: removing while paging would shift the pages.
    const candidates: string[] = [];
    // One state at a time: getRanges applies the range to each state's list separately.
    for (const state of ['waiting', 'delayed'] as const) {
      for (let start = 0; start < maxScan; start += pageSize) {
        const ids = await queue.getRanges([state], start, Math.min(start + pageSize, maxScan) - 1);
        candidates.push(...ids.filter((id) => id.startsWith(prefix)));
        if (ids.length < pageSize) break;
      }
    }
    for (let i = 0; i < candidates.length; i += concurrency) {
      const outcomes = await Promise.all(
        candidates.slice(i, i + concurrency).map(async (id) => {
          const job = await queue.getJob(id);
          if (job?.data.kind !== 'broadcast' || job.data.broadcastId !== broadcastId) return 0;
          // 0 when a worker holds it (locked): it will skip itself.
          return queue.remove(id);
        }),
      );
      removed += outcomes.reduce((sum: number, n) => sum + n, 0);
    }
  }
  return removed;
}
