import { describe, expect, it } from 'vitest';
import { demoSeeker, demoVacancy } from '../../src/demo/index.js';
import { FeatureExtractor, type VacancyFeatures } from '../../src/matching/features.js';
import { loadKecamatanTable, loadMajorTable, loadSkillsDictionary, type MatchVacancy } from '../../src/matching/index.js';
import { scorePair, type ScoreContext } from '../../src/matching/pair-score.js';
import { roleWeights, withScoringDefaults, type ScoringOptions } from '../../src/matching/scoring.js';
import { SkillTokenizer } from '../../src/matching/tokenizer.js';
import { VacancyIndex } from '../../src/matching/vacancy-index.js';
import { DAY, NOW } from './fixtures.js';

const dictionary = loadSkillsDictionary();
const kecamatan = loadKecamatanTable();
const majors = loadMajorTable();
const tokenizer = new SkillTokenizer(dictionary);

/** Majors some vacancies ask for, so that the index judges their gates as the direct score does. */
const MAJOR_LINES = ['- Pendidikan minimal SMK jurusan Teknik Mesin/Otomotif', '- Lulusan SMK jurusan Akuntansi', '- Pendidikan min SMK jurusan teknik'];

/** A mixed population: open, closed, past-deadline, soon-closing and no-deadline vacancies, some asking for majors. */
function population(n: number): MatchVacancy[] {
  return Array.from({ length: n }, (_, i) => {
    const demo = demoVacancy(i, 5, new Date(NOW));
    const v: MatchVacancy = i % 4 === 0 ? { ...demo, requirements: `${MAJOR_LINES[i % 3]!}\n${demo.requirements ?? ''}` } : demo;
    if (i % 17 === 0) return { ...v, status: 'closed' };
    if (i % 13 === 0) return { ...v, status: 'open', deadline: new Date(NOW - DAY).toISOString() };
    if (i % 11 === 0) return { ...v, status: 'open', deadline: undefined };
    return { ...v, status: 'open', deadline: new Date(NOW + (i % 40) * DAY).toISOString() };
  });
}

function setup(options: Partial<ScoringOptions> = {}): { index: VacancyIndex; all: VacancyFeatures[]; ctx: ScoreContext; extract: FeatureExtractor } {
  const scoring = withScoringDefaults(options);
  const extract = new FeatureExtractor(tokenizer, kecamatan, majors, scoring);
  const index = new VacancyIndex();
  const all = population(1500).map((v) => extract.vacancy(v));
  all.forEach((f) => index.upsert(f));
  // Edits and removals leave free slots behind: the index must not score stale slot data.
  for (let i = 0; i < 1500; i += 7) index.remove(all[i]!.id);
  for (let i = 0; i < 1500; i += 14) index.upsert(all[i]!);
  const live = all.filter((f) => index.get(f.id) === f);
  const ctx: ScoreContext = {
    options: scoring,
    weights: roleWeights(scoring),
    idf: (term) => index.idf(term),
    nowMs: NOW,
    distanceKm: (a, b) => (a < 0 || b < 0 ? -1 : kecamatan.distanceKm(a, b)),
  };
  return { index, all: live, ctx, extract };
}

/** The k best by scoring every stored vacancy directly: what the index must reproduce. */
function fullScan(all: readonly VacancyFeatures[], s: Parameters<typeof scorePair>[0], ctx: ScoreContext, k: number): { id: string; score: number }[] {
  return all
    .map((v) => ({ id: v.id, score: scorePair(s, v, ctx) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('forward index against a full scan', () => {
  for (const [name, options] of [
    ['default scoring', {}],
    ['soft education', { softEducation: true }],
  ] as const) {
    it(`returns the same top 10 as scoring every vacancy (${name})`, () => {
      const { index, all, ctx, extract } = setup(options);
      expect(all.filter((v) => v.majors.length > 0).length).toBeGreaterThan(300);
      for (let i = 0; i < 60; i++) {
        const s = extract.seeker(demoSeeker(i, 9, new Date(NOW)));
        const got = index.top(s, 10, ctx);
        const want = fullScan(all, s, ctx, 10);
        expect(got.map((x) => x.score)).toHaveLength(want.length);
        got.forEach((x, j) => {
          expect(x.score).toBeCloseTo(want[j]!.score, 9);
          // Ties may come in either order, but every returned vacancy must earn its score.
          expect(scorePair(s, x.vacancy, ctx)).toBeCloseTo(x.score, 9);
        });
      }
    });
  }
});
