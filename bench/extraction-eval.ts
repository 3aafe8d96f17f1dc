import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SkillTokenizer } from '../src/matching/index.js';

/** Chat answers to "Apa saja keahlian Anda?" with the skill ids they name (test/fixtures/skill-extraction). */
export const ANSWERS_FILE = join(import.meta.dirname, '..', 'test', 'fixtures', 'skill-extraction', 'answers.jsonl');

const answerSchema = z.object({
  id: z.string(),
  text: z.string(),
  expected: z.array(z.string()).min(1),
  lang: z.enum(['id', 'en', 'mixed']),
  style: z.array(z.string()).default([]),
});
export type LabelledAnswer = z.infer<typeof answerSchema>;

export function loadAnswers(file = ANSWERS_FILE): LabelledAnswer[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = answerSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface ExtractionScores {
  readonly group: string;
  readonly answers: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * Micro-averaged precision and recall of the skill ids read from each answer against its labels.
 * A label the writer proposed as new (`new:<id>`) counts under `<id>`: missed until the dictionary
 * has it. Conditions (shift work, documents, attitude) are read but are no skills, so they count
 * on neither side.
 */
export function extractionScores(tokenizer: SkillTokenizer, answers: readonly LabelledAnswer[]): ExtractionScores[] {
  const groups = new Map<string, { answers: number; tp: number; found: number; expected: number }>();
  const add = (group: string, tp: number, found: number, expected: number): void => {
    const g = groups.get(group) ?? { answers: 0, tp: 0, found: 0, expected: 0 };
    groups.set(group, { answers: g.answers + 1, tp: g.tp + tp, found: g.found + found, expected: g.expected + expected });
  };
  for (const a of answers) {
    const { expected, found } = compare(tokenizer, a);
    const tp = [...found].filter((id) => expected.has(id)).length;
    for (const group of ['all', `lang:${a.lang}`, ...a.style.map((s) => `style:${s}`)]) add(group, tp, found.size, expected.size);
  }
  return [...groups].map(([group, g]) => ({ group, answers: g.answers, precision: g.found === 0 ? 1 : g.tp / g.found, recall: g.tp / g.expected }));
}

/** Per answer, what was read that was not asked for and what was missed: for error analysis. */
export function extractionErrors(tokenizer: SkillTokenizer, answers: readonly LabelledAnswer[]): { answer: LabelledAnswer; extra: string[]; missed: string[] }[] {
  return answers
    .map((answer) => {
      const { expected, found } = compare(tokenizer, answer);
      return { answer, extra: [...found].filter((id) => !expected.has(id)), missed: [...expected].filter((id) => !found.has(id)) };
    })
    .filter((e) => e.extra.length > 0 || e.missed.length > 0);
}

function compare(tokenizer: SkillTokenizer, answer: LabelledAnswer): { expected: Set<string>; found: Set<string> } {
  const isSkill = (id: string): boolean => tokenizer.dictionary.get(id)?.kind !== 'condition';
  const expected = new Set(answer.expected.map((id) => id.replace(/^new:/, '')).filter(isSkill));
  return { expected, found: new Set(tokenizer.tokenize(answer.text).skills.filter(isSkill)) };
}
