import type { JobsOptions } from 'bullmq';
import type { Channel } from '../domain/index.js';
import type { SubscriptionRoutes } from '../indexes/subscription-routes.js';
import type { Queues } from '../runtime/queues.js';
import type { DigestBook } from './digest-book.js';
import { wibDay } from './quiet-hours.js';
import { DIGEST_MAX_ITEMS, SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, type DigestJob } from './send-job.js';

export interface DigestRunDeps {
  readonly digests: DigestBook;
  readonly routes: SubscriptionRoutes;
  readonly queues: Queues;
  readonly now?: () => Date;
}

/**
 * One digest run (07:00 WIB by default): every daily subscriber with new matches waiting gets one
 * send job listing the newest DIGEST_MAX_ITEMS of them, which leave the waiting list (older ones
 * wait for the next digest); nobody with nothing new gets anything. The job id holds the WIB day,
 * so a run repeated the same day (a crash after enqueueing) sends nothing twice, and what arrived
 * after the day's first run waits for the next day.
 */
export async function runDigest(deps: DigestRunDeps): Promise<{ digests: number }> {
  const day = wibDay(deps.now?.() ?? new Date());
  let digests = 0;
  for await (const batch of deps.digests.due()) {
    const jobs = new Map<Channel, { name: string; data: DigestJob; opts: JobsOptions }[]>();
    for (const subscriptionId of batch) {
      const route = deps.routes.get(subscriptionId);
      // Gone, paused or switched to instant since: nothing to send; its backlog goes.
      if (!route?.daily) {
        await deps.digests.forget(subscriptionId);
        continue;
      }
      const vacancyIds = await deps.digests.newest(subscriptionId, DIGEST_MAX_ITEMS);
      if (vacancyIds.length === 0) continue;
      const data: DigestJob = { kind: 'digest', sourceId: `digest-${day}-${subscriptionId}`, subscriptionId, vacancyIds };
      const list = jobs.get(route.channel) ?? [];
      list.push({ name: 'digest', data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data) } });
      jobs.set(route.channel, list);
      digests++;
    }
    for (const [channel, list] of jobs) {
      const queue = deps.queues.queue<DigestJob>(SEND_QUEUES[channel]);
      await queue.addBulk(list);
      // Taken off the waiting list only once their job is in Redis (a run that dies before repeats
      // harmlessly), and only what the day's job really carries: when today's job existed already,
      // BullMQ kept that one, and what came after it waits for tomorrow.
      for (const { data, opts } of list) {
        const kept = opts.jobId ? await queue.getJob(opts.jobId) : undefined;
        await deps.digests.sent(data.subscriptionId, kept?.data.vacancyIds ?? []);
      }
    }
  }
  return { digests };
}
