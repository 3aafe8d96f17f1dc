import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  createDefaultMatcher,
  parseLine,
  seekerLineSchema,
  toMatchSeeker,
  toMatchVacancy,
  vacancyLineSchema,
  type MatchSeeker,
  type MatchVacancy,
  type ScoringOptions,
} from '../src/matching/index.js';
import { miniSearch, tfidfScan, type Baseline } from './baselines.js';
import { mean, mrr, ndcgAt, recallAt, type Grades } from './metrics.js';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');

/**
 * The labelled ranking sets: the project's own (written with the dictionary), a development set by
 * an independent writer (tuned against), and a held-out set by another (never tuned against).
 */
export const EVAL_SETS = {
  own: { dir: join(FIXTURES, 'match-eval'), label: 'own set (written with the dictionary)' },
  dev: { dir: join(FIXTURES, 'match-eval-3'), label: 'development set (independent writer, tuned against)' },
  independent: { dir: join(FIXTURES, 'match-eval-2'), label: 'held-out set (independent writer, frozen before tuning)' },
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

export interface EvalSet {
  name: EvalSetName;
  vacancies: MatchVacancy[];
  seekers: MatchSeeker[];
  grades: Map<string, Grades>;
  /**
   * The set's fixed "today": a day before its earliest deadline. The labels grade every open
   * vacancy, so none may expire in the evaluation, and the result must not drift with the clock.
   */
  nowMs: number;
}

const qrelsSchema = z.union([
  z.record(z.string(), z.record(z.string(), z.number().int().min(0).max(3))),
  z.array(z.object({ seekerId: z.string(), vacancyId: z.string(), grade: z.number().int().min(0).max(3) })),
]);

function readLines<T>(dir: string, file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .map((line, i) => {
      const parsed = parseLine(line, schema);
      if (typeof parsed === 'string') throw new Error(`${file} line ${i + 1}: ${parsed}`);
      return parsed;
    })
    .filter((x): x is T => x !== undefined);
}

export function loadEvalSet(name: EvalSetName = 'own'): EvalSet {
  const dir = EVAL_SETS[name].dir;
  const vacancies = readLines(dir, 'vacancies.jsonl', vacancyLineSchema).map(toMatchVacancy);
  const seekers = readLines(dir, 'seekers.jsonl', seekerLineSchema).map(toMatchSeeker);
  const qrels = qrelsSchema.parse(JSON.parse(readFileSync(join(dir, 'qrels.json'), 'utf8')));
  const grades = new Map<string, Map<string, number>>();
  const put = (s: string, v: string, g: number): void => void (grades.get(s) ?? grades.set(s, new Map()).get(s)!).set(v, g);
  if (Array.isArray(qrels)) for (const q of qrels) put(q.seekerId, q.vacancyId, q.grade);
  else for (const [s, byVacancy] of Object.entries(qrels)) for (const [v, g] of Object.entries(byVacancy)) put(s, v, g);
  const deadlines = vacancies.map((v) => Date.parse(v.deadline ?? '')).filter((ms) => !Number.isNaN(ms));
  const nowMs = (deadlines.length > 0 ? Math.min(...deadlines) : Date.parse('2026-03-02T09:00:00+07:00')) - 86_400_000;
  return { name, vacancies, seekers, grades, nowMs };
}

export interface RankerScores {
  name: string;
  ndcg10: number;
  /** Relevant vacancies found in the top 10, out of all of them or 10 when there are more. */
  recall10: number;
  /** Mean reciprocal rank of the first relevant vacancy. */
  mrr: number;
}

/**
 * What each comparison lets the rankers use. `filtered`: the engine as it runs, and the baselines
 * with the hard education filter the labels apply. `skill-only`: skills alone on every side (the
 * engine without its non-skill factors and with education as a mere tie-breaker, the baselines
 * without the filter).
 */
export type Comparison = 'filtered' | 'skill-only';

/** The engine's non-skill factors switched off, for the skill-only comparison. */
const SKILL_ONLY: Partial<ScoringOptions> = {
  softEducation: true,
  educationPenalty: 1,
  experiencePenaltyPerYear: 0,
  distanceWeight: 0,
  localBoost: 0,
  freshnessWeight: 0,
  jobTypeFactor: 1,
  salaryWeight: 0,
  shiftFactor: 1,
  ktpOnlyFactor: 1,
  majorMismatchFactor: 1,
};

function score(name: string, set: EvalSet, top: (s: MatchSeeker) => string[]): RankerScores {
  const judged = set.seekers.filter((s) => set.grades.has(s.id));
  const runs = judged.map((s) => ({ ranked: top(s), grades: set.grades.get(s.id)! }));
  return {
    name,
    ndcg10: mean(runs.map((r) => ndcgAt(r.ranked, r.grades, 10))),
    recall10: mean(runs.map((r) => recallAt(r.ranked, r.grades, 10))),
    mrr: mean(runs.map((r) => mrr(r.ranked, r.grades))),
  };
}

/** nDCG@10, recall@10 and MRR of the engine (with `scoring` over the defaults) and both baselines over the same visible vacancies. */
export function evaluate(set: EvalSet = loadEvalSet(), comparison: Comparison = 'filtered', scoring: Partial<ScoringOptions> = {}): RankerScores[] {
  const matcher = createDefaultMatcher({ now: () => set.nowMs, scoring: { ...scoring, ...(comparison === 'skill-only' ? SKILL_ONLY : {}) } });
  for (const v of set.vacancies) matcher.addVacancy(v);
  const visible = set.vacancies.filter((v) => (v.status ?? 'open') === 'open' && Date.parse(v.deadline ?? '9999-12-31T00:00:00Z') > set.nowMs);
  const filter = comparison === 'filtered';
  const baselines: Baseline[] = [miniSearch(visible, { educationFilter: filter }), tfidfScan(visible, { educationFilter: filter })];
  return [
    score('engine', set, (s) => matcher.topVacanciesFor(s, 10).map((m) => m.vacancyId)),
    ...baselines.map((b) => score(b.name, set, (s) => b.top(s, 10))),
  ];
}
