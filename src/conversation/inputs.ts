import { EDUCATION_LEVELS, EMPLOYMENT_TYPES, indonesianMobileToE164, type EducationLevel, type EmploymentType, type Locale } from '../domain/index.js';
import { isSkip, normalizeAnswer, readYesNo } from './answer-words.js';
import type { StepDefinition } from './flow-schema.js';
import type { Params } from './i18n.js';
import type { ConversationServices } from './services.js';

export interface ResolvedChoice {
  readonly id: string;
  /** Label in the person's language. */
  readonly label: string;
}

export type ParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string; readonly params?: Params };

export interface ParseInput {
  readonly text: string;
  readonly choiceId?: string;
  readonly step: StepDefinition;
  readonly choices: readonly ResolvedChoice[];
  readonly services: ConversationServices;
  /** The person's language, for names read back to them (skills). Default: `id`. */
  readonly locale?: Locale;
}

const MAX_ANSWER = 1000;
/** A profile holds at most 100 skill ids (seeker schema); known skills come first, so they are kept. */
const MAX_SKILLS = 100;
/** The shortest item limit of the list fields (subscription keywords: 100), so every list answer can be stored. */
const MAX_ITEM = 100;

const ok = (value: unknown): ParseResult => ({ ok: true, value });
const fail = (error: string, params?: Params): ParseResult => (params ? { ok: false, error, params } : { ok: false, error });

/** Reads one answer according to its step's input type. Pure apart from the lookup services. */
export function parseAnswer(input: ParseInput): ParseResult {
  const { step } = input;
  const text = input.text.trim();
  if (step.optional && text !== '' && isSkip(text) && step.input !== 'yes-no') return ok(null);
  if (text === '' && input.choiceId === undefined) return fail('error.empty');
  if (text.length > MAX_ANSWER) return fail('error.too-long', { max: MAX_ANSWER });
  return PARSERS[step.input](text, input);
}

type Parser = (text: string, input: ParseInput) => ParseResult;

const PARSERS: Readonly<Record<StepDefinition['input'], Parser>> = {
  none: () => ok(null),
  custom: (text) => ok(text),
  text: (text, { step }) => {
    const min = step.min ?? 1;
    const max = step.max ?? 500;
    if (!/\p{L}/u.test(text)) return fail('error.text-letters');
    if (text.length < min) return fail('error.text-short', { min });
    if (text.length > max) return fail('error.too-long', { max });
    return ok(text);
  },
  number: (text, { step }) => checkRange(readNumber(text), step, 'error.number'),
  rupiah: (text, { step }) => checkRange(readRupiah(text), step, 'error.rupiah'),
  'yes-no': (text, { choiceId }) => {
    const answer = choiceId === 'yes' ? true : choiceId === 'no' ? false : readYesNo(text);
    return answer === undefined ? fail('error.yes-no') : ok(answer);
  },
  choice: (text, { choiceId, choices, step }) => {
    const level = step.choicesFrom === 'education-levels' && choiceId === undefined ? readEducationLevel(text) : undefined;
    if (level) return ok(level);
    const choice = findChoice(choiceId ?? text, choices);
    return choice ? ok(choice.id) : fail('error.choice', { max: choices.length });
  },
  'multi-choice': (text, { choiceId, choices }) => {
    const parts = choiceId !== undefined ? [choiceId] : splitItems(text.replace(/\s+(dan|and|&)\s+/gi, ','));
    const picked = parts.flatMap((p) => (/^\d+(\s+\d+)+$/.test(p) ? p.split(/\s+/) : [p])).map((p) => findChoice(p, choices));
    if (picked.length === 0 || picked.some((c) => c === undefined)) return fail('error.multi-choice', { max: choices.length });
    return ok([...new Set(picked.map((c) => c?.id))]);
  },
  phone: (text) => {
    const phone = indonesianMobileToE164(text);
    return phone ? ok(phone) : fail('error.phone');
  },
  list: (text, { step }) => {
    const items = splitItems(text).filter((item) => item.length >= 2);
    const max = step.max ?? 20;
    if (items.length === 0) return fail('error.list');
    return ok(items.slice(0, max).map((item) => item.slice(0, MAX_ITEM).trim()));
  },
  kecamatan: (text, { services }) => {
    // A number picks from the list the step's help shows.
    const found = /^\d{1,2}$/.test(text) ? services.kecamatanNames()[Number(text) - 1] : services.findKecamatan(text);
    return found ? ok(found) : fail('error.kecamatan');
  },
  skills: (text, { services, locale }) => {
    const parsed = services.parseSkills(text, locale);
    if (parsed.ids.length === 0) return fail('error.skills');
    return ok({ ids: parsed.ids.slice(0, MAX_SKILLS), raw: text, names: parsed.names.slice(0, MAX_SKILLS) });
  },
};

function checkRange(value: number | undefined, step: StepDefinition, error: string): ParseResult {
  const min = step.min ?? 0;
  const max = step.max ?? Number.MAX_SAFE_INTEGER;
  if (value === undefined) return fail(error, { min, max });
  if (value < min || value > max) return fail('error.range', { min, max });
  return { ok: true, value };
}

/**
 * "2", "2 tahun", "2thn", "sekitar 3", "1,5" → number. Only words may surround it, so "<script>alert(1)"
 * or "1; DROP TABLE" is not read as 1; "1e9" is a billion, not 1.
 */
export function readNumber(text: string): number | undefined {
  const match = /^[\p{L}\s~±+]*?(-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?)[\p{L}\s\d.,/-]*$/u.exec(normalizeAnswer(text));
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** "5 juta", "5jt", "5,5 juta", "Rp 5.000.000", "5000000", "4.8jt" → rupiah. */
export function readRupiah(text: string): number | undefined {
  const t = normalizeAnswer(text).replace(/^rp\.?\s*/, '').replace(/\s+/g, '');
  const short = /^(\d+(?:[.,]\d+)?)(jt|juta|m|mio|million|rb|ribu|k)$/.exec(t);
  if (short?.[1] && short[2]) {
    const base = Number(short[1].replace(',', '.'));
    const factor = ['rb', 'ribu', 'k'].includes(short[2]) ? 1_000 : 1_000_000;
    return Math.round(base * factor);
  }
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d+$/.test(t)) {
    const value = Number(t);
    // "5" or "6" alone almost always means millions in a salary answer.
    return value > 0 && value < 100 ? value * 1_000_000 : value;
  }
  return undefined;
}

export function splitItems(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A choice by its number ("2"), its id, or its label (exactly, or as the unique one starting so). */
export function findChoice(answer: string, choices: readonly ResolvedChoice[]): ResolvedChoice | undefined {
  const a = normalizeAnswer(answer);
  const numbered = /^(?:no\.?|nomor|nomer|number|#)?\s*(\d{1,2})\)?$/.exec(a);
  if (numbered?.[1]) return choices[Number(numbered[1]) - 1];
  const exact = choices.find((c) => c.id.toLowerCase() === a || normalizeAnswer(c.label) === a);
  if (exact) return exact;
  const partial = choices.filter((c) => normalizeAnswer(c.label).includes(a) && a.length >= 3);
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * The education levels as choices (they read the same in both languages). S2 and S3 share a
 * button to stay within the ten choices a message may carry; typing "S3" still records S3.
 */
export function educationChoices(): ResolvedChoice[] {
  return [...EDUCATION_LEVELS.filter((level) => level !== 'S2' && level !== 'S3').map((level) => ({ id: level, label: level })), { id: 'S2', label: 'S2/S3' }];
}

/** Locale key of each employment type's label. A Record, so a new type cannot go without one. */
const EMPLOYMENT_TYPE_LABELS: Readonly<Record<EmploymentType, string>> = {
  PKWT: 'jobtype.pkwt',
  PKWTT: 'jobtype.pkwtt',
  magang: 'jobtype.magang',
  harian: 'jobtype.harian',
};

/** The employment types as choices, in the domain's order, labelled in the person's language by `t`. */
export function employmentTypeChoices(t: (key: string) => string): ResolvedChoice[] {
  return EMPLOYMENT_TYPES.map((type) => ({ id: type, label: t(EMPLOYMENT_TYPE_LABELS[type]) }));
}

/** Other names people use for the levels (old school names, spelled-out degrees). */
const EDUCATION_WORDS: Readonly<Record<string, EducationLevel>> = {
  sltp: 'SMP', slta: 'SMA', stm: 'SMK', smea: 'SMK', ma: 'SMA', mts: 'SMP', sarjana: 'S1', diploma: 'D3', magister: 'S2', master: 'S2', doktor: 'S3', bachelor: 'S1', 'high school': 'SMA', 'vocational school': 'SMK',
};

/** A level typed by name ("s3", "SMK", "slta", "sarjana"), whatever the buttons offer. */
export function readEducationLevel(text: string): EducationLevel | undefined {
  const a = normalizeAnswer(text).replace(/[\s.]+/g, ' ');
  return EDUCATION_LEVELS.find((level) => level.toLowerCase() === a.replace(/ /g, '')) ?? EDUCATION_WORDS[a];
}
