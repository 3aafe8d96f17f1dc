import { parseArgs } from 'node:util';
import { createDefaultMatcher } from './data-files.js';
import { MatchingDataError } from './errors.js';
import type { LocalizedText, MatchReason } from './explain.js';
import { readJsonl, seekerLineSchema, toMatchSeeker, toMatchVacancy, vacancyLineSchema } from './jsonl.js';

/** Renders a match's reasons as one line per language (the CLI passes the chat's own renderer and words). */
export type ExplainReasons = (reasons: readonly MatchReason[]) => LocalizedText;

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = `usage: lokerbot match --vacancies V.jsonl --seekers S.jsonl [--top 10] [--now ISO-datetime]
  Prints one JSON line per seeker: {"seekerId","matches":[{"vacancyId","score","reasons":[...],"explanation"}]}, best first.
  Bad input lines are reported on stderr as "<file> line N: <field>: <problem>" and skipped.`;

interface MatchArgs {
  vacancies: string;
  seekers: string;
  top: number;
  now: number | undefined;
}

function parseMatchArgs(argv: string[]): MatchArgs | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { vacancies: { type: 'string' }, seekers: { type: 'string' }, top: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (cause) {
    return (cause as Error).message;
  }
  if (values.help === true) return '';
  if (values.vacancies === undefined || values.seekers === undefined) return '--vacancies and --seekers are both required';
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 1000) return `--top must be a whole number from 1 to 1000, got "${values.top}"`;
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now)) return `--now must be an ISO date-time such as 2026-03-01T08:00:00+07:00, got "${values.now}"`;
  return { vacancies: values.vacancies, seekers: values.seekers, top, now };
}

/** `match`: ranks the vacancies of one JSONL file for every seeker of another. Returns the exit code. */
export async function runMatchCommand(argv: string[], io: CliIo, explain?: ExplainReasons): Promise<number> {
  const args = parseMatchArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(args === '' ? `${USAGE}\n` : `match: ${args}\n${USAGE}\n`);
    return args === '' ? 0 : 2;
  }
  try {
    const matcher = createDefaultMatcher(args.now === undefined ? {} : { now: () => args.now! });
    const report = (file: string) => (message: string) => void io.stderr.write(`${file} ${message}\n`);
    for await (const { record } of readJsonl(args.vacancies, vacancyLineSchema, report(args.vacancies))) {
      matcher.addVacancy(toMatchVacancy(record));
    }
    for await (const { record } of readJsonl(args.seekers, seekerLineSchema, report(args.seekers))) {
      const matches = matcher.topVacanciesFor(toMatchSeeker(record), args.top).map((m) => (explain ? { ...m, explanation: explain(m.reasons) } : m));
      io.stdout.write(`${JSON.stringify({ seekerId: record.id, matches })}\n`);
    }
    return 0;
  } catch (error) {
    const message = error instanceof MatchingDataError ? error.message : `cannot read input: ${(error as Error).message}`;
    io.stderr.write(`match: ${message}\n`);
    return 1;
  }
}
