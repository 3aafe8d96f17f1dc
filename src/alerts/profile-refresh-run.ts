import { askedSearch, confirmedSince, jobSearchOf, pausedSearch, refreshStep, type RefreshPeriods, type Seeker } from '../domain/index.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { enqueueSend, type ProfileRefreshJob, profileRefreshSourceId } from './send-job.js';

export interface ProfileRefreshRunDeps {
  readonly store: Store;
  readonly queues: Queues;
  readonly periods: RefreshPeriods;
  /** The clock of the run. Default: the system clock. */
  readonly now?: () => Date;
}

/** The BullMQ job name of a refresh question. */
export const PROFILE_REFRESH_JOB_NAME = 'profile-refresh';

/**
 * One daily run of the profile refresh, over the seekers the bot can reach: a seeker looking for
 * work whose last confirmation is `periods.weeks` old is asked once whether they still are (one
 * send job on the channel they came in by, answered by its buttons); one asked `periods.graceDays`
 * ago who has not answered is paused, and from then on gets no vacancy alerts, and nothing else
 * from this run, until they answer.
 *
 * Asking twice is impossible: the job id and the Delivery row are the cycle's (named by the
 * confirmation it follows), and the profile records the question only after its job is in Redis,
 * so a run that dies in between asks the same job again, which BullMQ and the ledger drop.
 */
export async function runProfileRefresh(deps: ProfileRefreshRunDeps): Promise<{ asked: number; paused: number }> {
  const now = deps.now?.() ?? new Date();
  const at = now.toISOString();
  let asked = 0;
  let paused = 0;
  for await (const seeker of deps.store.seekers.scan({ status: 'active' })) {
    const step = refreshStep(seeker, now, deps.periods);
    if (step === 'ask' && (await ask(deps, seeker, at))) asked++;
    if (step === 'pause') {
      // Read again in the write: an answer that landed since the scan wins.
      const updated = await deps.store.seekers.update(seeker.id, (s) => (refreshStep(s, now, deps.periods) === 'pause' ? { ...s, jobSearch: pausedSearch(jobSearchOf(s), at, 'no-answer') } : s));
      if (jobSearchOf(updated).state === 'paused') paused++;
    }
  }
  return { asked, paused };
}

async function ask(deps: ProfileRefreshRunDeps, seeker: Seeker, at: string): Promise<boolean> {
  const channel = seeker.identities[0]?.channel;
  if (!channel) return false;
  const since = confirmedSince(seeker);
  const job: ProfileRefreshJob = { kind: 'profile-refresh', sourceId: profileRefreshSourceId(seeker.id, since), seekerId: seeker.id, channel };
  await enqueueSend(deps.queues, PROFILE_REFRESH_JOB_NAME, job);
  // Only the cycle asked about: an answer given meanwhile started a new one, which is not asked yet.
  await deps.store.seekers.update(seeker.id, (s) => (confirmedSince(s) === since && jobSearchOf(s).askedAt === undefined ? { ...s, jobSearch: askedSearch(jobSearchOf(s), at) } : s));
  return true;
}
