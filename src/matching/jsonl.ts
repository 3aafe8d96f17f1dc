import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { EDUCATION_LEVELS, EMPLOYMENT_TYPES } from '../vocabulary.js';
import type { MatchSeeker, MatchVacancy } from './types.js';

/*
 * JSONL record shapes of the `match` command (documented in README.md, "`match`: JSONL input and
 * output"). They are flatter than the domain types, for hand-written files and exports from other
 * systems.
 */

const text = (max: number) => z.string().max(max);
const phrases = z.array(text(200)).max(100);
const isoDate = z.iso.datetime({ offset: true });
const level = z.enum(EDUCATION_LEVELS);

export const vacancyLineSchema = z.object({
  id: z.string().trim().min(1).max(64),
  title: text(200).trim().min(1),
  company: z.union([text(200), z.object({ id: z.string().max(64).optional(), name: text(200) })]),
  description: text(20_000).optional(),
  requirements: text(20_000).optional(),
  requiredSkills: phrases.optional(),
  preferredSkills: phrases.optional(),
  minEducation: level.optional(),
  minExperienceYears: z.number().min(0).max(60).optional(),
  kecamatan: text(100),
  estate: text(100).optional(),
  salaryMin: z.number().min(0).optional(),
  salaryMax: z.number().min(0).optional(),
  employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
  quota: z.number().int().min(0).optional(),
  localQuota: z.number().int().min(0).optional(),
  deadline: isoDate.optional(),
  status: z.enum(['draft', 'open', 'closed']).optional(),
  openedAt: isoDate.optional(),
});

export const seekerLineSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: text(200).optional(),
  kecamatan: text(100).optional(),
  ktpBekasi: z.boolean().optional(),
  education: level.optional(),
  major: text(200).optional(),
  skills: z.union([text(5000), phrases]),
  experienceYears: z.number().min(0).max(60).optional(),
  experienceText: text(5000).optional(),
  certifications: phrases.optional(),
  wantedPositions: phrases.optional(),
  jobTypes: z.array(z.enum(EMPLOYMENT_TYPES)).max(4).optional(),
  expectedSalary: z.number().min(0).max(1_000_000_000).optional(),
  shiftWilling: z.boolean().optional(),
});

export function toMatchVacancy(line: z.infer<typeof vacancyLineSchema>): MatchVacancy {
  return { ...line, company: typeof line.company === 'string' ? { name: line.company } : line.company };
}

export function toMatchSeeker(line: z.infer<typeof seekerLineSchema>): MatchSeeker {
  return {
    id: line.id,
    skills: typeof line.skills === 'string' ? { raw: line.skills } : { raw: line.skills.join(', ') },
    ...(line.kecamatan !== undefined ? { domicile: { kecamatan: line.kecamatan, ktpBekasi: line.ktpBekasi ?? false } } : {}),
    ...(line.education !== undefined ? { education: { level: line.education, ...(line.major !== undefined ? { major: line.major } : {}) } } : {}),
    ...(line.experienceYears !== undefined || line.experienceText !== undefined
      ? { experience: { years: line.experienceYears ?? 0, text: line.experienceText ?? '' } }
      : {}),
    certifications: line.certifications ?? [],
    wantedPositions: line.wantedPositions ?? [],
    wantedJobTypes: line.jobTypes ?? [],
    ...(line.expectedSalary !== undefined ? { expectedSalary: line.expectedSalary } : {}),
    ...(line.shiftWilling !== undefined ? { shiftWilling: line.shiftWilling } : {}),
  };
}

/** Lines past this length are rejected before JSON.parse, which keeps a hostile file bounded. */
const MAX_LINE_CHARS = 200_000;

/** Parses one line; `undefined` for a blank line, a problem string for a bad one. */
export function parseLine<T>(raw: string, schema: z.ZodType<T>): T | string | undefined {
  if (raw.trim() === '') return undefined;
  if (raw.length > MAX_LINE_CHARS) return `(line): longer than ${MAX_LINE_CHARS} characters`;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    return `(line): not valid JSON (${(cause as Error).message})`;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

/**
 * Yields each valid record of a JSONL file with its line number; a bad line goes to `onProblem`
 * as `line N: <field>: <problem>` and the reading goes on.
 */
export async function* readJsonl<T>(path: string, schema: z.ZodType<T>, onProblem: (message: string) => void): AsyncGenerator<{ line: number; record: T }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const result = parseLine(raw, schema);
    if (typeof result === 'string') onProblem(`line ${n}: ${result}`);
    else if (result !== undefined) yield { line: n, record: result };
  }
}
