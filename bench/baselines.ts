import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import { educationAdmits, type MatchSeeker, type MatchVacancy } from '../src/matching/index.js';

/*
 * The two baselines the engine is compared with: a straightforward TF-IDF scan with natural's
 * TfIdf (scores every document per query), and MiniSearch (an inverted-index full-text engine).
 * With `educationFilter` they apply the engine's one hard filter (a seeker below a vacancy's
 * minimum education) to their ranking before cutting it to k, so they are judged on the same
 * candidates as the engine. TfIdf is loaded by path because natural's index loads dotenv, which
 * prints to stdout.
 */
interface TfIdfLike {
  addDocument(document: string, key?: string): void;
  tfidfs(terms: string, callback?: (i: number, measure: number, key?: string) => void): number[];
}
const require = createRequire(import.meta.url);
const TfIdf = require('natural/lib/natural/tfidf/tfidf.js') as new () => TfIdfLike;

export function vacancyText(v: MatchVacancy): string {
  return [v.title, v.requirements ?? '', (v.requiredSkills ?? []).join(', '), (v.preferredSkills ?? []).join(', '), v.description ?? ''].join('\n');
}

/** Every text of the profile the engine reads: the baselines get the same inputs. */
export function seekerQuery(s: MatchSeeker): string {
  return [s.skills.raw ?? '', ...(s.wantedPositions ?? []), ...(s.certifications ?? []), s.experience?.text ?? '', s.education?.major ?? ''].join(' ');
}

export interface BaselineOptions {
  /** Leave out what the engine's education filter leaves out. Default true. */
  educationFilter?: boolean;
}

export interface Baseline {
  readonly name: string;
  /** Ids of the top k vacancies for a seeker. */
  top(seeker: MatchSeeker, k: number): string[];
}

/** The first k of the ranked vacancies, with the engine's education filter when asked. */
function firstK(ranked: readonly MatchVacancy[], seeker: MatchSeeker, k: number, options: BaselineOptions): string[] {
  const ids: string[] = [];
  for (const v of ranked) {
    if (ids.length === k) break;
    if (options.educationFilter === false || educationAdmits(seeker, v)) ids.push(v.id);
  }
  return ids;
}

export function tfidfScan(vacancies: readonly MatchVacancy[], options: BaselineOptions = {}): Baseline {
  const tfidf = new TfIdf();
  for (const v of vacancies) tfidf.addDocument(vacancyText(v));
  return {
    name: 'natural TfIdf scan',
    top(seeker, k) {
      const scores = tfidf.tfidfs(seekerQuery(seeker));
      const order = scores.map((score, i) => ({ score, i })).filter((x) => x.score > 0);
      order.sort((a, b) => b.score - a.score);
      return firstK(order.map((x) => vacancies[x.i]!), seeker, k, options);
    },
  };
}

interface Doc {
  id: string;
  title: string;
  description: string;
  requirements: string;
  skills: string;
}

export function miniSearch(vacancies: readonly MatchVacancy[], options: BaselineOptions = {}): Baseline {
  const byId = new Map(vacancies.map((v) => [v.id, v]));
  const index = new MiniSearch<Doc>({
    fields: ['title', 'description', 'requirements', 'skills'],
    searchOptions: { boost: { title: 2, skills: 1.5 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  index.addAll(
    vacancies.map((v) => ({
      id: v.id,
      title: v.title,
      description: v.description ?? '',
      requirements: v.requirements ?? '',
      skills: [...(v.requiredSkills ?? []), ...(v.preferredSkills ?? [])].join(', '),
    })),
  );
  return {
    name: 'MiniSearch',
    top(seeker, k) {
      return firstK(index.search(seekerQuery(seeker)).map((r) => byId.get(String(r.id))!), seeker, k, options);
    },
  };
}
