import type { Locale, Seeker, Vacancy } from '../domain/index.js';
import type { MatchReason } from '../matching/index.js';

export interface ParsedSkills {
  /** Canonical skill ids and free tokens, as stored on a profile. */
  readonly ids: string[];
  /** Display names of the recognised skills, in the person's language. */
  readonly names: string[];
  /** The words not recognised as any skill, as the person wrote them: kept and matched literally. */
  readonly unknown: string[];
}

export interface VacancyHit {
  readonly vacancy: Vacancy;
  readonly score: number;
  /** Why it fits; rendered in the person's language by the flow (match-explanation.ts). */
  readonly reasons: readonly MatchReason[];
}

/** A skill the seeker lacks, and how many open vacancies near them it alone would open. */
export interface SkillGapHit {
  /** A canonical skill id of the dictionary. */
  readonly skill: string;
  readonly vacancies: number;
}

/** What conversations need from matching, behind a port so flows can be tested without the engine. */
export interface ConversationServices {
  findKecamatan(text: string): string | undefined;
  /** Kecamatan whose name begins with the typed words: "cikarang" → the five Cikarang, "tambun" → Tambun Utara and Selatan. */
  kecamatanCandidates(text: string): readonly string[];
  /** The kecamatan of Kabupaten Bekasi, in the order they are numbered in the help list. */
  kecamatanNames(): readonly string[];
  /** The desa and kelurahan of a kecamatan, where the list is known. */
  desaOf(kecamatan: string): readonly string[] | undefined;
  /** The desa of `kecamatan` a typed answer names (typos forgiven), or undefined. */
  findDesa(kecamatan: string, text: string): string | undefined;
  parseSkills(text: string, locale?: Locale): ParsedSkills;
  /** Best vacancies for a seeker, best first; `offset` pages through them. */
  searchVacancies(seeker: Seeker, offset: number, limit: number): Promise<VacancyHit[]>;
  /** Whether the office verified the company (answered from memory: it marks every vacancy shown). */
  isCompanyVerified(companyId: string | undefined): boolean;
  /** The skills the seeker lacks that would open the most open vacancies near them, most first (at most `limit`). */
  skillGaps(seeker: Seeker, limit: number): readonly SkillGapHit[];
  /** Display names of stored skill ids. */
  skillNames(ids: readonly string[], locale: Locale): string[];
}
