/**
 * How people type a skills answer in a chat, reduced to how the dictionary writes skills: modal and
 * filler words dropped ("sy bisa", "pernah", "dikit2", "jago"), reduplication undone ("bersih2",
 * "las2an"), and colloquial verb forms traced back to their base ("nyetir" → setir, "ngetik" →
 * ketik, "ngelas" → las, "ngoperasiin" → operasi). The dictionary's own phrases pass through the same
 * reading, so "bisa las" in the data and "sy bisa las" in a chat are the same words.
 */
import { foldedWords, foldText, MAX_WORDS, splitWords, wordList } from './normalize.js';

/**
 * Words that say how well or whether someone does something, never what: dropped before phrases
 * are matched, so "bisa las listrik" is read as "las listrik" (SMAW), not "bisa las" + "listrik".
 */
const FILLERS = new Set(
  `
  bisa bs bsa biza sy saya aku gw gue ane pernah prnh pnh udah udh sdh sudah dah dikit sedikit dikit2 lumayan lmyn
  jago mahir menguasai kuasai menguasi paham pham mengerti ngerti terbiasa biasa mampu sanggup dapat dpt cukup agak
  sering suka senang hobi jadi jd sbg sebagai bagian bag pengalaman pengalamn pngalaman
  tau tahu terampil handal andal berpengalaman bidang dibidang keahlian skill skills pake pakai jg juga skrg sekarang
  dulu pernh dikit2 cepet cepat
  i im can could able know knows have has having some little bit familiar skilled experienced
  experience also`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

export function isFiller(word: string): boolean {
  return FILLERS.has(word);
}

/** Chat shorthand for words the dictionary writes out: "opr prod" is "operator produksi". */
const SHORTHAND: ReadonlyMap<string, string> = new Map([
  ['opr', 'operator'], ['op', 'operator'], ['prod', 'produksi'], ['adm', 'admin'], ['admn', 'admin'], ['gdg', 'gudang'],
  ['bhs', 'bahasa'], ['bhsa', 'bahasa'], ['mbl', 'mobil'], ['brg', 'barang'], ['gmbr', 'gambar'], ['ops', 'operasional'],
  ['mtc', 'maintenance'], ['mtnc', 'maintenance'], ['tkg', 'tukang'], ['bikin', 'membuat'], ['bkin', 'membuat'],
  ['mesn', 'mesin'], ['msn', 'mesin'], ['lap', 'laporan'], ['pemb', 'pembukuan'], ['kary', 'karyawan'],
]);

/**
 * Words that turn what follows into something the person does not have: "sio blm ada", "tidak
 * bisa nyetir". Their reach ends at a conjunction or a punctuation mark.
 */
const NEGATIONS = new Set(['blm', 'belum', 'tdk', 'tidak', 'gak', 'ga', 'nggak', 'ngga', 'engga', 'enggak', 'ndak', 'no', 'not', 'never', 'tanpa', 'without']);
/** Words that turn what follows into work the person wants rather than has: "pengen pindah ke injek plastik". */
const WISHES = new Set(['pengen', 'pingin', 'pengin', 'ingin', 'cita', 'minat', 'berminat', 'tertarik', 'hope', 'want', 'wanna', 'interested', 'pindah']);
const CONJUNCTIONS = new Set(['dan', 'tapi', 'tp', 'tpi', 'serta', 'sm', 'sama', 'and', 'but', 'plus', 'atau', 'or']);

export function isConjunction(word: string): boolean {
  return CONJUNCTIONS.has(word);
}

/** What a word of a chat answer says of the person: they have it, they do not, or they wish for it. */
export const Claim = { has: 0, hasNot: 1, wishes: 2 } as const;
export type Claim = (typeof Claim)[keyof typeof Claim];

const ALL_CLAIMED: readonly Claim[] = [];

/** Per word of a list item, its {@link Claim}; an empty list when every word is claimed (the common case). */
export function claims(words: readonly string[]): readonly Claim[] {
  if (!words.some((w) => NEGATIONS.has(w) || WISHES.has(w))) return ALL_CLAIMED;
  const out = new Array<Claim>(words.length).fill(Claim.has);
  let from = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !CONJUNCTIONS.has(words[i]!)) continue;
    const reach = words.slice(from, i);
    // "belum pengen" is still a no: a negation wins over a wish.
    if (reach.some((w) => NEGATIONS.has(w))) out.fill(Claim.hasNot, from, i);
    else if (reach.some((w) => WISHES.has(w))) out.fill(Claim.wishes, from, i);
    from = i + 1;
  }
  return out;
}

// Marks that end one item of a list: a phrase never spans them, nor does a negation's or a wish's reach.
const ITEM_BREAKS = /[,;\n\r+&/|•·()]+/;

/**
 * The words of each item of a list as typed ("las, forklift + sim c" → three items), read as
 * {@link chatWords} reads them. The text is folded once, then cut at the item breaks.
 */
export function chatItems(text: string): string[][] {
  const folded = foldText(text);
  if (!folded.ascii) return folded.text.split(ITEM_BREAKS).map((item) => readChatWords(wordList(foldedWords({ text: item, ascii: false }))));
  // Most texts are ASCII: one pass over the characters cuts words and items with no regex and no
  // intermediate strings, which the index build pays for every posting.
  const items: string[][] = [];
  const t = folded.text;
  let item: string[] = [];
  let start = -1;
  let words = 0;
  for (let i = 0; i <= t.length && words < MAX_WORDS; i++) {
    const c = i < t.length ? t.charCodeAt(i) : COMMA;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      addChatWord(item, t.slice(start, i));
      words++;
      start = -1;
    }
    if (ASCII_ITEM_BREAKS.has(c)) {
      if (item.length > 0) items.push(item);
      item = [];
    }
  }
  if (item.length > 0) items.push(item);
  return items;
}

const COMMA = 44;
/** The character codes of ITEM_BREAKS below 128: , ; new line, carriage return, + & / | ( ). */
const ASCII_ITEM_BREAKS: ReadonlySet<number> = new Set([44, 59, 10, 13, 43, 38, 47, 124, 40, 41]);

const REDUPLICATED = /^([a-z]{3,})2(?:an|nya|in)?$/;

/** "bersih2" → "bersih", "las2an" → "las"; codes keep their digit ("co2", "simb2", "k3"). */
export function unreduplicate(word: string): string {
  if (!word.includes('2')) return word;
  const m = REDUPLICATED.exec(word);
  return m === null || m[1]!.startsWith('sim') ? word : m[1]!;
}

const VOWEL = /^[aiueo]/;

/**
 * Bases a colloquial verb may come from, most likely first: the nasal prefix replaced the base's
 * first letter (ny- for s or c, ng- for k, n- for t, m- for p) or was put before it (nge-, ng- before
 * a vowel), and a Jakarta-style -in suffix stands for -kan or -i. Real words are among the
 * candidates too ("nyanyi" → "sanyi" finds nothing and is harmless): the dictionary decides.
 */
export function colloquialBases(word: string): string[] {
  if (word.length < 5) return [];
  const out: string[] = [];
  const stems = word.endsWith('in') && word.length > 6 ? [word, word.slice(0, -2)] : [word];
  for (const w of stems) {
    if (w.startsWith('nge') && w.length > 5) out.push(w.slice(3));
    if (w.startsWith('ny')) out.push(`s${w.slice(2)}`, `c${w.slice(2)}`);
    else if (w.startsWith('ng')) {
      const rest = w.slice(2);
      if (VOWEL.test(rest)) out.push(rest, `k${rest}`);
    } else if (w.startsWith('n') && VOWEL.test(w.slice(1))) out.push(`t${w.slice(1)}`);
    else if (w.startsWith('m') && VOWEL.test(w.slice(1)) && !w.startsWith('me')) out.push(`p${w.slice(1)}`);
  }
  if (stems.length === 2) out.push(stems[1]!);
  return [...new Set(out)].filter((base) => base.length >= 3 && base !== word);
}

/** The words of a skill text as the phrase trie reads them, for chat answers and dictionary phrases alike. */
export function chatWords(text: string): string[] {
  return readChatWords(splitWords(text));
}

function readChatWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) addChatWord(out, word);
  return out;
}

/** Longer "words" are pasted tokens (URLs, hashes), never skills. */
const MAX_WORD_LENGTH = 40;

/** Appends a word as the phrase trie reads it, unless it is filler, too long, or repeats the word before. */
function addChatWord(out: string[], word: string): void {
  if (word.length > MAX_WORD_LENGTH) return;
  const base = SHORTHAND.get(word) ?? unreduplicate(word);
  // "kerja kerja" and "bersih2 bersih" name one thing once.
  if (isFiller(base) || out[out.length - 1] === base) return;
  out.push(base);
}
