import { educationRank } from './education.js';
import type { VacancyFeatures } from './features.js';
import type { KecamatanTable } from './kecamatan.js';
import type { SkillTokenizer } from './tokenizer.js';
import type { MatchEmploymentType, MatchLocale, MatchSubscription, MatchVacancy } from './types.js';

/**
 * One filter of a subscription that a vacancy meets: what an alert says when it has no profile to
 * compare with. Only filters the subscriber set appear; an empty list means "any vacancy".
 */
export type SubscriptionReason =
  /** `words` as the subscriber wrote them: the whole keyword when all of it was found, else the found words. */
  | { kind: 'keyword'; words: string }
  | { kind: 'kecamatan'; name: string }
  | { kind: 'job-type'; type: MatchEmploymentType }
  | { kind: 'education'; required: string };

export interface SubscriptionExplainDeps {
  readonly tokenizer: SkillTokenizer;
  readonly kecamatan: KecamatanTable;
}

/**
 * Which of `sub`'s filters `vacancy` meets, judged as the subscription index judges them (a keyword
 * term among the vacancy's alert terms, its kecamatan among the chosen ones, its job type among the
 * chosen ones), so an alert never gives a reason the index did not act on.
 */
export function explainSubscription(
  sub: MatchSubscription,
  vacancy: MatchVacancy,
  features: VacancyFeatures,
  deps: SubscriptionExplainDeps,
  locale: MatchLocale,
): SubscriptionReason[] {
  const reasons: SubscriptionReason[] = [];
  const alertTerms = new Set(features.alertTerms);
  for (const keyword of sub.filters.keywords) {
    const t = deps.tokenizer.tokenize(keyword);
    const terms = [...t.skills, ...t.free];
    const found = terms.filter((term) => alertTerms.has(term));
    if (found.length === 0) continue;
    const words = found.length === terms.length ? keyword : found.map((term) => displayTerm(term, deps, locale)).join(', ');
    reasons.push({ kind: 'keyword', words });
  }
  if (sub.filters.kecamatan.length > 0 && features.kecamatan >= 0) {
    const chosen = sub.filters.kecamatan.map((name) => deps.kecamatan.lookup(name)?.index);
    const place = deps.kecamatan.all[features.kecamatan];
    if (place && chosen.includes(features.kecamatan)) reasons.push({ kind: 'kecamatan', name: place.name });
  }
  if (sub.filters.jobTypes.length > 0 && vacancy.employmentType !== undefined && sub.filters.jobTypes.includes(vacancy.employmentType)) {
    reasons.push({ kind: 'job-type', type: vacancy.employmentType });
  }
  const required = features.minEducationName;
  if (sub.filters.education !== undefined && required !== undefined && educationRank(sub.filters.education) >= features.minEducation) {
    reasons.push({ kind: 'education', required });
  }
  return reasons;
}

function displayTerm(term: string, deps: SubscriptionExplainDeps, locale: MatchLocale): string {
  return deps.tokenizer.dictionary.get(term) !== undefined ? deps.tokenizer.dictionary.displayName(term, locale) : deps.tokenizer.displayFree(term);
}
