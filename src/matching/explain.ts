import type { SeekerFeatures, VacancyFeatures } from './features.js';
import type { KecamatanTable } from './kecamatan.js';
import { lacksMajor, type MajorTable } from './majors.js';
import { skillRelevance, type ScoreContext } from './pair-score.js';
import { relevantYears, Role } from './scoring.js';
import type { SkillsDictionary } from './skills-dictionary.js';
import { FREE_PREFIX, type SkillTokenizer } from './tokenizer.js';
import type { MatchEmploymentType } from './types.js';

export type LocalizedText = { id: string; en: string };
export type Fit = 'meets' | 'below' | 'not-required' | 'unknown';
export type SkillRole = 'required' | 'title' | 'preferred' | 'mentioned';
/**
 * How a skill the person gave relates to the one asked: `narrower` (they gave Las SMAW, the
 * posting asks Las), `broader` (they gave Las, it asks Las SMAW), `implied` (their SIM B2 covers
 * the SIM B1 asked), `sibling` (work next to theirs under the same broader entry: they gave
 * Packing, it asks Helper Produksi).
 */
export type SkillRelation = 'narrower' | 'broader' | 'implied' | 'sibling';

/**
 * One structured reason; a match carries a list of them. Words are not part of it: the chat, the
 * alerts and the CLI render reasons in the person's language from locales/.
 */
export type MatchReason =
  /** A skill the person gave, asked by the posting. */
  | { kind: 'skill'; skillId: string; name: LocalizedText; role: SkillRole }
  /** A skill the posting asks that the person did not give, earned through one they did give. */
  | { kind: 'related-skill'; skillId: string; name: LocalizedText; role: SkillRole; via: string; viaName: LocalizedText; relation: SkillRelation }
  /** A word outside the dictionary that the person wrote and the posting contains. */
  | { kind: 'keyword'; word: string; role: SkillRole }
  | { kind: 'missing-skill'; skillId: string; name: LocalizedText }
  | { kind: 'distance'; km: number; from: string; to: string }
  | { kind: 'education'; fit: Fit; required?: string }
  | { kind: 'experience'; fit: Fit; requiredYears: number; years?: number }
  /** The employment type is not among those the person chose. */
  | { kind: 'job-type'; type: MatchEmploymentType }
  /** The highest pay offered is below what the person expects. */
  | { kind: 'salary'; offeredMax: number; expected: number }
  /** The posting asks for shift work and the person said they cannot. */
  | { kind: 'shift' }
  /** Only Kabupaten Bekasi KTP holders may apply, and the person has not said they hold one. */
  | { kind: 'ktp-only' }
  /** The posting asks for majors (`asked`) and the person's major is none of them. */
  | { kind: 'major'; asked: LocalizedText[] }
  | { kind: 'local-priority' }
  | { kind: 'deadline'; closesInDays: number }
  /** No skill in common: a vacancy near the person that asks no more experience than they have, offered when their skills fill too few places. */
  | { kind: 'nearby-open' };

export interface Match {
  vacancyId: string;
  score: number;
  reasons: MatchReason[];
}

const ROLE_NAMES = ['required', 'title', 'preferred', 'mentioned'] as const;
const DAY_MS = 86_400_000;
const SOON_DAYS = 7;

export interface ExplainDeps {
  readonly dictionary: SkillsDictionary;
  readonly tokenizer: SkillTokenizer;
  readonly kecamatan: KecamatanTable;
  readonly majors: MajorTable;
}

function relationOf(asked: string, given: string, dictionary: SkillsDictionary): SkillRelation {
  if (dictionary.ancestors(given).includes(asked)) return 'narrower';
  if (dictionary.implied(given).includes(asked)) return 'implied';
  return dictionary.descendants(given).includes(asked) ? 'broader' : 'sibling';
}

function skillReasons(s: SeekerFeatures, v: VacancyFeatures, deps: ExplainDeps): MatchReason[] {
  const exact: MatchReason[] = [];
  const related: MatchReason[] = [];
  const keywords: MatchReason[] = [];
  const missing: MatchReason[] = [];
  const named = (id: string): LocalizedText => ({ id: deps.dictionary.displayName(id, 'id'), en: deps.dictionary.displayName(id, 'en') });
  v.terms.forEach((term, i) => {
    const role = ROLE_NAMES[v.roles[i]!]!;
    const hit = s.query.get(term);
    const isFree = term.startsWith(FREE_PREFIX);
    if (hit === undefined) {
      if (v.roles[i] === Role.required && !isFree) missing.push({ kind: 'missing-skill', skillId: term, name: named(term) });
    } else if (isFree) {
      keywords.push({ kind: 'keyword', word: deps.tokenizer.displayFree(term), role });
    } else if (hit.via === term) {
      exact.push({ kind: 'skill', skillId: term, name: named(term), role });
    } else {
      related.push({ kind: 'related-skill', skillId: term, name: named(term), role, via: hit.via, viaName: named(hit.via), relation: relationOf(term, hit.via, deps.dictionary) });
    }
  });
  // The strongest reasons lead: skills the person gave, then related ones, then shared words.
  return [...exact, ...related, ...keywords, ...missing];
}

function factReasons(s: SeekerFeatures, v: VacancyFeatures, ctx: ScoreContext, deps: ExplainDeps): MatchReason[] {
  const out: MatchReason[] = [];
  const km = ctx.distanceKm(s.kecamatan, v.kecamatan);
  if (km >= 0) {
    out.push({ kind: 'distance', km: Math.round(km * 10) / 10, from: deps.kecamatan.all[s.kecamatan]!.name, to: deps.kecamatan.all[v.kecamatan]!.name });
  }
  const required = v.minEducationName;
  const eduFit: Fit = v.minEducation === 0 ? 'not-required' : s.education === 0 ? 'unknown' : s.education >= v.minEducation ? 'meets' : 'below';
  out.push({ kind: 'education', fit: eduFit, ...(required !== undefined ? { required } : {}) });
  // Years in other work than the posting's do not meet its experience (a courier's years, for production).
  const expFit: Fit = v.minYears === 0 ? 'not-required' : s.years < 0 ? 'unknown' : relevantYears(s, skillRelevance(s, v, ctx)) >= v.minYears ? 'meets' : 'below';
  out.push({ kind: 'experience', fit: expFit, requiredYears: v.minYears, ...(s.years >= 0 ? { years: s.years } : {}) });
  if (s.jobTypes !== 0 && v.jobTypeBit !== 0 && (s.jobTypes & v.jobTypeBit) === 0 && v.employmentType !== undefined) {
    out.push({ kind: 'job-type', type: v.employmentType });
  }
  if (s.expectedSalary > 0 && v.salaryMax > 0 && v.salaryMax < s.expectedSalary) out.push({ kind: 'salary', offeredMax: v.salaryMax, expected: s.expectedSalary });
  if (v.requiresShift && s.shiftWilling === 0) out.push({ kind: 'shift' });
  if (v.ktpOnly && !s.ktpBekasi) out.push({ kind: 'ktp-only' });
  if (lacksMajor(s.majors, v.majors)) out.push({ kind: 'major', asked: v.majors.map((id) => ({ id: deps.majors.displayName(id, 'id'), en: deps.majors.displayName(id, 'en') })) });
  if (s.ktpBekasi && v.local) out.push({ kind: 'local-priority' });
  if (Number.isFinite(v.deadlineMs)) {
    const days = Math.ceil((v.deadlineMs - ctx.nowMs) / DAY_MS);
    if (days <= SOON_DAYS) out.push({ kind: 'deadline', closesInDays: days });
  }
  return out;
}

/** Why `v` suits `s`: skills exact, related (with the relation) or shared words, then the facts that weighed. */
export function explainPair(s: SeekerFeatures, v: VacancyFeatures, ctx: ScoreContext, deps: ExplainDeps): MatchReason[] {
  return [...skillReasons(s, v, deps), ...factReasons(s, v, ctx, deps)];
}
