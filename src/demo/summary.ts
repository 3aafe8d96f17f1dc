import { isVerified, type Company, type Subscription, type TrainingProgramme, type Vacancy } from '../domain/index.js';

/** What a demo load put in the store, and why not all of it shows: the numbers `seed-demo` reports. */
export interface DemoSummary {
  readonly vacancies: number;
  readonly companies: number;
  readonly companiesVerified: number;
  /** The names of the companies left unverified, so their "not verified" line can be looked for in chat. */
  readonly companiesUnverified: readonly string[];
  readonly seekers: number;
  readonly subscriptions: number;
  /** Records that were in the store already and were left as they were. */
  readonly alreadyThere: number;
  /** Vacancies by status: only `open` ones are matched, as in a real office's list with closed ones and drafts. */
  readonly vacancyStatus: { readonly open: number; readonly closed: number; readonly draft: number };
  /** Open vacancies whose deadline has passed: kept open, but searches and alerts leave them out. */
  readonly openPastDeadline: number;
  readonly subscriptionsActive: number;
  /** Paused subscriptions send no alerts. */
  readonly subscriptionsPaused: number;
  readonly trainingProgrammes: number;
  /** Open programmes are offered in chat; closed ones are not. */
  readonly trainingProgrammesOpen: number;
}

/** Counts what was created (`created` holds only records that were new) as of `now`. */
export function summarizeDemo(
  created: {
    readonly vacancies: readonly Vacancy[];
    readonly companies: readonly Company[];
    readonly seekers: number;
    readonly subscriptions: readonly Subscription[];
    readonly programmes: readonly TrainingProgramme[];
  },
  alreadyThere: number,
  now: Date,
): DemoSummary {
  const status = (s: Vacancy['status']) => created.vacancies.filter((v) => v.status === s).length;
  const pastDeadline = created.vacancies.filter((v) => v.status === 'open' && v.deadline !== undefined && Date.parse(v.deadline) < now.getTime()).length;
  const active = created.subscriptions.filter((s) => s.active).length;
  return {
    vacancies: created.vacancies.length,
    companies: created.companies.length,
    companiesVerified: created.companies.filter((c) => isVerified(c)).length,
    companiesUnverified: created.companies.filter((c) => !isVerified(c)).map((c) => c.name),
    seekers: created.seekers,
    subscriptions: created.subscriptions.length,
    alreadyThere,
    vacancyStatus: { open: status('open'), closed: status('closed'), draft: status('draft') },
    openPastDeadline: pastDeadline,
    subscriptionsActive: active,
    subscriptionsPaused: created.subscriptions.length - active,
    trainingProgrammes: created.programmes.length,
    trainingProgrammesOpen: created.programmes.filter((p) => p.status === 'open').length,
  };
}

/** Names shown in the words; the JSON summary has them all. */
const NAMED = 3;

/** ": A, B, C" or ": A, B, C and 44 more (all in the JSON summary)". */
function namedFew(names: readonly string[]): string {
  if (names.length === 0) return '';
  const more = names.length - NAMED;
  return `: ${names.slice(0, NAMED).join(', ')}${more > 0 ? ` and ${more} more (all in the JSON summary)` : ''}`;
}

/** The summary in words, one line per kind of record, for the person who ran `seed-demo`. */
export function describeDemo(summary: DemoSummary): string[] {
  const { vacancyStatus: status } = summary;
  const shown = status.open - summary.openPastDeadline;
  return [
    `${summary.vacancies} vacancies created: ${shown} open and shown in searches and alerts; ${summary.openPastDeadline} open but past their deadline (not shown), ${status.closed} closed and ${status.draft} drafts (never shown), as an office's list has them.`,
    `${summary.companies} companies created: ${summary.companiesVerified} verified, ${summary.companiesUnverified.length} left unverified (their vacancies say so in chat)${namedFew(summary.companiesUnverified)}.`,
    `${summary.seekers} seekers created.`,
    `${summary.subscriptions} subscriptions created: ${summary.subscriptionsActive} active, ${summary.subscriptionsPaused} paused (paused ones get no alerts).`,
    `${summary.trainingProgrammes} training programmes created: ${summary.trainingProgrammesOpen} open (offered in chat under "pelatihan"), ${summary.trainingProgrammes - summary.trainingProgrammesOpen} closed.`,
    ...(summary.alreadyThere > 0 ? [`${summary.alreadyThere} records were in the store already and were left as they were.`] : []),
  ];
}
