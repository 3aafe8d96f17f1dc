import type { Worker } from 'bullmq';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';

export interface DailyJobOptions {
  /** The queue holding the scheduler and its runs (one queue per daily job). Required. */
  readonly queue: string;
  /** The scheduler's id and its jobs' name, fixed so every process upserting it keeps one. Required. */
  readonly name: string;
  /** When it runs, `HH:MM` in WIB. Required. */
  readonly time: string;
}

/**
 * A job that runs once a day at a WIB time, as a BullMQ job scheduler (one per deployment, whatever
 * the number of worker processes: the scheduler id is fixed), and the worker that runs it. What a
 * run returns is logged and kept as the job's return value, so it must hold no personal data.
 */
export async function startDailyJob(queues: Queues, options: DailyJobOptions, run: () => Promise<Readonly<Record<string, number>>>, logger: Logger): Promise<Pick<Worker, 'close'>> {
  const [hour = '0', minute = '0'] = options.time.split(':');
  await queues.queue(options.queue).upsertJobScheduler(
    options.name,
    { pattern: `${Number(minute)} ${Number(hour)} * * *`, tz: 'Asia/Jakarta' },
    { name: options.name, opts: { removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } } },
  );
  return queues.worker(
    options.queue,
    async () => {
      const report = await run();
      logger.info(report, `${options.name} done`);
      return report;
    },
    { concurrency: 1 },
  );
}
