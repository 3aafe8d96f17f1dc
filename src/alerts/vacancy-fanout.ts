import type { JobsOptions } from 'bullmq';
import type { Channel } from '../domain/index.js';
import type { SubscriptionRoutes } from '../indexes/subscription-routes.js';
import type { Matcher } from '../matching/index.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import type { DigestBook, DigestEntry } from './digest-book.js';
import { quietDelayMs } from './quiet-hours.js';
import { SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, vacancySourceId, type VacancyAlertJob } from './send-job.js';

export interface VacancyFanoutDeps {
  readonly store: Store;
  readonly matcher: Matcher;
  readonly routes: SubscriptionRoutes;
  readonly queues: Queues;
  readonly digests: DigestBook;
  readonly now?: () => Date;
  /** Jobs per `addBulk`. Default: 1 000. */
  readonly chunk?: number;
}

export interface FanoutReport {
  /** Instant alerts enqueued (some delayed to the end of quiet hours). */
  readonly instant: number;
  /** Matches added to daily digests. */
  readonly daily: number;
}

interface BulkJob {
  readonly name: string;
  readonly data: VacancyAlertJob;
  readonly opts: JobsOptions;
}

/**
 * "Vacancy opened" → one job per instant subscriber and one digest entry per daily subscriber:
 * the matcher's reverse index names the subscriptions, the in-memory routes say where each goes,
 * and jobs leave in chunks, so memory stays flat however many subscribers match. Job ids are
 * `vacancy-<vacancyId>-<subscriptionId>`: expanding the same event again, or re-opening the
 * vacancy, adds nothing (and the send side's Delivery rows hold once the jobs are gone).
 */
export async function expandVacancy(vacancyId: string, deps: VacancyFanoutDeps): Promise<FanoutReport> {
  const vacancy = await deps.store.vacancies.get(vacancyId);
  if (!vacancy || vacancy.status !== 'open') return { instant: 0, daily: 0 };
  const now = deps.now?.() ?? new Date();
  const chunk = deps.chunk ?? 1000;
  const pending = new Map<Channel, BulkJob[]>();
  const digest: DigestEntry[] = [];
  let instant = 0;
  let daily = 0;
  const flush = async (channel: Channel) => {
    const jobs = pending.get(channel);
    if (!jobs?.length) return;
    pending.set(channel, []);
    await deps.queues.queue<VacancyAlertJob>(SEND_QUEUES[channel]).addBulk(jobs);
  };
  const openedAt = Date.parse(vacancy.openedAt ?? vacancy.updatedAt);
  for (const subscriptionId of deps.matcher.subscriptionsFor(vacancy)) {
    const route = deps.routes.get(subscriptionId);
    if (!route) continue;
    if (route.daily) {
      digest.push({ subscriptionId, vacancyId, at: openedAt });
      daily++;
      if (digest.length >= chunk) await deps.digests.add(digest.splice(0));
      continue;
    }
    const data: VacancyAlertJob = { kind: 'vacancy-alert', sourceId: vacancySourceId(vacancyId), vacancyId, subscriptionId };
    const jobs = pending.get(route.channel) ?? [];
    jobs.push({ name: 'vacancy-alert', data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data), delay: quietDelayMs(now, route.quiet) } });
    pending.set(route.channel, jobs);
    instant++;
    if (jobs.length >= chunk) await flush(route.channel);
  }
  for (const channel of pending.keys()) await flush(channel);
  await deps.digests.add(digest);
  return { instant, daily };
}
