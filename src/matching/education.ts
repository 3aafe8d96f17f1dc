import type { MatchEducationLevel } from './types.js';

/** SMA and SMK share a rank, as do D4 and S1 (the domain's ranking). 0 means "not given". */
const EDUCATION_RANK: Readonly<Record<MatchEducationLevel, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};

export const MAX_EDUCATION_RANK = 9;

export function educationRank(level: MatchEducationLevel | undefined): number {
  return level === undefined ? 0 : EDUCATION_RANK[level];
}
