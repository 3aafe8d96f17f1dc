import type { Worker } from 'bullmq';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import { runDigest, type DigestRunDeps } from './digest-run.js';
import { DIGEST_QUEUE } from './send-job.js';

export interface DigestScheduleOptions {
  /** When the daily digest goes out, `HH:MM` in WIB. Default: `07:00`. */
  readonly time?: string;
}

/**
 * The daily digest as a BullMQ job scheduler (one per deployment, whatever the number of worker
 * processes: the scheduler id is fixed, so every process upserting it keeps one), and the worker
 * that runs it.
 */
export async function startDigests(queues: Queues, deps: DigestRunDeps, logger: Logger, options: DigestScheduleOptions = {}): Promise<Pick<Worker, 'close'>> {
  const [hour = '7', minute = '0'] = (options.time ?? '07:00').split(':');
  await queues.queue(DIGEST_QUEUE).upsertJobScheduler(
    'daily-digest',
    { pattern: `${Number(minute)} ${Number(hour)} * * *`, tz: 'Asia/Jakarta' },
    { name: 'daily-digest', opts: { removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } } },
  );
  return queues.worker(
    DIGEST_QUEUE,
    async () => {
      const report = await runDigest(deps);
      logger.info(report, 'daily digest enqueued');
      return report;
    },
    { concurrency: 1 },
  );
}
