import { normalizeAnswer } from './answer-words.js';
import { figuresFromWords, VAGUE_AMOUNTS } from './number-words.js';

/** Only words may surround a number: "<script>alert(1)" or "1; DROP TABLE" is no number. */
const ONLY_WORDS_AND_FIGURES = /^[\p{L}\p{N}\s.,/~±+-]*$/u;
const FIGURE = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;
/** "2-3 tahun" is read as its lower end, as "2". */
const RANGE = /(\d+(?:[.,]\d+)?)\s*[-–/]\s*\d+(?:[.,]\d+)?/g;

/** A typed amount: its value, or `vague` for words like "belasan" that name no number. */
export type TypedAmount = number | 'vague' | undefined;

/**
 * "2", "2 tahun", "2thn", "sekitar 3", "1,5", "dua" → number. Only words may surround it, so
 * "<script>alert(1)" or "1; DROP TABLE" is not read as 1; "1e9" is a billion, not 1.
 */
export function readNumber(text: string): number | undefined {
  const match = /^[\p{L}\s~±+]*?(-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?)[\p{L}\s\d.,/-]*$/u.exec(figuresFromWords(normalizeAnswer(text)));
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

const YEAR_UNITS = new Set(['tahun', 'thn', 'th', 'thun', 'taun', 'year', 'years', 'yr', 'yrs']);
const MONTH_UNITS = new Set(['bulan', 'bln', 'bl', 'month', 'months', 'mo', 'mos']);
/** Ways of saying "I have never worked": zero years, as the question invites. */
const NEVER_WORKED = new Set([
  'belum pernah', 'belum pernah kerja', 'belum pernah bekerja', 'belum bekerja', 'belum kerja', 'belum ada', 'belum', 'tidak ada', 'tidak pernah', 'tidak pernah kerja', 'nihil',
  'fresh graduate', 'fresh grad', 'lulusan baru', 'none', 'never', 'no experience', 'never worked',
]);

/**
 * Years of experience as people type them: "2", "dua tahun", "setengah tahun", "6 bulan",
 * "1,5 th", "1.5 tahun", "1 tahun 6 bulan", "two years", "half a year", "a year and a half",
 * "belum pernah" (0). Months become a fraction of a year (one decimal). "belasan", "beberapa"
 * and the like are `vague`: the person is asked for the number.
 */
export function readYears(text: string): TypedAmount {
  const normalized = normalizeAnswer(text);
  if (!ONLY_WORDS_AND_FIGURES.test(normalized)) return undefined;
  if (NEVER_WORKED.has(normalized)) return 0;
  const tokens = figuresFromWords(normalized.replace(RANGE, '$1').replace(/[~±+]/g, ' ')).split(' ');
  let total = 0;
  let pending: number | undefined;
  let unit: number | undefined;
  let numbers = 0;
  let afterAnd = false;
  for (const token of tokens) {
    if (FIGURE.test(token)) {
      // Two numbers in a row ("2 3") say nothing clear.
      if (pending !== undefined) return undefined;
      pending = Number(token);
      numbers++;
      continue;
    }
    const factor = YEAR_UNITS.has(token) ? 1 : MONTH_UNITS.has(token) ? 1 / 12 : undefined;
    if (factor !== undefined && pending !== undefined) {
      total += pending * factor;
      pending = undefined;
      unit = factor;
    } else if (token === 'and' || token === 'dan') {
      afterAnd = true;
      continue;
    } else if (VAGUE_AMOUNTS.has(token) && numbers === 0) {
      return 'vague';
    }
    afterAnd = false;
  }
  if (pending !== undefined) {
    // "a year and 0.5": half of the unit before it. A bare number is years; after a unit without "and" it is unclear.
    if (unit === undefined) total += pending;
    else if (afterAnd) total += pending * unit;
    else return undefined;
  }
  if (numbers === 0) return undefined;
  return Number.isFinite(total) ? Math.round(total * 10) / 10 : undefined;
}

/** Words that may surround "UMK" ("sesuai UMK", "UMK Bekasi", "minimal UMK"): the amount is the UMK. */
const UMK = /^(?:[\p{L}\s]*\s)?(?:(\d+(?:\.\d+)?)\s*x?\s*)?umk(?:\s[\p{L}\s]*?)?(?:\s20\d\d)?$/u;

/**
 * "5 juta", "5jt", "5,5 juta", "lima juta", "enam setengah juta", "Rp 5.000.000", "5000000",
 * "4.8jt" → rupiah. With `umk` (the regency's minimum wage), "UMK", "sesuai UMK" or "1,5 UMK" too.
 */
export function readRupiah(text: string, umk?: number): number | undefined {
  const words = figuresFromWords(normalizeAnswer(text).replace(/^rp\.?\s*/, ''));
  const byUmk = UMK.exec(words);
  if (byUmk) return umk === undefined ? undefined : Math.round(umk * Number(byUmk[1] ?? 1));
  const t = words.replace(/\s+/g, '');
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
