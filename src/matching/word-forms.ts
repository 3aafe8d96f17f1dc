import { colloquialBases } from './chat-words.js';
import { typoBudget } from './edit-distance.js';
import { englishStemmer, englishWords, indonesianRootWords, indonesianStemmer } from './natural-parts.js';
import { phoneticKey } from './phonetic.js';
import { isStopword } from './stopwords.js';

/** One word in every form the phrase trie may know it by; computed once per distinct word and cached. */
export interface WordForms {
  readonly raw: string;
  /** Indonesian root (Sastrawi), or the word itself. */
  readonly root: string;
  /** Exact keys to try, most likely first: the word, its root, the bases of a colloquial form and their roots. */
  readonly keys: readonly string[];
  /** Porter stem: lets "operators" reach "operator". */
  readonly porter: string;
  /** Spelling-independent key ({@link phoneticKey}): typos are forgiven on it. */
  readonly phonetic: string;
  /**
   * Edits forgiven when the word starts a phrase. A real Indonesian word (a root, or one Sastrawi
   * can reduce) is taken as written unless it is long and one edit from a dictionary word: "kelas"
   * stays "kelas", while "forklif" (in Sastrawi's root list) still reaches "forklift". An English
   * word is always taken as written.
   */
  readonly startBudget: number;
  /** Edits forgiven inside a phrase, where the words before it already vouch for the reading. */
  readonly innerBudget: number;
  readonly stop: boolean;
  /** A real Indonesian word rather than a typo or a borrowing. */
  readonly real: boolean;
}

const HAS_DIGIT = /\d/;
const MIN_REAL_WORD_CORRECTION = 6;

export function computeWordForms(raw: string): WordForms {
  const stop = isStopword(raw);
  if (HAS_DIGIT.test(raw) || !/^[a-z]+$/.test(raw)) {
    return { raw, root: raw, keys: [raw], porter: raw, phonetic: raw, startBudget: 0, innerBudget: 0, stop, real: false };
  }
  const root = indonesianStemmer.stem(raw);
  const bases = colloquialBases(raw);
  const keys = [...new Set([raw, root, ...bases, ...bases.map((b) => indonesianStemmer.stem(b))])];
  const real = root !== raw || indonesianRootWords.has(raw);
  const budget = stop || englishWords.has(raw) ? 0 : typoBudget(raw.length);
  return {
    raw,
    root,
    keys,
    porter: englishStemmer.stem(raw),
    phonetic: phoneticKey(raw),
    startBudget: real ? (raw.length >= MIN_REAL_WORD_CORRECTION ? Math.min(1, budget) : 0) : budget,
    innerBudget: budget,
    stop,
    real,
  };
}
