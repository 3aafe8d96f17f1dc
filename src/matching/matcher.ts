import { explainPair, type Match, type MatchReason } from './explain.js';
import { FeatureExtractor, type VacancyFeatures } from './features.js';
import type { KecamatanTable } from './kecamatan.js';
import type { ScoreContext } from './pair-score.js';
import { belowMinEducation } from './education.js';
import { Role, roleWeights, withScoringDefaults, type ScoringOptions } from './scoring.js';
import { SeekerIndex } from './seeker-index.js';
import type { SkillsDictionary } from './skills-dictionary.js';
import { explainSubscription, type SubscriptionReason } from './subscription-explain.js';
import { MajorTable } from './majors.js';
import { SubscriptionIndex } from './subscription-index.js';
import { FREE_PREFIX, SkillTokenizer } from './tokenizer.js';
import type { MatchLocale, MatchSeeker, MatchSubscription, MatchVacancy } from './types.js';
import { VacancyIndex } from './vacancy-index.js';

export interface MatcherOptions {
  /** Scoring weights and switches; each field defaults as documented in {@link ScoringOptions}. */
  scoring?: Partial<ScoringOptions>;
  /** Clock (ms since epoch) for deadlines and freshness. Default `Date.now`. */
  now?: () => number;
  /** The school majors postings may ask for ({@link MajorTable}). Default none: no major is ever asked. */
  majors?: MajorTable;
}

export interface QueryOptions {
  /** Overrides the matcher's clock for this query. */
  now?: Date | number;
  /** Overrides `scoring.softEducation` for this query. */
  softEducation?: boolean;
  /**
   * When the seeker's skills fill fewer than k places (a fresh graduate who writes "apa aja mau"),
   * fill the rest with vacancies near them they can apply for anyway, marked `nearby-open`. Default false.
   */
  fillWithNearby?: boolean;
}

/** What a seeker's skill gaps are computed from (see {@link Matcher.requirementsNear}). */
export interface NearbyRequirements {
  /** Skills asked by the vacancies below that the seeker already covers. */
  readonly covered: readonly string[];
  /** The required skills (and required free words) of each open vacancy within reach, one list per vacancy. */
  readonly vacancies: readonly (readonly string[])[];
}

export interface SeekerMatch {
  seekerId: string;
  score: number;
  reasons: MatchReason[];
}

const MAX_K = 1000;
const round = (score: number): number => Math.round(score * 10_000) / 10_000;
const clampK = (k: number): number => (Number.isFinite(k) ? Math.max(0, Math.min(MAX_K, Math.floor(k))) : 10);

/**
 * The matching engine: in-memory indexes over vacancies, seekers and subscriptions, kept current
 * by add/update/remove calls (no rebuilds), answering both directions with explained scores.
 */
export class Matcher {
  readonly tokenizer: SkillTokenizer;
  readonly majors: MajorTable;
  private readonly options: ScoringOptions;
  private readonly weights: Float64Array;
  private readonly extract: FeatureExtractor;
  private readonly vacancies = new VacancyIndex();
  private readonly seekers = new SeekerIndex();
  private readonly subscriptions: SubscriptionIndex;
  private readonly clock: () => number;

  constructor(
    readonly dictionary: SkillsDictionary,
    readonly kecamatan: KecamatanTable,
    options: MatcherOptions = {},
  ) {
    this.options = withScoringDefaults(options.scoring);
    this.weights = roleWeights(this.options);
    this.tokenizer = new SkillTokenizer(dictionary);
    this.majors = options.majors ?? MajorTable.none;
    this.extract = new FeatureExtractor(this.tokenizer, kecamatan, this.majors, this.options);
    this.subscriptions = new SubscriptionIndex(kecamatan.all.length);
    this.clock = options.now ?? Date.now;
  }

  get stats(): { vacancies: number; openVacancies: number; seekers: number; subscriptions: number } {
    return { vacancies: this.vacancies.size, openVacancies: this.vacancies.openSize, seekers: this.seekers.size, subscriptions: this.subscriptions.size };
  }

  /** Canonical skill ids and free tokens of a text, for storing on a seeker profile (`skills.ids`). */
  canonicalSkills(text: string): string[] {
    const t = this.tokenizer.tokenize(text);
    return [...t.skills, ...t.free];
  }

  /** Adds or replaces a vacancy; closing one is an update with `status: 'closed'`. */
  addVacancy(v: MatchVacancy): void {
    this.vacancies.upsert(this.extract.vacancy(v));
  }

  updateVacancy(v: MatchVacancy): void {
    this.addVacancy(v);
  }

  removeVacancy(id: string): boolean {
    return this.vacancies.remove(id);
  }

  addSeeker(s: MatchSeeker): void {
    this.seekers.upsert(this.extract.seeker(s));
  }

  updateSeeker(s: MatchSeeker): void {
    this.addSeeker(s);
  }

  removeSeeker(id: string): boolean {
    return this.seekers.remove(id);
  }

  /** Adds or replaces a subscription; an inactive one is dropped from the index. */
  addSubscription(sub: MatchSubscription): void {
    this.subscriptions.upsert(this.extract.subscription(sub));
  }

  updateSubscription(sub: MatchSubscription): void {
    this.addSubscription(sub);
  }

  removeSubscription(id: string): boolean {
    return this.subscriptions.remove(id);
  }

  /** The k open vacancies that suit the seeker best, best first, each with reasons (see {@link QueryOptions.fillWithNearby}). */
  topVacanciesFor(seeker: MatchSeeker, k = 10, options: QueryOptions = {}): Match[] {
    const features = this.extract.seeker(seeker);
    const ctx = this.context(options);
    const n = clampK(k);
    const matched = this.vacancies.top(features, n, ctx);
    const nearby = options.fillWithNearby === true && matched.length < n ? this.vacancies.nearbyOpen(features, n - matched.length, ctx, new Set(matched.map((m) => m.vacancy.id))) : [];
    // Explanations only for the final k: they allocate, the candidate loop does not.
    return [
      ...matched.map(({ vacancy, score }) => ({ vacancyId: vacancy.id, score: round(score), reasons: explainPair(features, vacancy, ctx, this) })),
      ...nearby.map(({ vacancy, score }) => ({
        vacancyId: vacancy.id,
        score: round(score),
        reasons: [{ kind: 'nearby-open' } as const, ...explainPair(features, vacancy, ctx, this).filter((r) => r.kind !== 'missing-skill')],
      })),
    ];
  }

  /**
   * The required skills of every open vacancy within the seeker's reach, and which of them the
   * seeker covers: what their skill gaps are computed from. Reach is the matcher's own yardstick:
   * no farther than `maxDistanceKm`, where its whole distance penalty applies (an unknown kecamatan
   * is near), and an education the vacancy admits. A skill counts as covered when the seeker earns
   * at least the background credit for it (their own skill, a narrower one, a credential it implies,
   * their story) or has the free word; a broader or neighbouring skill does not, as the vacancy
   * would still find it missing.
   */
  requirementsNear(seeker: MatchSeeker, options: QueryOptions = {}): NearbyRequirements {
    const features = this.extract.seeker(seeker);
    const ctx = this.context(options);
    const covered = new Set<string>();
    const vacancies: string[][] = [];
    for (const vacancy of this.vacancies.open(ctx.nowMs)) {
      const km = ctx.distanceKm(features.kecamatan, vacancy.kecamatan);
      if (km > ctx.options.maxDistanceKm || belowMinEducation(features.education, vacancy.minEducation)) continue;
      const required = vacancy.terms.filter((_, i) => vacancy.roles[i] === Role.required);
      for (const term of required) {
        const credit = features.query.get(term)?.credit;
        // A free word is literal: having it at all is having it.
        if (credit !== undefined && (term.startsWith(FREE_PREFIX) || credit >= ctx.options.backgroundCredit)) covered.add(term);
      }
      vacancies.push(required);
    }
    return { covered: [...covered], vacancies };
  }

  /** Ids of every active subscription whose filters the vacancy (given or stored under that id) satisfies. */
  subscriptionsFor(vacancy: MatchVacancy | string): string[] {
    const features = this.resolve(vacancy);
    if (features === undefined || !features.open || features.deadlineMs <= this.clock()) return [];
    return this.subscriptions.matching(features);
  }

  /** The k active seekers the vacancy suits best, best first, each with reasons. */
  seekersFor(vacancy: MatchVacancy | string, k = 10, options: QueryOptions = {}): SeekerMatch[] {
    const features = this.resolve(vacancy);
    if (features === undefined) return [];
    const ctx = this.context(options);
    return this.seekers.top(features, clampK(k), ctx).map(({ seeker, score }) => ({
      seekerId: seeker.id,
      score: round(score),
      reasons: explainPair(seeker, features, ctx, this),
    }));
  }

  /**
   * Why `vacancy` suits `seeker`, whatever its rank: the reasons a search result carries, for one
   * pair (an alert to a subscriber with a profile). Indexes are not consulted for the pair itself,
   * so the vacancy as just read from the store is explained.
   */
  explainMatch(seeker: MatchSeeker, vacancy: MatchVacancy, options: QueryOptions = {}): MatchReason[] {
    return explainPair(this.extract.seeker(seeker), this.extract.vacancy(vacancy), this.context(options), this);
  }

  /** Which of a subscription's filters `vacancy` meets (keywords found, kecamatan, job type, education), for an alert's "why". */
  subscriptionReasons(sub: MatchSubscription, vacancy: MatchVacancy, locale: MatchLocale = 'id'): SubscriptionReason[] {
    return explainSubscription(sub, vacancy, this.extract.vacancy(vacancy), this, locale);
  }

  private resolve(vacancy: MatchVacancy | string): VacancyFeatures | undefined {
    return typeof vacancy === 'string' ? this.vacancies.get(vacancy) : this.extract.vacancy(vacancy);
  }

  private context(options: QueryOptions): ScoreContext {
    const nowMs = options.now === undefined ? this.clock() : typeof options.now === 'number' ? options.now : options.now.getTime();
    const scoring = options.softEducation === undefined ? this.options : { ...this.options, softEducation: options.softEducation };
    return {
      options: scoring,
      weights: this.weights,
      idf: (term) => this.vacancies.idf(term),
      nowMs,
      distanceKm: (a, b) => (a < 0 || b < 0 ? -1 : this.kecamatan.distanceKm(a, b)),
    };
  }
}
