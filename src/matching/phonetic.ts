/**
 * A spelling-independent key for a word, so that the ways people spell borrowed words in a chat
 * meet the dictionary's spelling: "sekuriti" and "security", "kwaliti" and "quality", "mekanik"
 * and "mechanic", "forkliftt" and "forklift" share a key. Typos are then forgiven on these keys,
 * which leaves the edit budget for real slips instead of spending it on English spelling.
 *
 * Words under four letters keep their letters: "sim c" must never meet "sim k".
 */
const RULES: readonly [RegExp, string][] = [
  [/ph/g, 'f'],
  [/xc/g, 'ks'],
  [/(?:ch|ck|q|c)/g, 'k'],
  [/x/g, 'ks'],
  [/v/g, 'f'],
  [/z/g, 's'],
  [/th/g, 't'],
  [/(?<=[bcdfghjklmnpqrstvwxz])w/g, 'u'],
  [/[ts]ion/g, 'si'],
  [/y/g, 'i'],
  [/ee/g, 'i'],
  [/oo/g, 'u'],
  [/(.)\1+/g, '$1'],
];

const MIN_LENGTH = 4;

export function phoneticKey(word: string): string {
  if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return word;
  let key = word;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}
