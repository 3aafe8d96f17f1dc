import type { Locale } from '../domain/index.js';
import type { MatchReason } from '../matching/index.js';
import { formatRupiah } from './i18n.js';
import { employmentTypeChoices } from './inputs.js';

type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

const MAX_NAMED = 3;
const MAX_RELATED = 2;

/** Locale key of each relation, for "Las SMAW (Anda punya Las, lebih umum)". */
const RELATION_KEYS = {
  narrower: 'match.related.narrower',
  broader: 'match.related.broader',
  implied: 'match.related.implied',
  sibling: 'match.related.sibling',
} as const;

const unique = (items: readonly string[], max: number): string => [...new Set(items)].slice(0, max).join(', ');

/**
 * One line saying why a vacancy suits a person, in their language: the skills they gave that it
 * asks, skills it asks that relate to theirs (and how), words they share, what is missing, then
 * distance, education, experience and the rest. A related skill is never shown as theirs.
 */
export function matchExplanation(reasons: readonly MatchReason[], locale: Locale, t: Translate): string {
  const parts: string[] = [];
  const exact = reasons.flatMap((r) => (r.kind === 'skill' ? [r.name[locale]] : []));
  if (exact.length > 0) parts.push(t('match.exact', { skills: unique(exact, MAX_NAMED) }));
  const related = reasons.flatMap((r) =>
    r.kind === 'related-skill' ? [t(RELATION_KEYS[r.relation], { asked: r.name[locale], own: r.viaName[locale] })] : [],
  );
  if (related.length > 0) parts.push(t('match.related', { skills: unique(related, MAX_RELATED) }));
  const words = reasons.flatMap((r) => (r.kind === 'keyword' ? [r.word] : []));
  if (words.length > 0) parts.push(t('match.keywords', { words: unique(words, MAX_NAMED) }));
  const missing = reasons.flatMap((r) => (r.kind === 'missing-skill' ? [r.name[locale]] : []));
  if (missing.length > 0) parts.push(t('match.missing', { skills: unique(missing, MAX_NAMED) }));
  for (const r of reasons) {
    const fact = factText(r, locale, t);
    if (fact !== undefined) parts.push(fact);
  }
  return parts.join(' · ');
}

function factText(r: MatchReason, locale: Locale, t: Translate): string | undefined {
  switch (r.kind) {
    case 'distance':
      return t('match.distance', { km: Math.round(r.km), from: r.from });
    case 'education':
      return r.fit === 'meets' ? t('match.education.meets') : r.fit === 'below' ? t('match.education.below', { required: r.required ?? '' }) : undefined;
    case 'experience':
      return r.fit === 'meets' ? t('match.experience.meets') : r.fit === 'below' ? t('match.experience.below') : undefined;
    case 'job-type':
      return t('match.job-type', { type: employmentTypeChoices((key) => t(key)).find((c) => c.id === r.type)?.label ?? r.type });
    case 'salary':
      return t('match.salary', { offered: formatRupiah(r.offeredMax) });
    case 'shift':
      return t('match.shift');
    case 'ktp-only':
      return t('match.ktp-only');
    case 'major':
      return t('match.major', { majors: unique(r.asked.map((name) => name[locale]), MAX_NAMED) + (r.asked.length > MAX_NAMED ? ', …' : '') });
    case 'local-priority':
      return t('match.local');
    case 'deadline':
      return t('match.deadline', { days: r.closesInDays });
    case 'nearby-open':
      return t('match.nearby-open');
    default:
      return undefined;
  }
}
