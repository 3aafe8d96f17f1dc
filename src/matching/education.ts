import { educationRank as rankOf, MAX_EDUCATION_RANK } from '../vocabulary.js';
import type { MatchEducationLevel } from './types.js';

export { MAX_EDUCATION_RANK };

/** The level's rank (src/vocabulary.ts); 0 means "not given", below every level. */
export function educationRank(level: MatchEducationLevel | undefined): number {
  return level === undefined ? 0 : rankOf(level);
}
