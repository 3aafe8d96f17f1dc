import type { SeekerFeatures, VacancyFeatures } from './features.js';
import type { KecamatanTable } from './kecamatan.js';
import type { ScoreContext } from './pair-score.js';
import { Role } from './scoring.js';
import type { SkillsDictionary } from './skills-dictionary.js';
import { FREE_PREFIX, type SkillTokenizer } from './tokenizer.js';

export type LocalizedText = { id: string; en: string };
export type Fit = 'meets' | 'below' | 'not-required' | 'unknown';

/** One structured reason; a match carries a list of them. */
export type MatchReason =
  | { kind: 'skill'; skillId: string; name: LocalizedText; role: 'required' | 'title' | 'preferred' | 'mentioned'; via?: string }
  | { kind: 'keyword'; word: string; role: 'required' | 'title' | 'preferred' | 'mentioned' }
  | { kind: 'missing-skill'; skillId: string; name: LocalizedText }
  | { kind: 'distance'; km: number; from: string; to: string }
  | { kind: 'education'; fit: Fit; required?: string }
  | { kind: 'experience'; fit: Fit; requiredYears: number; years?: number }
  | { kind: 'local-priority' }
  | { kind: 'deadline'; closesInDays: number };

export interface Match {
  vacancyId: string;
  score: number;
  reasons: MatchReason[];
  /** One line for the chat, e.g. "Cocok: Las SMAW, Operator Forklift · 4 km dari Cikarang Utara · pendidikan sesuai". */
  explanation: LocalizedText;
}

const ROLE_NAMES = ['required', 'title', 'preferred', 'mentioned'] as const;
const MAX_NAMED_SKILLS = 3;
const DAY_MS = 86_400_000;
const SOON_DAYS = 7;

export interface ExplainDeps {
  readonly dictionary: SkillsDictionary;
  readonly tokenizer: SkillTokenizer;
  readonly kecamatan: KecamatanTable;
}

function skillReasons(s: SeekerFeatures, v: VacancyFeatures, deps: ExplainDeps): MatchReason[] {
  const matched: MatchReason[] = [];
  const missing: MatchReason[] = [];
  v.terms.forEach((term, i) => {
    const role = ROLE_NAMES[v.roles[i]!]!;
    const hit = s.query.get(term);
    const isFree = term.startsWith(FREE_PREFIX);
    const name = { id: deps.dictionary.displayName(term, 'id'), en: deps.dictionary.displayName(term, 'en') };
    if (hit === undefined) {
      if (v.roles[i] === Role.required && !isFree) missing.push({ kind: 'missing-skill', skillId: term, name });
    } else if (isFree) {
      matched.push({ kind: 'keyword', word: deps.tokenizer.displayFree(term), role });
    } else {
      matched.push({ kind: 'skill', skillId: term, name, role, ...(hit.via !== term ? { via: hit.via } : {}) });
    }
  });
  // Dictionary skills first, in role order: the strongest reasons lead the sentence.
  matched.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'skill' ? -1 : 1));
  return [...matched, ...missing];
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
  const expFit: Fit = v.minYears === 0 ? 'not-required' : s.years < 0 ? 'unknown' : s.years >= v.minYears ? 'meets' : 'below';
  out.push({ kind: 'experience', fit: expFit, requiredYears: v.minYears, ...(s.years >= 0 ? { years: s.years } : {}) });
  if (s.ktpBekasi && v.local) out.push({ kind: 'local-priority' });
  if (Number.isFinite(v.deadlineMs)) {
    const days = Math.ceil((v.deadlineMs - ctx.nowMs) / DAY_MS);
    if (days <= SOON_DAYS) out.push({ kind: 'deadline', closesInDays: days });
  }
  return out;
}

export function explainPair(s: SeekerFeatures, v: VacancyFeatures, ctx: ScoreContext, deps: ExplainDeps): { reasons: MatchReason[]; explanation: LocalizedText } {
  const reasons = [...skillReasons(s, v, deps), ...factReasons(s, v, ctx, deps)];
  return { reasons, explanation: { id: sentence(reasons, 'id', deps), en: sentence(reasons, 'en', deps) } };
}

/**
 * The skill a reason credits, named as the seeker gave it. A match through the dictionary's
 * hierarchy (a seeker's "las" meeting a request for "las SMAW") must not read as if the seeker had
 * claimed the narrower skill: the line is shown to them and, in alerts, stands for them.
 */
function creditedName(r: Extract<MatchReason, { kind: 'skill' }>, locale: 'id' | 'en', deps: ExplainDeps): string {
  return r.via === undefined ? r.name[locale] : deps.dictionary.displayName(r.via, locale);
}

const WORDS = {
  id: { match: 'Cocok', missing: 'kurang', from: 'dari', eduOk: 'pendidikan sesuai', eduLow: 'pendidikan di bawah syarat', expOk: 'pengalaman sesuai', expLow: 'pengalaman kurang', local: 'prioritas KTP Bekasi', closes: 'ditutup dalam', days: 'hari' },
  en: { match: 'Matches', missing: 'missing', from: 'from', eduOk: 'education fits', eduLow: 'education below requirement', expOk: 'experience fits', expLow: 'less experience than asked', local: 'Bekasi KTP priority', closes: 'closes in', days: 'days' },
} as const;

function sentence(reasons: readonly MatchReason[], locale: 'id' | 'en', deps: ExplainDeps): string {
  const w = WORDS[locale];
  const parts: string[] = [];
  const names = reasons.flatMap((r) => (r.kind === 'skill' ? [creditedName(r, locale, deps)] : r.kind === 'keyword' ? [r.word] : []));
  if (names.length > 0) parts.push(`${w.match}: ${[...new Set(names)].slice(0, MAX_NAMED_SKILLS).join(', ')}`);
  const missing = reasons.flatMap((r) => (r.kind === 'missing-skill' ? [r.name[locale]] : []));
  if (missing.length > 0) parts.push(`${w.missing}: ${missing.slice(0, MAX_NAMED_SKILLS).join(', ')}`);
  for (const r of reasons) {
    if (r.kind === 'distance') parts.push(`${Math.round(r.km)} km ${w.from} ${r.from}`);
    else if (r.kind === 'education' && r.fit !== 'not-required' && r.fit !== 'unknown') parts.push(r.fit === 'meets' ? w.eduOk : `${w.eduLow} (${r.required ?? ''})`);
    else if (r.kind === 'experience' && r.fit === 'below') parts.push(w.expLow);
    else if (r.kind === 'experience' && r.fit === 'meets') parts.push(w.expOk);
    else if (r.kind === 'local-priority') parts.push(w.local);
    else if (r.kind === 'deadline') parts.push(`${w.closes} ${r.closesInDays} ${w.days}`);
  }
  return parts.join(' · ');
}
