import type { SeekerFeatures, VacancyFeatures } from './features.js';
import { gateFactor, pairFactor, Role, type ScoringOptions, type SkillMeeting } from './scoring.js';

/** What scoring one pair needs besides the pair: options, current IDF and the clock. */
export interface ScoreContext {
  readonly options: ScoringOptions;
  /** Role weights indexed by Role. */
  readonly weights: Float64Array;
  readonly idf: (term: string) => number;
  readonly nowMs: number;
  /** Distance between two kecamatan indexes; -1 when either is unknown. */
  readonly distanceKm: (a: number, b: number) => number;
}

/** Closed, draft and past-deadline vacancies never match anyone. */
export function isVisible(v: VacancyFeatures, nowMs: number): boolean {
  return v.open && v.deadlineMs > nowMs;
}

/** The skill relevance of a pair, plus how its skills met ({@link SkillMeeting}). */
export function skillRelevance(s: SeekerFeatures, v: VacancyFeatures, ctx: ScoreContext): { relevance: number } & SkillMeeting {
  let relevance = 0;
  let covered = 0;
  let intentInTitle = false;
  let experiencedInTitle = false;
  let sharedWork = false;
  for (let i = 0; i < v.terms.length; i++) {
    const term = v.terms[i]!;
    const hit = s.query.get(term);
    if (hit === undefined) continue;
    const role = v.roles[i]!;
    const title = v.inTitle[i] === 1;
    relevance += ctx.weights[role]! * ctx.idf(term) * (title ? hit.titleCredit : hit.credit);
    if (role === Role.required) covered += hit.credit;
    if (title && hit.intent) intentInTitle = true;
    if (title && hit.experienced) experiencedInTitle = true;
    if (hit.work) sharedWork = true;
  }
  return { relevance: relevance / v.norm, covered, intentInTitle, experiencedInTitle, sharedWork, gateFactor: gateFactor(s, v, ctx.options) };
}

/**
 * The final score of a pair, 0 when it must not be shown. The forward index computes the same
 * number from postings; this direct form serves the reverse direction and explanations.
 */
export function scorePair(s: SeekerFeatures, v: VacancyFeatures, ctx: ScoreContext): number {
  if (!isVisible(v, ctx.nowMs)) return 0;
  const met = skillRelevance(s, v, ctx);
  if (met.relevance <= 0) return 0;
  return met.relevance * pairFactor(s, v, met, ctx.distanceKm(s.kecamatan, v.kecamatan), ctx.nowMs, ctx.options);
}
