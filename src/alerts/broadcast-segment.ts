import { CHANNELS, educationRank, type Broadcast, type Channel, type Seeker } from '../domain/index.js';
import { ValidationError } from '../errors/index.js';
import { loadKecamatanTable, loadSkillsDictionary, SkillTokenizer, type KecamatanTable } from '../matching/index.js';
import type { Store } from '../store/index.js';

export type BroadcastSegment = Broadcast['segment'];

/**
 * What a segment's words are compared with: skill text → canonical skill ids (the same tokenizer
 * that filled `seeker.skills.ids`), kecamatan names → table entries. The running service's
 * `Matcher` is one; {@link defaultSegmentVocabulary} reads the repository's reference data.
 */
export interface SegmentVocabulary {
  canonicalSkills(text: string): string[];
  readonly kecamatan: Pick<KecamatanTable, 'lookup'>;
}

let defaultVocabulary: SegmentVocabulary | undefined;

/**
 * The skills dictionary and kecamatan table under `reference/`, read once per process on first
 * use (a few ms; a matcher's indexes are not needed for this, only its vocabulary).
 */
export function defaultSegmentVocabulary(): SegmentVocabulary {
  if (!defaultVocabulary) {
    const tokenizer = new SkillTokenizer(loadSkillsDictionary());
    const kecamatan = loadKecamatanTable();
    defaultVocabulary = {
      canonicalSkills: (text) => {
        const tokens = tokenizer.tokenize(text);
        return [...tokens.skills, ...tokens.free];
      },
      kecamatan,
    };
  }
  return defaultVocabulary;
}

/**
 * The segment as it is stored: channels and skills without repeats, each kecamatan under its
 * table name ("cikarang utara" → "Cikarang Utara"). Throws ValidationError naming every kecamatan
 * the table does not know and every skill with no word that could ever match, so an office
 * worker's typo is told at once instead of silently reaching nobody.
 */
export function normalizeSegment(segment: BroadcastSegment, vocabulary: SegmentVocabulary): BroadcastSegment {
  const issues: string[] = [];
  const kecamatan: string[] = [];
  segment.kecamatan.forEach((name, i) => {
    const found = vocabulary.kecamatan.lookup(name);
    if (!found) issues.push(`segment.kecamatan.${i}: "${name}" is not a kecamatan we know (e.g. "Cikarang Utara")`);
    else if (!kecamatan.includes(found.name)) kecamatan.push(found.name);
  });
  const skills: string[] = [];
  segment.skills.forEach((text, i) => {
    if (vocabulary.canonicalSkills(text).length === 0) issues.push(`segment.skills.${i}: "${text}" names no skill (e.g. "las smaw", "forklift")`);
    else if (!skills.includes(text)) skills.push(text);
  });
  if (issues.length > 0) throw new ValidationError('broadcast segment', issues);
  return { ...segment, channels: [...new Set(segment.channels)], kecamatan, skills };
}

/** A segment turned into a test on one seeker. Pure: no I/O. */
export interface SegmentFilter {
  /**
   * The segment's channels the seeker has an identity on, each once, in CHANNELS order; empty when
   * the seeker is outside the segment. Says nothing about consent or opt-out: see {@link isReachable}.
   */
  channelsOf(seeker: Seeker): Channel[];
}

/**
 * Compiles a segment. Every empty list means "no condition": no channels is every channel, no
 * kecamatan is everywhere, no skills is any skills. Kecamatan are compared as table entries, so a
 * seeker's "Kec. Cikarang Utara" is in a segment's "Cikarang Utara"; education by rank (SMA and SMK
 * alike, D4 and S1 alike, src/vocabulary.ts); skills by canonical id, any one of the segment's. A
 * segment naming a training programme keeps only the seekers in `interested` (none when not given).
 */
export function compileSegment(segment: BroadcastSegment, vocabulary: SegmentVocabulary, interested?: ReadonlySet<string>): SegmentFilter {
  const channels = segment.channels.length > 0 ? new Set<Channel>(segment.channels) : new Set<Channel>(CHANNELS);
  const kecamatan = new Set(segment.kecamatan.map((name) => vocabulary.kecamatan.lookup(name)?.index ?? -1));
  const skills = new Set(segment.skills.flatMap((text) => vocabulary.canonicalSkills(text)));
  const minRank = segment.minEducation ? educationRank(segment.minEducation) : 0;
  const inSegment = (seeker: Seeker): boolean => {
    if (segment.trainingProgrammeId !== undefined && !interested?.has(seeker.id)) return false;
    if (segment.ktpBekasiOnly && !seeker.domicile.ktpBekasi) return false;
    if (educationRank(seeker.education.level) < minRank) return false;
    if (kecamatan.size > 0 && !kecamatan.has(vocabulary.kecamatan.lookup(seeker.domicile.kecamatan)?.index ?? -1)) return false;
    if (skills.size > 0 && !seeker.skills.ids.some((id) => skills.has(id))) return false;
    return true;
  };
  return {
    channelsOf: (seeker) => {
      if (!inSegment(seeker)) return [];
      const own = new Set(seeker.identities.map((identity) => identity.channel));
      return CHANNELS.filter((channel) => channels.has(channel) && own.has(channel));
    },
  };
}

/**
 * Compiles a segment, with the seekers interested in its training programme read from the store
 * when it names one (a programme deleted since then has no interests left: the segment is empty).
 */
export async function segmentFilter(store: Store, segment: BroadcastSegment, vocabulary: SegmentVocabulary): Promise<SegmentFilter> {
  if (segment.trainingProgrammeId === undefined) return compileSegment(segment, vocabulary);
  const interested = new Set<string>();
  for await (const interest of store.trainingInterests.listByProgramme(segment.trainingProgrammeId)) interested.add(interest.seekerId);
  return compileSegment(segment, vocabulary, interested);
}

/** Refuses a segment naming a training programme that does not exist (a 400 naming the field, not a broadcast to nobody). */
export async function checkSegmentProgramme(store: Store, segment: BroadcastSegment): Promise<void> {
  const id = segment.trainingProgrammeId;
  if (id !== undefined && !(await store.trainingProgrammes.get(id))) {
    throw new ValidationError('broadcast segment', [`segment.trainingProgrammeId: there is no training programme "${id}" (see GET /api/admin/training-programmes)`]);
  }
}

/**
 * Whether announcements may go to this person at all: active, consented (the schema makes every
 * stored seeker have consented; checked again, as the privacy rule is the point), not opted out.
 */
export function isReachable(seeker: Seeker): boolean {
  return seeker.status === 'active' && Boolean(seeker.consent.at) && seeker.broadcastsOptedOutAt === undefined;
}

/** One seeker as the segment sees them. */
export interface SegmentVisit {
  readonly seekerId: string;
  /** `recipient`: gets one job per channel in `channels`; `opted-out`: in the segment, but asked for no announcements; `outside`: not in it. */
  readonly verdict: 'recipient' | 'opted-out' | 'outside';
  /** The segment's channels the seeker is on (empty when `outside`). */
  readonly channels: readonly Channel[];
}

/**
 * Visits every active seeker, a store page at a time (never all in memory), and says what the
 * segment makes of each. Inactive seekers are not read at all (the `status` index).
 */
export async function* visitSegment(store: Store, filter: SegmentFilter): AsyncGenerator<SegmentVisit> {
  for await (const seeker of store.seekers.scan({ status: 'active' })) {
    const channels = filter.channelsOf(seeker);
    const verdict = channels.length === 0 ? 'outside' : isReachable(seeker) ? 'recipient' : 'opted-out';
    yield { seekerId: seeker.id, verdict, channels };
  }
}
