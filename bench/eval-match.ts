/** `npm run eval:match`: nDCG@10 and recall@10 of the engine and MiniSearch on the labelled set. */
import { evaluate, loadEvalSet } from './eval-core.js';
import { fmt, table } from './harness.js';

const set = loadEvalSet();
const scores = evaluate(set);
console.log(`matching quality · ${set.vacancies.length} vacancies · ${set.grades.size} judged seekers · ${new Date().toISOString()}`);
console.log(table(['ranker', 'nDCG@10', 'recall@10'], scores.map((s) => [s.name, fmt(s.ndcg10, 3), fmt(s.recall10, 3)])));
