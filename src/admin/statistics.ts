import { z } from 'zod';
import { EDUCATION_LEVELS, JOB_SEARCH_STATES, jobSearchOf, PLACED_STATUSES, type Application } from '../domain/index.js';
import { FREE_PREFIX, type SkillsDictionary } from '../matching/index.js';
import type { Store } from '../store/index.js';
import { SkillGap, type SkillGapRow } from './skill-gap.js';

/*
 * The office's numbers, read from the store when asked (a pass over seekers, open vacancies,
 * applications and sent alerts; a pilot's store answers in well under a second). Seekers are the
 * active ones (every stored seeker consented). Weeks are ISO weeks in WIB. Skills are the
 * matcher's canonical ids, named from its dictionary.
 *
 * Placements are hired or accepted applications, and jobs seekers reported themselves ("Sudah
 * bekerja" in the chat): one person is one placement, so a seeker with a placed application is
 * counted by it, not again by their own report.
 */

/** What statistics need of the matcher: canonical skill ids for text, and the dictionary's names and categories. */
export interface SkillVocabulary {
  canonicalSkills(text: string): string[];
  readonly tokenizer: { readonly dictionary: Pick<SkillsDictionary, 'get' | 'displayName'> };
}

export interface StatisticsDeps {
  readonly store: Store;
  readonly vocabulary: SkillVocabulary;
  /** Local (KTP Bekasi) placements the office aims for in a year (`PLACEMENT_TARGET`). */
  readonly placementTarget: number;
  readonly now?: () => Date;
}

export const statisticsQuerySchema = z.strictObject({
  /** Weeks of matches, applications and placements, ending with the current one. Default: 12, at most 104. */
  weeks: z.coerce.number().int().min(1).max(104).default(12),
  /** The year whose placements are counted against the target (WIB). Default: this year. */
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  /** Rows of the top-skills and skill-gap tables. Default: 20, at most 200. */
  top: z.coerce.number().int().min(1).max(200).default(20),
});
export type StatisticsQuery = z.output<typeof statisticsQuerySchema>;

const count = (key: string) => z.object({ [key]: z.union([z.string(), z.boolean()]), count: z.number().int() });

export const statisticsSchema = z.object({
  generatedAt: z.string(),
  seekers: z.object({
    total: z.number().int(),
    byKecamatan: z.array(count('kecamatan')),
    byEducation: z.array(count('education')),
    byKtpBekasi: z.array(count('ktpBekasi')),
    byJobSearch: z.array(count('jobSearch')).meta({ description: 'active: looking for work; paused: no answer to the refresh question in time, or by choice; placed: said they found work' }),
    topSkills: z.array(z.object({ skill: z.string(), name: z.string(), seekers: z.number().int() })),
  }),
  vacancies: z.object({
    open: z.number().int(),
    byEstate: z.array(z.object({ estate: z.string(), vacancies: z.number().int(), places: z.number().int() })),
    bySector: z.array(z.object({ sector: z.string(), vacancies: z.number().int(), places: z.number().int() })),
    byKecamatan: z.array(z.object({ kecamatan: z.string(), vacancies: z.number().int(), places: z.number().int() })),
  }),
  weekly: z.array(
    z.object({
      week: z.string(),
      matches: z.number().int(),
      applications: z.number().int(),
      placements: z.number().int().meta({ description: 'placed applications and self-reported placements' }),
      selfReportedPlacements: z.number().int().meta({ description: 'of placements, those the seekers reported themselves' }),
    }),
  ),
  localShare: z.object({
    year: z.number().int(),
    placements: z.number().int(),
    selfReported: z.number().int().meta({ description: 'of placements, those the seekers reported themselves' }),
    local: z.number().int(),
    share: z.number().nullable().meta({ description: 'local / placements; null without placements' }),
    target: z.number().int(),
    progress: z.number().meta({ description: 'local / target' }),
  }),
  skillGap: z.array(z.object({ skill: z.string(), name: z.string(), vacanciesAsking: z.number().int(), seekersWith: z.number().int(), vacanciesOpenedUp: z.number().int(), seekersOneSkillShort: z.number().int() })),
});
export type Statistics = z.infer<typeof statisticsSchema>;

/** An estate, sector or kecamatan with no value is counted under this. */
const NONE = '(none)';
const WIB_MS = 7 * 3600_000;

export async function computeStatistics(deps: StatisticsDeps, query: StatisticsQuery): Promise<Statistics> {
  const now = (deps.now ?? (() => new Date()))();
  const dictionary = deps.vocabulary.tokenizer.dictionary;
  const gap = new SkillGap();
  const { seekers, selfReports } = await seekerTables(deps.store, gap, query.top, dictionary);
  const vacancies = await vacancyTables(deps, gap);
  const weeks = lastWeeks(now, query.weeks);
  const year = query.year ?? new Date(now.getTime() + WIB_MS).getUTCFullYear();
  const placed = await applicationTables(deps.store, weeks, year);
  const { placements, selfReported, local } = addSelfReports(placed, selfReports, year);
  await countMatches(deps.store, weeks);
  return {
    generatedAt: now.toISOString(),
    seekers,
    vacancies,
    weekly: [...weeks.values()],
    localShare: { year, placements, selfReported, local, share: placements === 0 ? null : local / placements, target: deps.placementTarget, progress: local / deps.placementTarget },
    skillGap: gap
      .report()
      .slice(0, query.top)
      .map((row: SkillGapRow) => ({ skill: row.skill, name: dictionary.displayName(row.skill, 'id'), vacanciesAsking: row.vacanciesAsking, seekersWith: row.seekersWith, vacanciesOpenedUp: row.vacanciesOpenedUp, seekersOneSkillShort: row.seekersOneSkillShort })),
  };
}

/** A job a seeker reported themselves, as the placement tables count it. */
interface SelfReport {
  readonly seekerId: string;
  readonly at: Date;
  readonly local: boolean;
}

async function seekerTables(store: Store, gap: SkillGap, top: number, dictionary: SkillVocabulary['tokenizer']['dictionary']): Promise<{ seekers: Statistics['seekers']; selfReports: SelfReport[] }> {
  const kecamatan = new Counter();
  const education = new Counter();
  const ktp = new Counter();
  const skills = new Counter();
  const searching = new Counter();
  const selfReports: SelfReport[] = [];
  let total = 0;
  // Every seeker for the placements they reported (one who later blocked the bot was still placed); the active ones for the rest.
  for await (const seeker of store.seekers.scan()) {
    const search = jobSearchOf(seeker);
    if (search.placement) selfReports.push({ seekerId: seeker.id, at: new Date(search.placement.at), local: seeker.domicile.ktpBekasi });
    if (seeker.status !== 'active') continue;
    total++;
    searching.add(search.state);
    kecamatan.add(seeker.domicile.kecamatan);
    education.add(seeker.education.level);
    ktp.add(String(seeker.domicile.ktpBekasi));
    const known = seeker.skills.ids.filter((id) => !id.startsWith(FREE_PREFIX));
    for (const id of new Set(known)) skills.add(id);
    gap.addSeeker(known);
  }
  const levels = EDUCATION_LEVELS as readonly string[];
  const seekers = {
    total,
    byKecamatan: kecamatan.sorted().map(([name, n]) => ({ kecamatan: name, count: n })),
    byEducation: education.sorted((a, b) => levels.indexOf(a) - levels.indexOf(b)).map(([level, n]) => ({ education: level, count: n })),
    byKtpBekasi: [true, false].map((value) => ({ ktpBekasi: value, count: ktp.get(String(value)) })),
    byJobSearch: JOB_SEARCH_STATES.map((state) => ({ jobSearch: state, count: searching.get(state) })),
    topSkills: skills
      .sorted()
      .slice(0, top)
      .map(([id, n]) => ({ skill: id, name: dictionary.displayName(id, 'id'), seekers: n })),
  };
  return { seekers, selfReports };
}

async function vacancyTables(deps: StatisticsDeps, gap: SkillGap): Promise<Statistics['vacancies']> {
  const { vocabulary } = deps;
  const estate = new Counter();
  const sector = new Counter();
  const kecamatan = new Counter();
  let open = 0;
  for await (const vacancy of deps.store.vacancies.listOpen()) {
    open++;
    estate.add(vacancy.estate || NONE, vacancy.quota);
    kecamatan.add(vacancy.kecamatan, vacancy.quota);
    sector.add(sectorOf(vocabulary, vacancy.title, vacancy.requiredSkills), vacancy.quota);
    gap.addVacancy(vacancy.requiredSkills.flatMap((phrase) => vocabulary.canonicalSkills(phrase)).filter((id) => !id.startsWith(FREE_PREFIX)));
  }
  const rows = (counter: Counter) => counter.sorted().map(([name, n]) => ({ name, vacancies: n, places: counter.weight(name) }));
  return {
    open,
    byEstate: rows(estate).map(({ name, ...r }) => ({ estate: name, ...r })),
    bySector: rows(sector).map(({ name, ...r }) => ({ sector: name, ...r })),
    byKecamatan: rows(kecamatan).map(({ name, ...r }) => ({ kecamatan: name, ...r })),
  };
}

/** The dictionary category of the first known skill in the title (the occupation), else in the required skills. */
function sectorOf(vocabulary: SkillVocabulary, title: string, required: readonly string[]): string {
  for (const text of [title, ...required]) {
    for (const id of vocabulary.canonicalSkills(text)) {
      const category = vocabulary.tokenizer.dictionary.get(id)?.category;
      if (category) return category;
    }
  }
  return NONE;
}

type Week = Statistics['weekly'][number] & { matches: number; applications: number; placements: number; selfReportedPlacements: number };

interface PlacementCounts {
  placements: number;
  selfReported: number;
  local: number;
}

/** Applications and placed applications into `weeks`, the year's placed applications, and who was placed by one. */
async function applicationTables(store: Store, weeks: Map<string, Week>, year: number): Promise<PlacementCounts & { weeks: Map<string, Week>; placedSeekers: Set<string> }> {
  let placements = 0;
  let local = 0;
  const placedSeekers = new Set<string>();
  for await (const application of store.applications.scan()) {
    const applied = weeks.get(isoWeek(new Date(application.createdAt)));
    if (applied) applied.applications++;
    const placedAt = placedAtOf(application);
    if (!placedAt) continue;
    if (application.seekerId !== undefined) placedSeekers.add(application.seekerId);
    const placedWeek = weeks.get(isoWeek(placedAt));
    if (placedWeek) placedWeek.placements++;
    if (new Date(placedAt.getTime() + WIB_MS).getUTCFullYear() !== year) continue;
    placements++;
    if (application.ktpBekasi) local++;
  }
  return { weeks, placedSeekers, placements, selfReported: 0, local };
}

/** The self-reported placements of seekers no placed application counts already, into the weeks and the year. */
function addSelfReports(placed: PlacementCounts & { weeks: Map<string, Week>; placedSeekers: Set<string> }, reports: readonly SelfReport[], year: number): PlacementCounts {
  let { placements, selfReported, local } = placed;
  for (const report of reports) {
    if (placed.placedSeekers.has(report.seekerId)) continue;
    const week = placed.weeks.get(isoWeek(report.at));
    if (week) {
      week.placements++;
      week.selfReportedPlacements++;
    }
    if (new Date(report.at.getTime() + WIB_MS).getUTCFullYear() !== year) continue;
    placements++;
    selfReported++;
    if (report.local) local++;
  }
  return { placements, selfReported, local };
}

/** When the application became a placement (its last `hired`/`accepted` entry), if it is one now. */
function placedAtOf(application: Application): Date | undefined {
  const placed = PLACED_STATUSES as readonly string[];
  if (!placed.includes(application.status)) return undefined;
  const entry = application.history.findLast((h) => placed.includes(h.status));
  return entry ? new Date(entry.at) : undefined;
}

/** Matches the service made known: vacancy alerts and digests sent, by the week they were sent. */
async function countMatches(store: Store, weeks: Map<string, Week>): Promise<void> {
  for await (const delivery of store.deliveries.scan({ status: 'sent' })) {
    if (!delivery.sourceId.startsWith('vacancy-') && !delivery.sourceId.startsWith('digest-')) continue;
    const week = weeks.get(isoWeek(new Date(delivery.updatedAt)));
    if (week) week.matches++;
  }
}

/** The last `n` ISO weeks (WIB) up to the one `now` is in, oldest first, each with zero counts. */
function lastWeeks(now: Date, n: number): Map<string, Week> {
  const weeks = new Map<string, Week>();
  for (let i = n - 1; i >= 0; i--) {
    const week = isoWeek(new Date(now.getTime() - i * 7 * 86_400_000));
    weeks.set(week, { week, matches: 0, applications: 0, placements: 0, selfReportedPlacements: 0 });
  }
  return weeks;
}

/** `2026-W48`: the ISO week of `date` in WIB. */
export function isoWeek(date: Date): string {
  const wib = new Date(date.getTime() + WIB_MS);
  const day = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()));
  // The Thursday of the same week decides the year (ISO 8601).
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Counts (and optional weights, such as places) by name. */
class Counter {
  private readonly counts = new Map<string, number>();
  private readonly weights = new Map<string, number>();

  add(name: string, weight = 0): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.weights.set(name, (this.weights.get(name) ?? 0) + weight);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  weight(name: string): number {
    return this.weights.get(name) ?? 0;
  }

  /** Most first, then by name; or in the order `compare` gives. */
  sorted(compare?: (a: string, b: string) => number): [string, number][] {
    return [...this.counts.entries()].sort(([a, x], [b, y]) => (compare ? compare(a, b) : y - x || a.localeCompare(b)));
  }
}
