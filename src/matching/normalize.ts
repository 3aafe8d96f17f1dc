/**
 * Text normalisation shared by the tokenizer, the skills dictionary and kecamatan lookup, so that
 * a phrase in the data file and the same phrase typed in a chat reduce to the same words.
 */

/** Longer input is cut before any regex runs, which keeps every call bounded in time. */
export const MAX_INPUT_CHARS = 4000;
/** A skill text past this many words is noise for matching (descriptions are capped too). */
export const MAX_WORDS = 600;

const MARKUP = /<[^<>]{0,200}>|&[a-z]{2,8};|&#\d{1,6};/g;
// Names whose meaning lives in punctuation, rewritten before punctuation becomes a separator.
const PUNCTUATED_NAMES: readonly [RegExp, string][] = [
  [/\bc\+\+/gi, ' cpp '],
  [/\bc#/gi, ' csharp '],
  [/\.net\b/gi, ' dotnet '],
];

/** Tags and HTML entities become spaces: pasted postings carry them. */
export function stripMarkup(text: string): string {
  return text.includes('<') || text.includes('&') ? text.replace(MARKUP, ' ') : text;
}

/** "C++", "C#" and ".NET" spelled out, so that splitting on punctuation keeps them. */
export function spellOutPunctuatedNames(text: string): string {
  if (!text.includes('+') && !text.includes('#') && !text.includes('.net')) return text;
  return text.replace(PUNCTUATED_NAMES[0]![0], PUNCTUATED_NAMES[0]![1]).replace(PUNCTUATED_NAMES[1]![0], PUNCTUATED_NAMES[1]![1]).replace(PUNCTUATED_NAMES[2]![0], PUNCTUATED_NAMES[2]![1]);
}
const COMBINING_MARKS = /\p{M}+/gu;
// Letters of any script and digits survive; everything else (emoji, punctuation, &, /, +) separates.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** No code point above 0x7f (the negated class avoids a control-character range). */
const ASCII_ONLY = /^[^\u0080-\uffff]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;

/** Text lower-cased, accent-free, markup-free and with punctuated names spelled out; punctuation still in place. */
export interface FoldedText {
  readonly text: string;
  /** Plain ASCII: the cheaper separator pattern gives the same words. */
  readonly ascii: boolean;
}

export function foldText(text: string, maxChars: number = MAX_INPUT_CHARS): FoldedText {
  const capped = text.length > maxChars ? text.slice(0, maxChars) : text;
  // Most postings and chat answers are plain ASCII: NFKD and combining marks leave ASCII as it is,
  // and its letters and digits are [a-z0-9] once lower-cased, so the cheaper regexes give the same
  // words. This was a sixth of the index build time.
  const ascii = ASCII_ONLY.test(capped);
  const unmarked = stripMarkup(capped);
  const folded = ascii ? unmarked : unmarked.normalize('NFKD').replace(COMBINING_MARKS, '');
  return { text: spellOutPunctuatedNames(folded.toLowerCase()), ascii };
}

/** The words of folded text (or of a piece of it) joined by single spaces. */
export function foldedWords(folded: FoldedText): string {
  return folded.text.replace(folded.ascii ? ASCII_SEPARATORS : SEPARATORS, ' ').trim();
}

/** Lower-cased, accent-free, markup-free words joined by single spaces. */
export function normalizeText(text: string, maxChars: number = MAX_INPUT_CHARS): string {
  return foldedWords(foldText(text, maxChars));
}

export function splitWords(text: string, maxChars: number = MAX_INPUT_CHARS): string[] {
  return wordList(normalizeText(text, maxChars));
}

/** Space-joined normalised words as a list, at most MAX_WORDS of them. */
export function wordList(normalized: string): string[] {
  if (normalized === '') return [];
  const words = normalized.split(' ');
  return words.length > MAX_WORDS ? words.slice(0, MAX_WORDS) : words;
}
