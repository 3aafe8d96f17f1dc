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
  [/\bc\+\+/g, ' cpp '],
  [/\bc#/g, ' csharp '],
  [/\.net\b/g, ' dotnet '],
];
const COMBINING_MARKS = /\p{M}+/gu;
// Letters of any script and digits survive; everything else (emoji, punctuation, &, /, +) separates.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Lower-cased, accent-free, markup-free words joined by single spaces. */
export function normalizeText(text: string, maxChars: number = MAX_INPUT_CHARS): string {
  const capped = text.length > maxChars ? text.slice(0, maxChars) : text;
  return capped
    .replace(MARKUP, ' ')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(PUNCTUATED_NAMES[0]![0], PUNCTUATED_NAMES[0]![1])
    .replace(PUNCTUATED_NAMES[1]![0], PUNCTUATED_NAMES[1]![1])
    .replace(PUNCTUATED_NAMES[2]![0], PUNCTUATED_NAMES[2]![1])
    .replace(SEPARATORS, ' ')
    .trim();
}

export function splitWords(text: string, maxChars: number = MAX_INPUT_CHARS): string[] {
  const normalized = normalizeText(text, maxChars);
  if (normalized === '') return [];
  const words = normalized.split(' ');
  return words.length > MAX_WORDS ? words.slice(0, MAX_WORDS) : words;
}
