/**
 * Numbers people spell out in a chat, in Indonesian and English: "dua", "dua belas", "dua puluh
 * lima", "seratus", "satu setengah", "setengah", "two", "twenty-five", "half a", "a … and a half".
 * They are rewritten as figures so that one reader of figures serves both ("dua tahun" → "2 tahun",
 * "enam setengah juta" → "6.5 juta"). Pure.
 */

const ONES: Readonly<Record<string, number>> = {
  nol: 0, kosong: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

/** Whole words that are a number on their own. */
const WHOLE: Readonly<Record<string, number>> = {
  sepuluh: 10, sebelas: 11, seratus: 100, seribu: 1000,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

const HALF = new Set(['setengah', 'separuh', 'half']);

/** "setahun", "sebulan", "sejuta": one of the unit that follows "se-". */
const ONE_OF = /^se(tahun|bulan|juta|minggu)$/;

/** Words that say "some" without a number: the answer needs one, so the person is asked for it. */
export const VAGUE_AMOUNTS: ReadonlySet<string> = new Set(['belasan', 'puluhan', 'beberapa', 'banyak', 'several', 'few', 'many', 'some', 'lots']);

/** Units that "a"/"an" can count: "a year", "a month". */
const A_UNIT = /^(?:years?|yrs?|months?)$/;

const FIGURE = /^-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/;

/**
 * `text` (already lowercased and folded by normalizeAnswer) with spelled-out numbers as figures,
 * a decimal comma as a point, and a figure glued to its unit split off ("2thn" → "2 thn").
 */
export function figuresFromWords(text: string): string {
  const words = text
    .replace(/(\d)(?!e[+-]?\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])-([a-z])/g, '$1 $2')
    .split(' ')
    .filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const last = out.length - 1;
    const previous = out[last];
    if (FIGURE.test(word)) {
      out.push(word.replace(',', '.'));
    } else if (HALF.has(word)) {
      // "satu setengah" and "one and a half" are 1.5; "setengah" alone, or "half a" (year), is 0.5.
      const whole = previous === 'and' || previous === 'dan' ? out[last - 1] : previous;
      if (whole !== undefined && /^\d+$/.test(whole)) {
        if (whole !== previous) out.pop();
        out[out.length - 1] = String(Number(whole) + 0.5);
      } else out.push('0.5');
      if (next === 'a' || next === 'an') i++;
    } else if (word in ONES) {
      const [value, used] = indonesianCompound(ONES[word] ?? 0, words, i + 1);
      out.push(String(value));
      i += used;
    } else if (word in WHOLE) {
      // "twenty five", "twenty-five"
      const tens = WHOLE[word] ?? 0;
      const ones = tens >= 20 && tens < 100 && next !== undefined ? (ONES[next] ?? 0) : 0;
      out.push(String(tens + ones));
      if (ones > 0) i++;
    } else if (ONE_OF.test(word)) {
      out.push('1', word.slice(2));
    } else if ((word === 'a' || word === 'an') && next !== undefined && (HALF.has(next) || A_UNIT.test(next))) {
      // "a year" is one; the "a" of "and a half" says nothing more than "half".
      if (!HALF.has(next)) out.push('1');
    } else {
      out.push(word);
    }
  }
  return out.join(' ');
}

/** "dua" + "belas" (12), "dua puluh lima" (25), "dua ratus" (200): the value and how many more words it took. */
function indonesianCompound(value: number, words: readonly string[], at: number): [number, number] {
  const next = words[at];
  if (next === 'belas') return [value + 10, 1];
  if (next === 'ratus') return [value * 100, 1];
  if (next !== 'puluh') return [value, 0];
  const ones = ONES[words[at + 1] ?? ''];
  return ones === undefined ? [value * 10, 1] : [value * 10 + ones, 2];
}
