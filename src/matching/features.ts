import { EMPLOYMENT_TYPES } from '../vocabulary.js';
import { BoundedMemo } from './bounded-memo.js';
import { educationRank } from './education.js';
import type { KecamatanTable } from './kecamatan.js';
import type { MajorTable } from './majors.js';
import { requirementLines, reservesForBekasiKtp } from './requirement-lines.js';
import { Role, type ScoringOptions } from './scoring.js';
import type { SkillsDictionary } from './skills-dictionary.js';
import { FREE_PREFIX, type SkillTokenizer, type TokenizedText } from './tokenizer.js';
import type { MatchEmploymentType, MatchSeeker, MatchSubscription, MatchVacancy } from './types.js';

/** The condition a posting's "bersedia kerja shift" is read as. */
export const SHIFT_CONDITION = 'shift-work';

/** What the indexes keep of a vacancy: canonical terms with roles plus the facts scoring reads. */
export interface VacancyFeatures {
  readonly id: string;
  readonly title: string;
  readonly terms: readonly string[];
  /** Role of `terms[i]`. */
  readonly roles: Uint8Array;
  /** 1 when `terms[i]` is in the title, whatever its role (a title skill may also be required). */
  readonly inTitle: Uint8Array;
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
  readonly employmentType: MatchEmploymentType | undefined;
  /** The title names the work with a dictionary skill: a seeker who said what work they want can miss it. */
  readonly titled: boolean;
  /** Highest monthly pay offered; 0 when not given. */
  readonly salaryMax: number;
  readonly requiresShift: boolean;
  /** Only holders of a Kabupaten Bekasi KTP may apply ("Wajib ber-KTP Kabupaten Bekasi"). */
  readonly ktpOnly: boolean;
  /** Licences and certificates the posting requires as a must ("Wajib memiliki SIM B1 Umum"). */
  readonly credentials: readonly string[];
  /** The majors the posting accepts as a must ("SMK jurusan Teknik Mesin/Otomotif"); empty: any. */
  readonly majors: readonly string[];
  /** Skills, their broader skills and every content word: what keyword alerts are matched against. */
  readonly alertTerms: readonly string[];
}

/** One term of a seeker's query: the credit it earns and the seeker's own term it came from. */
export interface QueryTerm {
  readonly credit: number;
  /** The seeker's term this one was reached from (itself, or a narrower or broader skill). */
  readonly via: string;
  /**
   * The credit when the term is in a vacancy's title: raised for the work the person wants or has
   * done (wanted positions, the experience story, occupations and skills among what they gave).
   */
  readonly titleCredit: number;
  /** Work the person wants or has done, or work related to it through the hierarchy. */
  readonly intent: boolean;
  /** Work the person's experience story names, or work related to it: where their years count. */
  readonly experienced: boolean;
  /** The term names work (an occupation or a skill), not a licence, tool, standard or word. */
  readonly work: boolean;
}

/** A seeker's query with the facts the factors read. */
export interface SeekerFeatures {
  readonly id: string;
  readonly query: ReadonlyMap<string, QueryTerm>;
  /** The person named work they do or want: vacancies titled with other work rank lower. */
  readonly hasIntent: boolean;
  /** The experience story names the work: the years count only for vacancies titled with it. */
  readonly hasExperiencedWork: boolean;
  readonly kecamatan: number;
  readonly education: number;
  /** -1 when unknown. */
  readonly years: number;
  readonly ktpBekasi: boolean;
  /** OR of wanted job type bits; 0 means any. */
  readonly jobTypes: number;
  /** 0 when not given. */
  readonly expectedSalary: number;
  /** -1 unknown, 0 not willing, 1 willing. */
  readonly shiftWilling: number;
  /** Licences and certificates the person holds, with those they imply (a SIM B2 covers B1). */
  readonly credentials: ReadonlySet<string>;
  /** The majors the person's answer names; empty when none was given or none is known. */
  readonly majors: readonly string[];
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
const LINE_CACHE_LIMIT = 50_000;
const READ_FIELDS = ['skills', 'wished', 'free', 'conditions', 'words'] as const;
const WORK_KINDS: ReadonlySet<string> = new Set(['occupation', 'skill']);
const CREDENTIAL_KINDS: ReadonlySet<string> = new Set(['license', 'certificate']);
const SOFT_SKILLS = 'general';

/**
 * Occupations and skills say what work a person does; tools, licences, certificates and languages
 * do not, nor do the general soft skills (teamwork, communication, leadership).
 */
function isWork(dictionary: SkillsDictionary, id: string): boolean {
  const entry = dictionary.get(id);
  return entry !== undefined && WORK_KINDS.has(entry.kind) && entry.category !== SOFT_SKILLS;
}

function parseTime(iso: string | undefined, fallback: number): number {
  if (iso === undefined) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : ms;
}

export function jobTypeBit(type: string | undefined): number {
  const index = EMPLOYMENT_TYPES.indexOf(type as (typeof EMPLOYMENT_TYPES)[number]);
  return index < 0 ? 0 : 1 << index;
}

const jobTypeMask = (types: readonly string[] | undefined): number => (types ?? []).reduce((mask, type) => mask | jobTypeBit(type), 0);

/** Skills and words of a text with conditions set apart: they are judged by the factors, never scored. */
interface ReadText {
  readonly skills: readonly string[];
  /** Work wished for rather than claimed ("pengen pindah ke …"). */
  readonly wished: readonly string[];
  readonly free: readonly string[];
  readonly conditions: readonly string[];
  /** Every content word, conditions' too: keyword alerts match on these. */
  readonly words: readonly string[];
}

/** What a term says of the person: work they want (or have done), work their experience story names. */
interface Mark {
  readonly intent: boolean;
  readonly experienced: boolean;
}
const UNMARKED: Mark = { intent: false, experienced: false };

/** Builds a seeker's query: each term keeps its best credit; intent and the title credit follow the best claim too. */
class QueryBuilder {
  readonly terms = new Map<string, QueryTerm>();
  hasIntent = false;
  hasExperiencedWork = false;

  constructor(
    private readonly dictionary: SkillsDictionary,
    private readonly o: ScoringOptions,
  ) {}

  /**
   * Skills with their broader skills (full credit: a welder can weld), the credentials they imply
   * (full credit: a SIM B2 holder may drive on B1) and narrower ones (partial).
   * `intentOf`: which of them name work the person wants or has done, whose title credit is
   * `boost` times their credit.
   */
  skills(ids: readonly string[], credit: number, intentOf: (id: string) => boolean, boost = this.o.intentBoost, experiencedOf: (id: string) => boolean = () => false): void {
    for (const id of ids) {
      const mark = { intent: intentOf(id), experienced: experiencedOf(id) };
      if (mark.intent) this.hasIntent = true;
      if (mark.experienced) this.hasExperiencedWork = true;
      this.give(id, credit, id, mark, mark.intent ? boost : 1);
      // Related occupations are wanted too (no penalty for them), but only the one named is boosted in a title.
      for (const up of this.dictionary.ancestors(id)) this.give(up, credit * this.o.narrowerCredit, id, mark, 1);
      for (const held of this.dictionary.implied(id)) this.give(held, credit, id, UNMARKED, 1);
      for (const down of this.dictionary.descendants(id)) this.give(down, credit * this.o.broaderCredit, id, mark, 1);
      // Work next to theirs, not a certificate or licence that happens to sit under the same entry.
      if ((mark.intent || mark.experienced) && this.o.siblingCredit > 0) {
        for (const sib of this.dictionary.siblings(id)) if (isWork(this.dictionary, sib)) this.give(sib, credit * this.o.siblingCredit, id, mark, 1);
      }
    }
  }

  words(words: readonly string[], credit: number): void {
    for (const word of words) this.give(word, credit * this.o.freeWordCredit, word, UNMARKED, 1);
  }

  private give(term: string, credit: number, via: string, mark: Mark, boost: number): void {
    const had = this.terms.get(term);
    const titleCredit = credit * boost;
    if (had !== undefined && had.credit >= credit && had.titleCredit >= titleCredit && (had.intent || !mark.intent) && (had.experienced || !mark.experienced)) return;
    const best = had !== undefined && had.credit > credit ? had : { credit, via };
    this.terms.set(term, {
      credit: best.credit,
      via: best.via,
      intent: mark.intent || (had?.intent ?? false),
      experienced: mark.experienced || (had?.experienced ?? false),
      work: isWork(this.dictionary, term),
      titleCredit: Math.max(titleCredit, had?.titleCredit ?? 0, best.credit),
    });
  }
}

/** Turns vacancies and seekers into the canonical features the indexes and the scorer share. */
export class FeatureExtractor {
  private readonly lineCache = new BoundedMemo<string, ReadText>(LINE_CACHE_LIMIT);

  constructor(
    private readonly tokenizer: SkillTokenizer,
    private readonly kecamatan: KecamatanTable,
    private readonly majors: MajorTable,
    private readonly options: ScoringOptions,
  ) {}

  vacancy(v: MatchVacancy): VacancyFeatures {
    const roles = new Map<string, Role>();
    const put = (terms: readonly string[], role: Role): void => {
      for (const term of terms) if ((roles.get(term) ?? 9) > role) roles.set(term, role);
    };
    const listed = this.read(this.tokenizer.tokenizeAll(v.requiredSkills ?? []));
    const lines = requirementLines(v.requirements ?? '');
    const musts = this.readLines(lines.flatMap((line) => (line.preferred ? [] : [line.text])));
    const wishes = this.readLines(lines.flatMap((line) => (line.preferred ? [line.text] : [])));
    const title = this.read(this.tokenizer.tokenize(v.title));
    const description = this.read(this.tokenizer.tokenize(v.description ?? ''));
    const preferred = this.read(this.tokenizer.tokenizeAll(v.preferredSkills ?? []));
    // Without an explicit list, the skills a requirement line asks as a must are the required ones;
    // a licence or certificate asked as a must is required whatever the list says.
    const credentials = [...new Set([...listed.skills, ...musts.skills].filter((id) => this.isCredential(id)))];
    put(listed.skills.length > 0 ? listed.skills : musts.skills, Role.required);
    put(credentials, Role.required);
    // A title names the work and the kind of it: "Welder SMAW" is welding work too, for a person who says "welder".
    // One level up only: "Lathe Operator" is machining work, not any production operator's.
    const titleWork = this.titleWork(title.skills);
    put(titleWork, Role.title);
    put(title.free, Role.title);
    for (const part of [preferred.skills, preferred.free, listed.free, musts.skills, musts.free, wishes.skills, wishes.free]) put(part, Role.preferred);
    put(description.skills, Role.mention);
    put(description.free.length > MAX_MENTION_WORDS ? description.free.slice(0, MAX_MENTION_WORDS) : description.free, Role.mention);
    const terms = [...roles.keys()];
    const roleArray = Uint8Array.from(terms.map((term) => roles.get(term)!));
    const titleTerms = new Set(titleWork);
    for (const word of title.free) titleTerms.add(word);
    const weights = [this.options.requiredWeight, this.options.titleWeight, this.options.preferredWeight, this.options.mentionWeight];
    const parts = [listed, musts, wishes, title, description, preferred];
    const requiresShift = parts.some((part) => part.conditions.includes(SHIFT_CONDITION));
    return {
      id: v.id,
      title: v.title,
      terms,
      roles: roleArray,
      inTitle: Uint8Array.from(terms.map((term) => (titleTerms.has(term) ? 1 : 0))),
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
      employmentType: v.employmentType,
      titled: title.skills.length > 0,
      salaryMax: v.salaryMax ?? v.salaryMin ?? 0,
      requiresShift,
      ktpOnly: lines.some(reservesForBekasiKtp),
      credentials,
      majors: this.majors.askedIn(lines),
      alertTerms: this.alertTerms(terms, parts),
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
      jobTypes: jobTypeMask(sub.filters.jobTypes),
    };
  }

  seeker(s: MatchSeeker): SeekerFeatures {
    const t = this.tokenizer;
    const o = this.options;
    const q = new QueryBuilder(t.dictionary, o);
    const stored = s.skills.ids ?? [];
    const known = stored.filter((id) => !id.startsWith(FREE_PREFIX) && t.dictionary.get(id) !== undefined && !this.isCondition(id));
    const unknown = stored.filter((id) => !id.startsWith(FREE_PREFIX) && t.dictionary.get(id) === undefined);
    const own = this.read(t.tokenizeAll([s.skills.raw ?? '', ...unknown]));
    // A certificate is held, not a wish: it never says what work the person wants.
    const certified = this.read(t.tokenizeAll(s.certifications ?? []));
    const wanted = this.read(t.tokenizePositions(s.wantedPositions ?? []));
    const story = this.read(t.tokenizeAll([s.experience?.text ?? '']));
    // The work a person says they want leads; what they have done says what they want only when they name nothing.
    const wantedWork = [...wanted.skills, ...own.wished];
    const names = wantedWork.length > 0 && o.wantedLeads;
    const work = (id: string): boolean => !names && isWork(t.dictionary, id);
    const always = (): boolean => true;
    const never = (): boolean => false;
    q.skills(wantedWork, 1, always, o.wantedBoost);
    q.words(wanted.free, 1);
    q.skills(known, 1, work);
    q.words(stored.filter((id) => id.startsWith(FREE_PREFIX)), 1);
    q.skills(own.skills, 1, work);
    q.words(own.free, 1);
    q.skills(certified.skills, 1, never);
    q.words(certified.free, 1);
    q.skills(story.skills, o.backgroundCredit, names ? never : always, o.experienceBoost, (id) => isWork(t.dictionary, id));
    q.words(story.free, o.backgroundCredit);
    const major = this.read(t.tokenizeAll([s.education?.major ?? '']));
    q.skills(major.skills, o.backgroundCredit, never);
    q.words(major.free, o.backgroundCredit);
    return {
      id: s.id,
      query: q.terms,
      hasIntent: q.hasIntent,
      hasExperiencedWork: q.hasExperiencedWork,
      kecamatan: this.kecamatan.lookup(s.domicile?.kecamatan)?.index ?? -1,
      education: educationRank(s.education?.level),
      years: s.experience?.years ?? -1,
      ktpBekasi: s.domicile?.ktpBekasi ?? false,
      jobTypes: jobTypeMask(s.wantedJobTypes),
      expectedSalary: s.expectedSalary ?? 0,
      shiftWilling: s.shiftWilling === undefined ? -1 : s.shiftWilling ? 1 : 0,
      credentials: this.held(q.terms),
      majors: this.majors.read(s.education?.major ?? ''),
      active: (s.status ?? 'active') === 'active',
    };
  }

  /** The title's skills and the entry one level above each. */
  private titleWork(skills: readonly string[]): string[] {
    const out: string[] = [];
    for (const id of skills) {
      if (!out.includes(id)) out.push(id);
      const parent = this.tokenizer.dictionary.ancestors(id)[0];
      if (parent !== undefined && !out.includes(parent)) out.push(parent);
    }
    return out;
  }

  private isCredential(id: string): boolean {
    return CREDENTIAL_KINDS.has(this.tokenizer.dictionary.get(id)?.kind ?? '');
  }

  /** Credentials the person claimed or that a claimed one implies; a narrower one reached from a broader claim is not held. */
  private held(query: ReadonlyMap<string, QueryTerm>): Set<string> {
    const out = new Set<string>();
    for (const [term, { credit }] of query) if (credit >= this.options.backgroundCredit && this.isCredential(term)) out.add(term);
    return out;
  }

  private isCondition(id: string): boolean {
    return this.tokenizer.dictionary.get(id)?.kind === 'condition';
  }

  /** Lines read one by one, each once while cached: requirement lines recur across postings ("Pendidikan minimal SMA/SMK"). */
  private readLines(lines: readonly string[]): ReadText {
    const parts = lines.map((line) => this.lineCache.get(line, (text) => this.read(this.tokenizer.tokenize(text))));
    if (parts.length === 1) return parts[0]!;
    const out = { skills: [] as string[], wished: [] as string[], free: [] as string[], conditions: [] as string[], words: [] as string[] };
    for (const part of parts) for (const field of READ_FIELDS) for (const term of part[field]) if (!out[field].includes(term)) out[field].push(term);
    return out;
  }

  private read(t: TokenizedText): ReadText {
    const skills: string[] = [];
    const conditions: string[] = [];
    for (const id of t.skills) (this.isCondition(id) ? conditions : skills).push(id);
    return { skills, wished: t.wished.length === 0 ? t.wished : t.wished.filter((id) => !this.isCondition(id)), free: t.free, conditions, words: t.words };
  }

  private alertTerms(terms: readonly string[], parts: readonly ReadText[]): string[] {
    const alert = new Set<string>();
    for (const skill of terms) {
      if (skill.startsWith(FREE_PREFIX)) continue;
      alert.add(skill);
      for (const up of this.tokenizer.dictionary.ancestors(skill)) alert.add(up);
    }
    // A keyword that names a condition ("shift", "SMK") finds postings that ask for it.
    for (const part of parts) for (const term of [...part.conditions, ...part.words]) alert.add(term);
    return [...alert];
  }
}
