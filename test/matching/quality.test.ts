import { describe, expect, it } from 'vitest';
import { miniSearch, tfidfScan } from '../../bench/baselines.js';
import { evaluate } from '../../bench/eval-core.js';
import { matcher, seeker, vacancy } from './fixtures.js';

/** Floors set a little under the measured 0.831 nDCG@10 / 0.506 recall@10 (MiniSearch, with the same education filter: 0.786 / 0.462). */
const NDCG_FLOOR = 0.79;
const RECALL_FLOOR = 0.47;

describe('matching quality on the labelled Bekasi set', () => {
  const [engine, baseline] = evaluate();

  it(`keeps nDCG@10 ≥ ${NDCG_FLOOR} and recall@10 ≥ ${RECALL_FLOOR}`, () => {
    expect(engine!.ndcg10).toBeGreaterThanOrEqual(NDCG_FLOOR);
    expect(engine!.recall10).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('ranks better than MiniSearch on the same data', () => {
    expect(engine!.ndcg10).toBeGreaterThan(baseline!.ndcg10);
    expect(engine!.recall10).toBeGreaterThan(baseline!.recall10);
  });
});

describe('the baselines apply the engine’s education filter', () => {
  const vacancies = [
    vacancy('s1', { title: 'Staff Akuntansi', requirements: 'Menguasai akuntansi', minEducation: 'S1' }),
    vacancy('smk', { title: 'Staff Akuntansi Junior', requirements: 'Menguasai akuntansi', minEducation: 'SMK' }),
    vacancy('any', { title: 'Admin Akuntansi', requirements: 'Menguasai akuntansi' }),
  ];
  const withLevel = (level?: 'SMA' | 'S1') => seeker('x', 'akuntansi', level ? { education: { level } } : {});

  it.each([
    ['SMA', 'SMA', ['smk', 'any']],
    ['S1', 'S1', ['s1', 'smk', 'any']],
    ['no stated level', undefined, ['s1', 'smk', 'any']],
  ] as const)('a seeker with %s sees what the matcher lets them see', (_label, level, visible) => {
      const engine = matcher();
      for (const v of vacancies) engine.addVacancy(v);
      const seen = engine.topVacanciesFor(withLevel(level), 10).map((m) => m.vacancyId);
      expect(seen.sort()).toEqual([...visible].sort());
      for (const baseline of [miniSearch(vacancies), tfidfScan(vacancies)]) {
        expect(baseline.top(withLevel(level), 10).sort(), baseline.name).toEqual([...visible].sort());
      }
  });
});
