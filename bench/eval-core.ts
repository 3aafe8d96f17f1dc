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
} from '../src/matching/index.js';
import { miniSearch, type Baseline } from './baselines.js';
import { mean, ndcgAt, recallAt, type Grades } from './metrics.js';

/** The labelled matching set: vacancies, seekers and graded relevance, in test/fixtures/match-eval. */
export const EVAL_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'match-eval');

export interface EvalSet {
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

function readLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(join(EVAL_DIR, file), 'utf8')
    .split('\n')
    .map((line, i) => {
      const parsed = parseLine(line, schema);
      if (typeof parsed === 'string') throw new Error(`${file} line ${i + 1}: ${parsed}`);
      return parsed;
    })
    .filter((x): x is T => x !== undefined);
}

export function loadEvalSet(): EvalSet {
  const vacancies = readLines('vacancies.jsonl', vacancyLineSchema).map(toMatchVacancy);
  const seekers = readLines('seekers.jsonl', seekerLineSchema).map(toMatchSeeker);
  const qrels = qrelsSchema.parse(JSON.parse(readFileSync(join(EVAL_DIR, 'qrels.json'), 'utf8')));
  const grades = new Map<string, Map<string, number>>();
  const put = (s: string, v: string, g: number): void => void (grades.get(s) ?? grades.set(s, new Map()).get(s)!).set(v, g);
  if (Array.isArray(qrels)) for (const q of qrels) put(q.seekerId, q.vacancyId, q.grade);
  else for (const [s, byVacancy] of Object.entries(qrels)) for (const [v, g] of Object.entries(byVacancy)) put(s, v, g);
  const deadlines = vacancies.map((v) => Date.parse(v.deadline ?? '')).filter((ms) => !Number.isNaN(ms));
  const nowMs = (deadlines.length > 0 ? Math.min(...deadlines) : Date.parse('2026-03-02T09:00:00+07:00')) - 86_400_000;
  return { vacancies, seekers, grades, nowMs };
}

export interface EvalScores {
  name: string;
  ndcg10: number;
  recall10: number;
}

function score(name: string, set: EvalSet, top: (s: MatchSeeker) => string[]): EvalScores {
  const judged = set.seekers.filter((s) => set.grades.has(s.id));
  const runs = judged.map((s) => ({ ranked: top(s), grades: set.grades.get(s.id)! }));
  return { name, ndcg10: mean(runs.map((r) => ndcgAt(r.ranked, r.grades, 10))), recall10: mean(runs.map((r) => recallAt(r.ranked, r.grades, 10))) };
}

/** nDCG@10 and recall@10 of the engine and of MiniSearch over the same visible vacancies. */
export function evaluate(set: EvalSet = loadEvalSet()): EvalScores[] {
  const matcher = createDefaultMatcher({ now: () => set.nowMs });
  for (const v of set.vacancies) matcher.addVacancy(v);
  const visible = set.vacancies.filter((v) => (v.status ?? 'open') === 'open' && Date.parse(v.deadline ?? '9999-12-31T00:00:00Z') > set.nowMs);
  const baseline: Baseline = miniSearch(visible);
  return [
    score('engine', set, (s) => matcher.topVacanciesFor(s, 10).map((m) => m.vacancyId)),
    score(baseline.name, set, (s) => baseline.top(s, 10)),
  ];
}
