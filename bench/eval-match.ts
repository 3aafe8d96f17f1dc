/**
 * `npm run eval:match [-- --set own|independent]`: how well the engine reads chat answers (skill
 * extraction) and ranks vacancies (both labelled sets, or the one named), each against baselines
 * given the same inputs and filters.
 */
import { existsSync } from 'node:fs';
import { createDefaultMatcher } from '../src/matching/index.js';
import { EVAL_SETS, evaluate, loadEvalSet, type Comparison, type EvalSetName } from './eval-core.js';
import { ANSWERS_FILE, extractionScores, loadAnswers } from './extraction-eval.js';
import { fmt, table } from './harness.js';

console.log(`matching quality · ${new Date().toISOString()}\n`);

if (existsSync(ANSWERS_FILE)) {
  const answers = loadAnswers();
  const scores = extractionScores(createDefaultMatcher().tokenizer, answers);
  console.log(`skill extraction · ${answers.length} chat answers (test/fixtures/skill-extraction)`);
  console.log(table(['answers', 'n', 'precision', 'recall'], scores.map((s) => [s.group, String(s.answers), fmt(s.precision, 3), fmt(s.recall, 3)])));
  console.log();
}

const COMPARISONS: Record<Comparison, string> = {
  filtered: 'as they run: engine with every factor, baselines with the same education filter',
  'skill-only': 'skills alone: engine without its non-skill factors, baselines without the filter',
};

const setFlag = process.argv.indexOf('--set');
const only = setFlag >= 0 ? process.argv[setFlag + 1] : undefined;
if (only !== undefined && !(only in EVAL_SETS)) {
  console.error(`--set must be one of: ${Object.keys(EVAL_SETS).join(', ')}`);
  process.exit(2);
}

for (const name of (only !== undefined ? [only] : Object.keys(EVAL_SETS)) as EvalSetName[]) {
  const set = loadEvalSet(name);
  console.log(`ranking · ${EVAL_SETS[name].label} · ${set.vacancies.length} vacancies · ${set.grades.size} judged seekers`);
  for (const comparison of Object.keys(COMPARISONS) as Comparison[]) {
    console.log(`\n${COMPARISONS[comparison]}`);
    const rows = evaluate(set, comparison).map((s) => [s.name, fmt(s.ndcg10, 3), fmt(s.recall10, 3), fmt(s.mrr, 3)]);
    console.log(table(['ranker', 'nDCG@10', 'recall@10', 'MRR'], rows));
  }
  console.log();
}
