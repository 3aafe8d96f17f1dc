import { EMPLOYMENT_TYPES } from '../vocabulary.js';
import { educationRank } from './education.js';
import type { KecamatanTable } from './kecamatan.js';
import { Role, type ScoringOptions } from './scoring.js';
import { FREE_PREFIX, type SkillTokenizer } from './tokenizer.js';
import type { MatchSeeker, MatchSubscription, MatchVacancy } from './types.js';

/** What the indexes keep of a vacancy: canonical terms with roles plus the facts scoring reads. */
export interface VacancyFeatures {
  readonly id: string;
  readonly title: string;
  readonly terms: readonly string[];
  /** Role of `terms[i]`. */
  readonly roles: Uint8Array;
  readonly requiredCount: number;
  /** sqrt of the summed role weights: keeps long postings from winning by sheer length. */
  readonly norm: number;
  readonly kecamatan: number;
  readonly minEducation: number;
  /** The level as written, for explanations. */
  readonly minEducationName: string | undefined;
  readonly minYears: number;
  readonly local: boolean;
  readonly open: boolean;
  readonly openedAtMs: number;
  /** +Infinity when the vacancy has no deadline. */
  readonly deadlineMs: number;
  /** Bit of the employment type (1 << index in EMPLOYMENT_TYPES), 0 when unknown. */
  readonly jobTypeBit: number;
  /** Skills, their broader skills and every content word: what keyword alerts are matched against. */
  readonly alertTerms: readonly string[];
}

/** A seeker's query: each term with the credit it earns and the seeker term it came from. */
export interface SeekerFeatures {
  readonly id: string;
  readonly query: ReadonlyMap<string, { credit: number; via: string }>;
  readonly kecamatan: number;
  readonly education: number;
  /** -1 when unknown. */
  readonly years: number;
  readonly ktpBekasi: boolean;
  readonly active: boolean;
}

/** A subscription's filters, compiled to term ids' strings, kecamatan indexes and bit masks. */
export interface SubscriptionFeatures {
  readonly id: string;
  readonly active: boolean;
  /** Empty: any vacancy. Otherwise any one of them must be among the vacancy's alert terms. */
  readonly terms: readonly string[];
  /** Undefined: any kecamatan. Names the table does not know match no vacancy. */
  readonly kecamatan: readonly number[] | undefined;
  readonly education: number;
  /** OR of job type bits; 0 means any. */
  readonly jobTypes: number;
}

const MAX_MENTION_WORDS = 40;

function parseTime(iso: string | undefined, fallback: number): number {
  if (iso === undefined) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : ms;
}

export function jobTypeBit(type: string | undefined): number {
  const index = EMPLOYMENT_TYPES.indexOf(type as (typeof EMPLOYMENT_TYPES)[number]);
  return index < 0 ? 0 : 1 << index;
}

/** Turns vacancies and seekers into the canonical features the indexes and the scorer share. */
export class FeatureExtractor {
  constructor(
    private readonly tokenizer: SkillTokenizer,
    private readonly kecamatan: KecamatanTable,
    private readonly options: ScoringOptions,
  ) {}

  vacancy(v: MatchVacancy): VacancyFeatures {
    const t = this.tokenizer;
    const roles = new Map<string, Role>();
    const put = (terms: readonly string[], role: Role): void => {
      for (const term of terms) if ((roles.get(term) ?? 9) > role) roles.set(term, role);
    };
    const listed = t.tokenizeAll(v.requiredSkills ?? []);
    const requirements = t.tokenize(v.requirements ?? '');
    const title = t.tokenize(v.title);
    const description = t.tokenize(v.description ?? '');
    // Without an explicit list, the skills named in the requirements text are the required ones.
    put(listed.skills.length > 0 ? listed.skills : requirements.skills, Role.required);
    put([...title.skills, ...title.free], Role.title);
    const preferred = t.tokenizeAll(v.preferredSkills ?? []);
    put([...preferred.skills, ...preferred.free, ...listed.free, ...requirements.skills, ...requirements.free], Role.preferred);
    put([...description.skills, ...description.free.slice(0, MAX_MENTION_WORDS)], Role.mention);
    const terms = [...roles.keys()];
    const roleArray = Uint8Array.from(terms.map((term) => roles.get(term)!));
    const weights = [this.options.requiredWeight, this.options.titleWeight, this.options.preferredWeight, this.options.mentionWeight];
    const alert = new Set<string>();
    for (const skill of terms) {
      if (skill.startsWith(FREE_PREFIX)) continue;
      alert.add(skill);
      for (const up of t.dictionary.ancestors(skill)) alert.add(up);
    }
    for (const part of [listed, requirements, title, description, preferred]) for (const w of part.words) alert.add(w);
    return {
      id: v.id,
      title: v.title,
      terms,
      roles: roleArray,
      requiredCount: roleArray.filter((r) => r === Role.required).length,
      norm: Math.sqrt(roleArray.reduce((sum, r) => sum + (weights[r] ?? 0), 0)) || 1,
      kecamatan: (this.kecamatan.lookup(v.kecamatan) ?? this.kecamatan.lookup(v.estate))?.index ?? -1,
      minEducation: educationRank(v.minEducation),
      minEducationName: v.minEducation,
      minYears: v.minExperienceYears ?? 0,
      local: (v.localQuota ?? 0) > 0,
      open: (v.status ?? 'open') === 'open',
      openedAtMs: parseTime(v.openedAt, Number.NaN),
      deadlineMs: parseTime(v.deadline, Number.POSITIVE_INFINITY),
      jobTypeBit: jobTypeBit(v.employmentType),
      alertTerms: [...alert],
    };
  }

  subscription(sub: MatchSubscription): SubscriptionFeatures {
    const keywords = this.tokenizer.tokenizeAll(sub.filters.keywords);
    const places = sub.filters.kecamatan.slice(0, 100).map((name) => this.kecamatan.lookup(name)?.index ?? -1);
    return {
      id: sub.id,
      active: sub.active,
      terms: [...keywords.skills, ...keywords.free],
      kecamatan: places.length === 0 ? undefined : [...new Set(places.filter((i) => i >= 0))],
      education: educationRank(sub.filters.education),
      jobTypes: sub.filters.jobTypes.reduce((mask, type) => mask | jobTypeBit(type), 0),
    };
  }

  seeker(s: MatchSeeker): SeekerFeatures {
    const t = this.tokenizer;
    const o = this.options;
    const query = new Map<string, { credit: number; via: string }>();
    const give = (term: string, credit: number, via: string): void => {
      if ((query.get(term)?.credit ?? 0) < credit) query.set(term, { credit, via });
    };
    const addSkills = (skills: readonly string[], credit: number): void => {
      for (const skill of skills) {
        give(skill, credit, skill);
        for (const up of t.dictionary.ancestors(skill)) give(up, credit * o.narrowerCredit, skill);
        for (const down of t.dictionary.descendants(skill)) give(down, credit * o.broaderCredit, skill);
      }
    };
    const addText = (parts: { skills: string[]; free: string[] }, credit: number): void => {
      addSkills(parts.skills, credit);
      for (const word of parts.free) give(word, credit * o.freeWordCredit, word);
    };
    const known = (s.skills.ids ?? []).filter((id) => id.startsWith(FREE_PREFIX) || t.dictionary.get(id) !== undefined);
    const unknown = (s.skills.ids ?? []).filter((id) => !known.includes(id));
    addSkills(known.filter((id) => !id.startsWith(FREE_PREFIX)), 1);
    for (const word of known.filter((id) => id.startsWith(FREE_PREFIX))) give(word, o.freeWordCredit, word);
    addText(t.tokenizeAll([s.skills.raw ?? '', ...unknown, ...(s.certifications ?? []), ...(s.wantedPositions ?? [])]), 1);
    addText(t.tokenizeAll([s.experience?.text ?? '', s.education?.major ?? '']), o.backgroundCredit);
    return {
      id: s.id,
      query,
      kecamatan: this.kecamatan.lookup(s.domicile?.kecamatan)?.index ?? -1,
      education: educationRank(s.education?.level),
      years: s.experience?.years ?? -1,
      ktpBekasi: s.domicile?.ktpBekasi ?? false,
      active: (s.status ?? 'active') === 'active',
    };
  }
}
