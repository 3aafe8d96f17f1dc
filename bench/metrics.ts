/** Graded-relevance ranking metrics for the matching evaluation. */

/** Relevance grades of one seeker's vacancies (0..3); unlisted vacancies count as 0. */
export type Grades = ReadonlyMap<string, number>;

/** nDCG@k with exponential gain (2^grade − 1), the usual choice for graded judgements. */
export function ndcgAt(ranked: readonly string[], grades: Grades, k: number): number {
  const gain = (g: number): number => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(grades.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...grades.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/**
 * Relevant vacancies (grade ≥ 1) found in the top k, out of those that fit there: all of them, or k
 * when there are more ("capped" recall, as BEIR reports it). Plain recall could not pass 10/16 for a
 * seeker with 16 relevant vacancies, whatever the ranking.
 */
export function recallAt(ranked: readonly string[], grades: Grades, k: number): number {
  const relevant = [...grades].filter(([, g]) => g >= 1).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / Math.min(k, relevant.length);
}

/** 1 / rank of the first relevant vacancy (grade ≥ 1); 0 when none is ranked. */
export function mrr(ranked: readonly string[], grades: Grades): number {
  const first = ranked.findIndex((id) => (grades.get(id) ?? 0) >= 1);
  return first < 0 ? 0 : 1 / (first + 1);
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
