import type { EducationLevel, EmploymentType } from '../vocabulary.js';

/**
 * Input shapes of the matching engine. They are structural subsets of the domain types in
 * src/domain (Vacancy, Seeker, Subscription), declared here because matching imports nothing
 * from the rest of the project: a domain object can be passed in as it is. The level and type
 * lists come from the leaf module src/vocabulary.ts, their one definition.
 */

export type MatchEducationLevel = EducationLevel;
export type MatchEmploymentType = EmploymentType;

export type MatchLocale = 'id' | 'en';

export interface MatchVacancy {
  id: string;
  title: string;
  company: { id?: string; name: string };
  description?: string;
  requirements?: string;
  /** Skill phrases as written; the engine canonicalises them. */
  requiredSkills?: readonly string[];
  preferredSkills?: readonly string[];
  minEducation?: MatchEducationLevel;
  minExperienceYears?: number;
  kecamatan: string;
  estate?: string;
  salaryMin?: number;
  salaryMax?: number;
  employmentType?: MatchEmploymentType;
  quota?: number;
  /** Places reserved for Bekasi KTP holders; > 0 turns on the local-priority boost. */
  localQuota?: number;
  /** ISO date-time; a vacancy past its deadline never appears. */
  deadline?: string;
  /** Missing means open (JSONL imports); draft and closed never appear. */
  status?: 'draft' | 'open' | 'closed';
  openedAt?: string;
}

export interface MatchSeeker {
  id: string;
  domicile?: { kecamatan: string; ktpBekasi: boolean };
  education?: { level: MatchEducationLevel; major?: string };
  /** `ids`: canonical skill ids or `free:` tokens already resolved; `raw`: what the person typed. */
  skills: { ids?: readonly string[]; raw?: string };
  experience?: { years: number; text?: string };
  certifications?: readonly string[];
  wantedPositions?: readonly string[];
  wantedJobTypes?: readonly MatchEmploymentType[];
  /** Rupiah a month; a vacancy offering less at most ranks lower. */
  expectedSalary?: number;
  /** False: a vacancy that asks for shift work ranks lower. */
  shiftWilling?: boolean;
  status?: 'active' | 'inactive';
}

export interface MatchSubscription {
  id: string;
  seekerId?: string;
  filters: {
    /** Skill or keyword phrases; empty means any. */
    keywords: readonly string[];
    /** Kecamatan names; empty means any. */
    kecamatan: readonly string[];
    /** The subscriber's own education: vacancies asking more are left out. */
    education?: MatchEducationLevel;
    /** Empty means any. */
    jobTypes: readonly MatchEmploymentType[];
  };
  active: boolean;
}
