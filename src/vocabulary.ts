/**
 * The fixed lists the whole service shares: Indonesian education levels and employment types.
 * This is their only definition. It is a leaf module (it imports nothing, like project-root.ts)
 * because both of its users must stay free of the rest of the project: domain builds its schemas
 * from these lists, and matching, which imports nothing of the project's so it can run on plain
 * data (CLI files, benchmarks), reads the same lists instead of a copy that could drift.
 */

/** Indonesian education levels, lowest first. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * Rank used to compare levels: SMA and SMK (general and vocational upper secondary) share one, as
 * do D4 (applied bachelor) and S1, since employers accept either for the same requirement.
 */
const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};

/** The highest rank (S3). Ranks run from 1; 0 is left for "not given". */
export const MAX_EDUCATION_RANK = Math.max(...Object.values(EDUCATION_RANK));

export function educationRank(level: EducationLevel): number {
  return EDUCATION_RANK[level];
}

/** PKWT: fixed-term contract; PKWTT: permanent; magang: apprenticeship; harian: daily worker. */
export const EMPLOYMENT_TYPES = ['PKWT', 'PKWTT', 'magang', 'harian'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
