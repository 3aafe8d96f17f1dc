import type { Queues } from '../../src/runtime/queues.js';
import { waitForAsync } from './wait.js';

/**
 * Waits until none of the named BullMQ queues holds a job that is still to run (waiting, active,
 * delayed, prioritized, waiting for children): what an end-to-end test needs before it says
 * "nothing more was sent", instead of sleeping for a guessed time.
 */
export async function waitForIdleQueues(queues: Queues, names: readonly string[], timeoutMs = 10_000): Promise<void> {
  await waitForAsync(
    async () => {
      for (const name of names) {
        const counts = await queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    },
    `queues ${names.join(', ')} idle`,
    timeoutMs,
    50,
  );
}
