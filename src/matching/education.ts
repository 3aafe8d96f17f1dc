import { educationRank as rankOf, MAX_EDUCATION_RANK } from '../vocabulary.js';
import type { MatchEducationLevel, MatchSeeker, MatchVacancy } from './types.js';

export { MAX_EDUCATION_RANK };

/** The level's rank (src/vocabulary.ts); 0 means "not given", below every level. */
export function educationRank(level: MatchEducationLevel | undefined): number {
  return level === undefined ? 0 : rankOf(level);
}

/** Whether a seeker's rank falls short of a vacancy's minimum; an unknown rank (0) on either side never does. */
export function belowMinEducation(seekerRank: number, minRank: number): boolean {
  return minRank > 0 && seekerRank > 0 && seekerRank < minRank;
}

/** The engine's hard education filter on whole records, for comparisons that must apply the same rule. */
export function educationAdmits(seeker: MatchSeeker, vacancy: MatchVacancy): boolean {
  return !belowMinEducation(educationRank(seeker.education?.level), educationRank(vacancy.minEducation));
}
