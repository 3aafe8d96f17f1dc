import { EDUCATION_LEVELS, EMPLOYMENT_TYPES, indonesianMobileToE164, type EducationLevel, type EmploymentType } from '../domain/index.js';
import { readNumber, readRupiah, readYears } from './amounts.js';
import { isSkip, normalizeAnswer, readYesNo, splitItems } from './answer-words.js';
import type { StepDefinition } from './flow-schema.js';
import { fail, ok, type ParseInput, type ParseResult, type ResolvedChoice } from './parse-result.js';
import { readName } from './person-name.js';
import { readDesa, readKecamatan } from './places.js';

export type { ParseInput, ParseResult, ResolvedChoice } from './parse-result.js';

const MAX_ANSWER = 1000;
/** A profile holds at most 100 skill ids (seeker schema); known skills come first, so they are kept. */
const MAX_SKILLS = 100;
/** The shortest item limit of the list fields (subscription keywords: 100), so every list answer can be stored. */
const MAX_ITEM = 100;


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
  years: (text, { step }) => {
    const years = readYears(text);
    return years === 'vague' ? fail('error.years-vague') : checkRange(years, step, 'error.years');
  },
  rupiah: (text, { step, minimumWage }) => checkRange(readRupiah(text, minimumWage), step, 'error.rupiah'),
  name: readName,
  desa: readDesa,
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
  kecamatan: readKecamatan,
  skills: (text, { services, locale }) => {
    const parsed = services.parseSkills(text, locale);
    if (parsed.ids.length === 0) return fail('error.skills');
    return ok({ ids: parsed.ids.slice(0, MAX_SKILLS), raw: text, names: parsed.names.slice(0, MAX_SKILLS), unknown: parsed.unknown.slice(0, MAX_SKILLS) });
  },
};

function checkRange(value: number | undefined, step: StepDefinition, error: string): ParseResult {
  const min = step.min ?? 0;
  const max = step.max ?? Number.MAX_SAFE_INTEGER;
  if (value === undefined) return fail(error, { min, max });
  if (value < min || value > max) return fail('error.range', { min, max });
  return { ok: true, value };
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
