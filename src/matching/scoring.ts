import { belowMinEducation } from './education.js';
import { lacksMajor } from './majors.js';

/** Where a term sits in a vacancy; a term keeps its strongest role. Lower is stronger. */
export const Role = { required: 0, title: 1, preferred: 2, mention: 3 } as const;
export type Role = (typeof Role)[keyof typeof Role];

export interface ScoringOptions {
  /** Weight of a skill the vacancy requires. Default 3. */
  requiredWeight: number;
  /** Weight of a skill or word in the vacancy's title (the occupation itself). Default 2.5. */
  titleWeight: number;
  /** Weight of a preferred skill ("diutamakan"). Default 1.5. */
  preferredWeight: number;
  /** Weight of a skill or word only mentioned in the description. Default 0.6. */
  mentionWeight: number;
  /** Credit when the seeker's skill is narrower than the one asked (SMAW for welding). Default 1. */
  narrowerCredit: number;
  /** Credit when the seeker's skill is broader than the one asked (welding for SMAW). Default 0.3. */
  broaderCredit: number;
  /** Credit for work next to the person's own: under the same broader entry, or of a related job family (packing and warehouse helper). Default 0.3. */
  siblingCredit: number;
  /** Credit of a plain word (not in the dictionary) matching literally. Default 0.6. */
  freeWordCredit: number;
  /** Credit of skills found only in the experience story or the major. Default 0.7. */
  backgroundCredit: number;
  /** Share of the score kept when none of the required skills is covered. Default 0.6: a chat answer names a few skills, not every one a person has. */
  missingRequiredFloor: number;
  /** Below-minimum education ranks lower instead of being filtered out. Default false. */
  softEducation: boolean;
  /** Factor for below-minimum education when `softEducation`. Default 0.5. */
  educationPenalty: number;
  /** Score lost per year of missing experience. Default 0.4: an employer asking two years rarely takes a beginner. */
  experiencePenaltyPerYear: number;
  /** Least experience factor, however many years are missing. Default 0.6. */
  experienceFloor: number;
  /** Share of the score lost at `maxDistanceKm` or farther: a long commute costs a Bekasi worker dearly. Default 0.9. */
  distanceWeight: number;
  /** Distance at which the whole distance penalty applies. Default 30 km. */
  maxDistanceKm: number;
  /** Boost for a Bekasi KTP holder on a vacancy with a local quota (0.15 = +15%). Default 0.15. */
  localBoost: number;
  /**
   * Title credit multiplier for occupations the person wants or has worked as (wanted positions,
   * the experience story, occupations among their skills): "3 thn jd welder" counts strongly
   * for a vacancy titled Welder. Default 2.
   */
  intentBoost: number;
  /**
   * Title credit multiplier for the work in the experience story: years spent as a welder say more
   * about the work a person seeks than a skill listed. Default 4 (on the story's background credit).
   */
  experienceBoost: number;
  /** Title credit multiplier for the work a person says they want (wanted positions, "pengen jd …"). Default 3. */
  wantedBoost: number;
  /** When a person names the work they want, only that work counts as wanted (a courier of 12 years who asks for production). Default true. */
  wantedLeads: boolean;
  /** Factor for a vacancy titled with an occupation unrelated to any the person named. Default 0.5. */
  offIntentFactor: number;
  /**
   * Factor for a vacancy that shares no work with a person who named theirs, only licences, tools
   * or words: a content creator's SIM C does not make a courier job theirs. Default 0.5.
   */
  noSharedWorkFactor: number;
  /** Factor for an employment type the person did not ask for (a daily-paid job for someone after a contract). Default 0.4. */
  jobTypeFactor: number;
  /** Share of the score lost when the offered pay falls short of the expected pay by half or more. Default 0.8. */
  salaryWeight: number;
  /** Factor for shift work offered to someone who said they cannot work shifts. Default 0.6. */
  shiftFactor: number;
  /** Factor for a vacancy only Kabupaten Bekasi KTP holders may apply for, for anyone else. Default 0.2. */
  ktpOnlyFactor: number;
  /** Factor for a vacancy requiring a licence or certificate the person does not hold (SIM B1 Umum, SIO). Default 0.3. */
  missingCredentialFactor: number;
  /** Factor for a vacancy asking for majors other than the person's ("SMK jurusan Teknik Mesin" for an accounting graduate). Default 0.6. */
  majorMismatchFactor: number;
  /** Share of the score lost by a vacancy opened `freshnessDays` ago or earlier. Default 0.1. */
  freshnessWeight: number;
  /** Age at which the whole freshness penalty applies. Default 30 days. */
  freshnessDays: number;
}

export const DEFAULT_SCORING_OPTIONS: Readonly<ScoringOptions> = Object.freeze({
  requiredWeight: 3,
  titleWeight: 2.5,
  preferredWeight: 1.5,
  mentionWeight: 0.6,
  narrowerCredit: 1,
  broaderCredit: 0.3,
  siblingCredit: 0.3,
  freeWordCredit: 0.6,
  backgroundCredit: 0.7,
  missingRequiredFloor: 0.6,
  softEducation: false,
  educationPenalty: 0.5,
  experiencePenaltyPerYear: 0.4,
  experienceFloor: 0.6,
  distanceWeight: 0.9,
  maxDistanceKm: 30,
  localBoost: 0.15,
  intentBoost: 2,
  experienceBoost: 4,
  wantedBoost: 3,
  wantedLeads: true,
  offIntentFactor: 0.5,
  noSharedWorkFactor: 0.5,
  jobTypeFactor: 0.4,
  salaryWeight: 0.8,
  shiftFactor: 0.6,
  ktpOnlyFactor: 0.2,
  missingCredentialFactor: 0.3,
  majorMismatchFactor: 0.6,
  freshnessWeight: 0.1,
  freshnessDays: 30,
});

export function withScoringDefaults(options: Partial<ScoringOptions> = {}): ScoringOptions {
  return { ...DEFAULT_SCORING_OPTIONS, ...options };
}

export function roleWeights(o: ScoringOptions): Float64Array {
  return Float64Array.from([o.requiredWeight, o.titleWeight, o.preferredWeight, o.mentionWeight]);
}

/** Rare skills count more: smoothed inverse document frequency over open vacancies. */
export function idf(openVacancies: number, documentFrequency: number): number {
  return Math.log(1 + Math.max(1, openVacancies) / Math.max(1, documentFrequency));
}

const DAY_MS = 86_400_000;

/** The non-skill facts of a seeker, as the factor below reads them (SeekerFeatures has them all). */
export interface FactorSeeker {
  readonly education: number;
  readonly years: number;
  readonly ktpBekasi: boolean;
  readonly hasIntent: boolean;
  readonly hasExperiencedWork: boolean;
  readonly jobTypes: number;
  readonly expectedSalary: number;
  readonly shiftWilling: number;
}

/** The non-skill facts of a vacancy (VacancyFeatures has them; the forward index copies them from its columns). */
export interface FactorVacancy {
  requiredCount: number;
  minEducation: number;
  minYears: number;
  local: boolean;
  openedAtMs: number;
  titled: boolean;
  jobTypeBit: number;
  salaryMax: number;
  requiresShift: boolean;
  ktpOnly: boolean;
}

/** How the skills of a pair met: required credit covered, and whether a wanted or an experienced occupation is in the title. */
export interface SkillMeeting {
  covered: number;
  intentInTitle: boolean;
  experiencedInTitle: boolean;
  /** Some work (an occupation or a skill) of the person's is among the vacancy's terms. */
  sharedWork: boolean;
  /** What the person lacks of the vacancy's musts besides skills, as a factor ({@link gateFactor}); 1 when nothing. */
  gateFactor: number;
}

/** A vacancy's musts besides skills: the licences and certificates it requires, the majors it accepts (empty: any). */
export interface Gate {
  readonly credentials: readonly string[];
  readonly majors: readonly string[];
}

/** A meeting of nothing: the start of every pair's, before its terms are read. */
export function noMeeting(): SkillMeeting {
  return { covered: 0, intentInTitle: false, experiencedInTitle: false, sharedWork: false, gateFactor: 1 };
}

/** The person's years that count for the vacancy: all of them, unless their story names other work than its title. */
export function relevantYears(s: FactorSeeker, met: SkillMeeting): number {
  return s.hasExperiencedWork && !met.experiencedInTitle ? 0 : s.years;
}

/**
 * The factor for a gate: × missingCredentialFactor when the person lacks a licence or certificate
 * it requires, × majorMismatchFactor when it accepts majors and theirs is none of them. The forward
 * index works it out once a query for each distinct gate.
 */
export function gateFactor(s: { readonly credentials: ReadonlySet<string>; readonly majors: readonly string[] }, gate: Gate, o: ScoringOptions): number {
  return (lacksCredential(s.credentials, gate.credentials) ? o.missingCredentialFactor : 1) * (lacksMajor(s.majors, gate.majors) ? o.majorMismatchFactor : 1);
}

/** Some licence or certificate of `required` is not among those `held`. */
function lacksCredential(held: ReadonlySet<string>, required: readonly string[]): boolean {
  for (const id of required) if (!held.has(id)) return true;
  return false;
}

/**
 * Multiplier applied to the skill relevance, or 0 when the pair is filtered out (education).
 * The one definition of the non-skill factors, for the forward index, the reverse direction and
 * explanations alike. Every factor is at most 1 but the local boost, which the forward index's
 * bound relies on.
 */
export function pairFactor(s: FactorSeeker, v: FactorVacancy, met: SkillMeeting, distanceKm: number, nowMs: number, o: ScoringOptions): number {
  let factor = 1;
  if (v.requiredCount > 0) {
    factor *= o.missingRequiredFloor + (1 - o.missingRequiredFloor) * Math.min(1, met.covered / v.requiredCount);
  }
  if (belowMinEducation(s.education, v.minEducation)) {
    if (!o.softEducation) return 0;
    factor *= o.educationPenalty;
  }
  if (v.minYears > 0 && s.years >= 0) {
    const years = relevantYears(s, met);
    if (years < v.minYears) factor *= Math.max(o.experienceFloor, 1 - o.experiencePenaltyPerYear * (v.minYears - years));
  }
  if (s.hasIntent && v.titled && !met.intentInTitle) factor *= o.offIntentFactor;
  if (s.hasIntent && !met.sharedWork) factor *= o.noSharedWorkFactor;
  if (s.jobTypes !== 0 && v.jobTypeBit !== 0 && (s.jobTypes & v.jobTypeBit) === 0) factor *= o.jobTypeFactor;
  if (s.expectedSalary > 0 && v.salaryMax > 0 && v.salaryMax < s.expectedSalary) {
    factor *= 1 - o.salaryWeight * Math.min(1, (2 * (s.expectedSalary - v.salaryMax)) / s.expectedSalary);
  }
  if (v.requiresShift && s.shiftWilling === 0) factor *= o.shiftFactor;
  if (v.ktpOnly && !s.ktpBekasi) factor *= o.ktpOnlyFactor;
  factor *= met.gateFactor;
  if (distanceKm >= 0) factor *= 1 - o.distanceWeight * Math.min(1, distanceKm / o.maxDistanceKm);
  if (s.ktpBekasi && v.local) factor *= 1 + o.localBoost;
  if (!Number.isNaN(v.openedAtMs)) {
    const ageDays = Math.max(0, (nowMs - v.openedAtMs) / DAY_MS);
    factor *= 1 - o.freshnessWeight * Math.min(1, ageDays / o.freshnessDays);
  }
  return factor;
}
