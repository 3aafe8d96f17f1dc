/*
 * The posting linter: finds wording in a vacancy that shuts people out for who they are rather than
 * what they can do — age limits, looks, height and weight, marital status (and pregnancy), a
 * gender without a stated reason, religion — and the facts a job seeker needs that are missing
 * (pay, deadline, place) or wrong (a deadline already past). Indonesian job ads carry these often ("usia maks. 25 tahun",
 * "berpenampilan menarik", "TB min 160 cm", "belum menikah"); the office shows them to whoever
 * posts, names the words, and may ask for a reason before such a vacancy is opened.
 *
 * Pure: text (and the day it is read) in, warnings out. Patterns are deliberately narrow (whole words, a number where a
 * limit needs one) so an ordinary posting ("gaji menarik", "pengalaman min. 2 tahun") stays quiet.
 */

import { z } from 'zod';

/** Wording that discriminates; a vacancy with one of these may need a reason to be opened. */
export const DISCRIMINATION_CODES = ['age-limit', 'appearance', 'height-weight', 'marital-status', 'gender', 'religion'] as const;
/** Facts a seeker needs that the posting leaves out or gets wrong; shown, never blocking. */
export const FACT_CODES = ['missing-salary', 'missing-deadline', 'missing-location', 'past-deadline'] as const;

export type LintCode = (typeof DISCRIMINATION_CODES)[number] | (typeof FACT_CODES)[number];

/** One warning, as the admin API answers it. */
export const lintWarningSchema = z.object({
  code: z.enum([...DISCRIMINATION_CODES, ...FACT_CODES]),
  /** The field the words are in, or the field that is missing. */
  field: z.string(),
  /** The offending words as written; absent for a missing field. */
  words: z.string().optional(),
  /** Whether it is discriminating wording (true) or a missing or wrong fact (false). */
  discriminating: z.boolean(),
  /** What is wrong, in English (the dashboard shows its own words for the code). */
  message: z.string(),
});
export type LintWarning = Readonly<z.infer<typeof lintWarningSchema>>;

/** What the linter reads of a vacancy (a draft may lack any of it). */
export interface LintInput {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly requirements?: string | undefined;
  readonly salaryMin?: number | null | undefined;
  readonly salaryMax?: number | null | undefined;
  readonly deadline?: string | null | undefined;
  readonly kecamatan?: string | null | undefined;
}

const TEXT_FIELDS = ['title', 'description', 'requirements'] as const;

/** Text up to the end of its clause (a dot before a number, "min. 165", does not end it): a limit is written within a few words of what it limits. */
const CLAUSE = String.raw`(?:[^\n.;,()]|\.(?=\s*\d))`;
const YEARS = String.raw`(?:th|thn|tahun|years?|yrs?)\b`;

const RULES: readonly { readonly code: (typeof DISCRIMINATION_CODES)[number]; readonly pattern: RegExp }[] = [
  // "usia maksimal 25 tahun", "umur 18-25 th", "berusia di bawah 30", "age max. 27 years"
  { code: 'age-limit', pattern: new RegExp(String.raw`\b(?:usia|umur|berusia|age[d]?)\b${CLAUSE}{0,25}?\d{2}(?:\s*(?:-|–|s\.?\s?d\.?|sampai|hingga|to)\s*\d{2})?(?:\s*${YEARS})?(?:\s*ke\s*(?:bawah|atas))?`, 'gi') },
  // "maks. 25 tahun" with no word for age, unless it is experience ("pengalaman maks 10 tahun")
  { code: 'age-limit', pattern: new RegExp(String.raw`(?<!(?:pengalaman|experience|kerja)${CLAUSE}{0,20})\b(?:max(?:imum|imal)?|maks(?:imal|imum)?|min(?:imal|imum)?)\.?\s*\d{2}\s*${YEARS}`, 'gi') },
  { code: 'age-limit', pattern: new RegExp(String.raw`\b\d{2}\s*(?:years?\s+old|tahun\s+ke\s*bawah)\b`, 'gi') },
  // "berpenampilan menarik", "good looking", "wajah cantik"; "penampilan rapi" (neat) is fine
  { code: 'appearance', pattern: /\b(?:ber)?penampilan\s+(?:yang\s+)?(?:menarik|cantik|tampan)\b|\bgood[\s-]?looking\b|\bgood\s+appearance\b|\battractive\s+(?:appearance|look)|\b(?:berwajah|wajah|paras)\s+(?:cantik|tampan|menarik)\b|\b(?:cantik|tampan)\b/gi },
  // "tinggi badan min 160 cm", "TB/BB proporsional", "TB min. 165", "height 170 cm"
  { code: 'height-weight', pattern: new RegExp(String.raw`\b(?:tinggi|berat)\s+badan\b${CLAUSE}{0,25}|\b(?:tb|bb)\b\s*(?:\/\s*(?:tb|bb)\b)?${CLAUSE}{0,15}?(?:\d{2,3}\s*(?:cm|kg)?|proporsional|ideal)|\b(?:height|weight)\b${CLAUSE}{0,20}?\d{2,3}\s*(?:cm|kg)?|\bbadan\s+(?:proporsional|ideal)\b`, 'gi') },
  // "belum menikah", "status lajang", "single", "tidak hamil"
  { code: 'marital-status', pattern: /\b(?:belum|tidak)\s+(?:menikah|kawin)\b|\b(?:status\s+)?lajang\b|\bsingle\b(?![\s-]?(?:phase|fase|shift))|\bunmarried\b|\bnot\s+married\b|\btidak\s+(?:sedang\s+)?hamil\b|\bnot\s+pregnant\b/gi },
  // "beragama Islam", "muslimah", "berjilbab"; a company's own name ("RS Islam") is not flagged
  { code: 'religion', pattern: /\b(?:beragama|agama)\s+(?:islam|kristen|katolik|katholik|protestan|hindu|buddha|budha|konghucu)\b|\b(?:muslim|muslimah|nasrani|non[\s-]?muslim)\b|\b(?:ber)?(?:hijab|jilbab)\b|\b(?:christian|catholic|buddhist)\b/gi },
];

const MALE = /\b(?:pria|laki[\s-]?laki|lelaki|cowok|male)\b/gi;
const FEMALE = /\b(?:wanita|perempuan|cewek|female|women|woman)\b/gi;
/** A sentence that says why the job needs one gender ("karena asrama putri", "due to …") is not flagged. */
const REASON = /\b(?:karena|sebab|alasan|dikarenakan|mengingat|because|due\s+to|reason)\b/i;

/** Every warning for a vacancy or a draft of one, in field order and then as written; `now` decides whether the deadline has passed. */
export function lintPosting(input: LintInput, now: Date = new Date()): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (const field of TEXT_FIELDS) {
    const text = input[field];
    if (!text) continue;
    const found: Found[] = [];
    for (const { code, pattern } of RULES) {
      for (const match of text.matchAll(pattern)) found.push({ at: match.index, end: match.index + match[0].length, code, words: match[0].trim() });
    }
    found.push(...genderWithoutReason(text));
    const seen = new Set<string>();
    const ends = new Map<string, number>();
    // Earliest first, the longer of two starting together first: one phrase is one warning
    // ("usia maksimal 25 tahun", not that and "maksimal 25 tahun" again).
    for (const { at, end, code, words } of found.sort((a, b) => a.at - b.at || b.end - a.end)) {
      const key = `${code}\n${words.toLowerCase()}`;
      if (seen.has(key) || at < (ends.get(code) ?? -1)) continue;
      seen.add(key);
      ends.set(code, end);
      warnings.push({ code, field, words, discriminating: true, message: `${MESSAGES[code]}: "${words}"` });
    }
  }
  if (input.salaryMin == null && input.salaryMax == null) warnings.push(fact('missing-salary', 'salaryMin'));
  if (input.deadline == null) warnings.push(fact('missing-deadline', 'deadline'));
  else if (Date.parse(input.deadline) < now.getTime()) warnings.push(fact('past-deadline', 'deadline'));
  if (input.kecamatan == null || input.kecamatan.trim() === '') warnings.push(fact('missing-location', 'kecamatan'));
  return warnings;
}

interface Found {
  readonly at: number;
  readonly end: number;
  readonly code: (typeof DISCRIMINATION_CODES)[number];
  readonly words: string;
}

/** Sentences (or list items) naming one gender only, and no reason for it. "Pria/Wanita" names both. */
function genderWithoutReason(text: string): Found[] {
  const out: Found[] = [];
  for (const sentence of text.matchAll(/[^\n.;•]+/g)) {
    const part = sentence[0];
    const male = [...part.matchAll(MALE)];
    const female = [...part.matchAll(FEMALE)];
    if ((male.length > 0) === (female.length > 0) || REASON.test(part)) continue;
    const first = male[0] ?? female[0];
    if (first) out.push({ at: sentence.index + first.index, end: sentence.index + first.index + first[0].length, code: 'gender', words: first[0] });
  }
  return out;
}

function fact(code: (typeof FACT_CODES)[number], field: string): LintWarning {
  return { code, field, discriminating: false, message: MESSAGES[code] };
}

const MESSAGES: Readonly<Record<LintCode, string>> = {
  'age-limit': 'an age limit shuts out able people for their age',
  appearance: 'a demand on looks has nothing to do with the work',
  'height-weight': 'a height or weight limit needs a reason the work requires it',
  'marital-status': 'marital status or pregnancy must not decide who may apply',
  gender: 'one gender without a reason the work requires it',
  religion: 'religion must not decide who may apply',
  'missing-salary': 'no pay given: seekers skip postings without one',
  'missing-deadline': 'no deadline given',
  'missing-location': 'no kecamatan given: seekers need to know where the work is',
  'past-deadline': 'the deadline has passed: once open, nobody will see the vacancy',
};

/** Whether any warning is discriminating wording (what a reason may be asked for). */
export function hasDiscriminatingWording(warnings: readonly LintWarning[]): boolean {
  return warnings.some((w) => w.discriminating);
}
