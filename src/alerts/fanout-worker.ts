import { UnrecoverableError, type Worker } from 'bullmq';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import type { FanoutJobData } from './outbox-relay.js';
import { FANOUT_QUEUE } from './send-job.js';

/** Expands one kind of outbox event into send jobs; safe to run twice for the same event. */
export type Expander = (subjectId: string, event: FanoutJobData) => Promise<object>;

/**
 * Runs fan-out jobs (one per outbox event) one at a time per process: a fan-out may enqueue a
 * hundred thousand jobs, and two at once would only compete for the same Redis. A worker killed
 * mid-way leaves its job to BullMQ's stalled-job check, which hands it to another worker; the
 * expansion starts over and adds only what is not there yet (deterministic job ids).
 */
export function startFanoutWorker(
  queues: Queues,
  expanders: Readonly<Partial<Record<FanoutJobData['type'], Expander>>>,
  logger: Logger,
  stalls: { readonly lockDuration?: number; readonly stalledInterval?: number } = {},
): Worker<FanoutJobData> {
  return queues.worker<FanoutJobData>(
    FANOUT_QUEUE,
    async (job) => {
      const started = Date.now();
      const expand = expanders[job.data.type];
      // Kept failed (not retried) where it can be seen: a process that cannot expand this kind of event.
      if (!expand) throw new UnrecoverableError(`no expander for ${job.data.type} events in this process`);
      const report = await expand(job.data.subjectId, job.data);
      logger.info({ event: job.data.eventId, type: job.data.type, subject: job.data.subjectId, ...report, ms: Date.now() - started }, 'outbox event expanded');
      return report;
    },
    { concurrency: 1, ...stalls },
  );
}

