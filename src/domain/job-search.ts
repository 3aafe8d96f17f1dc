import { z } from 'zod';
import { isoDateTimeSchema, textSchema } from './common.js';

/** Where a seeker stands: looking for work, not to be told of vacancies for now, or in work. */
export const JOB_SEARCH_STATES = ['active', 'paused', 'placed'] as const;
export type JobSearchState = (typeof JOB_SEARCH_STATES)[number];

/** Why a search is paused: the refresh question went unanswered, or the person asked for it. */
export const PAUSE_CAUSES = ['no-answer', 'choice'] as const;

/** Longest company name a person may give for the work they found. */
export const PLACEMENT_COMPANY_MAX = 100;

/** A job the person said they found ("Sudah bekerja"): when, and where if they said. */
export const selfReportedPlacementSchema = z.object({
  at: isoDateTimeSchema,
  company: textSchema(PLACEMENT_COMPANY_MAX).pipe(z.string().min(1)).optional(),
});
export type SelfReportedPlacement = z.infer<typeof selfReportedPlacementSchema>;

export const jobSearchSchema = z.object({
  state: z.enum(JOB_SEARCH_STATES).default('active'),
  /** When the person last said where they stand; absent: when they registered (the profile's `createdAt`). */
  confirmedAt: isoDateTimeSchema.optional(),
  /** When the refresh question was queued for them; cleared by any answer. */
  askedAt: isoDateTimeSchema.optional(),
  pausedAt: isoDateTimeSchema.optional(),
  pausedBy: z.enum(PAUSE_CAUSES).optional(),
  /** The last job they said they found; kept when they look again, so it still counts as a placement. */
  placement: selfReportedPlacementSchema.optional(),
});
export type JobSearch = z.infer<typeof jobSearchSchema>;

/** What job search needs of a seeker; profiles stored before it existed have no `jobSearch` and are active. */
interface Searching {
  readonly createdAt: string;
  readonly jobSearch?: JobSearch | undefined;
}

const ACTIVE: JobSearch = Object.freeze({ state: 'active' });

export function jobSearchOf(seeker: Searching): JobSearch {
  return seeker.jobSearch ?? ACTIVE;
}

/** Since when the person's answer stands: their last confirmation, or their registration. */
export function confirmedSince(seeker: Searching): string {
  return jobSearchOf(seeker).confirmedAt ?? seeker.createdAt;
}

/** Whether vacancy alerts and digests go to this person: only while they look for work. */
export function isSeekingWork(seeker: Searching): boolean {
  return jobSearchOf(seeker).state === 'active';
}

/** The refresh periods the service runs with unless configured (PROFILE_REFRESH_WEEKS, PROFILE_REFRESH_GRACE_DAYS). */
export const DEFAULT_REFRESH_PERIODS: Readonly<RefreshPeriods> = Object.freeze({ weeks: 8, graceDays: 14 });

export interface RefreshPeriods {
  /** Weeks after a confirmation before the person is asked again. */
  readonly weeks: number;
  /** Days an unanswered question waits before the search is paused. */
  readonly graceDays: number;
}

const DAY_MS = 86_400_000;

/** What the daily refresh run does with one seeker at `now`. */
export function refreshStep(seeker: Searching, now: Date, periods: RefreshPeriods): 'ask' | 'pause' | 'none' {
  const search = jobSearchOf(seeker);
  if (search.state !== 'active') return 'none';
  if (search.askedAt !== undefined) return now.getTime() - Date.parse(search.askedAt) >= periods.graceDays * DAY_MS ? 'pause' : 'none';
  return now.getTime() - Date.parse(confirmedSince(seeker)) >= periods.weeks * 7 * DAY_MS ? 'ask' : 'none';
}

/** "Masih mencari kerja": active again, confirmed now; a past placement stays on record. */
export function stillSeeking(current: JobSearch, at: string): JobSearch {
  return { state: 'active', confirmedAt: at, ...(current.placement ? { placement: current.placement } : {}) };
}

/** No vacancy alerts for now, by the person's choice or because the question went unanswered. */
export function pausedSearch(current: JobSearch, at: string, by: (typeof PAUSE_CAUSES)[number]): JobSearch {
  const { askedAt: _asked, ...rest } = current;
  return { ...rest, state: 'paused', pausedAt: at, pausedBy: by, ...(by === 'choice' ? { confirmedAt: at } : {}) };
}

/** "Sudah bekerja": placed now; `company` when they said where. */
export function placedSearch(at: string, company?: string): JobSearch {
  return { state: 'placed', confirmedAt: at, placement: { at, ...(company ? { company } : {}) } };
}

/** The refresh question was queued at `at`. */
export function askedSearch(current: JobSearch, at: string): JobSearch {
  return { ...current, askedAt: at };
}
