import { createRequire } from 'node:module';

/*
 * The parts of `natural` the engine uses, loaded by path. natural's index also loads its storage
 * backends, which call dotenv's config(): that prints banners on stdout (breaking the CLI's JSON
 * lines) and reads a .env file, while this project's configuration is the environment only.
 */
const require = createRequire(import.meta.url);
const ROOT = 'natural/lib/natural';

export interface Stemmer {
  stem(word: string): string;
}

function loadStemmer(path: string): Stemmer {
  const loaded: unknown = require(`${ROOT}/${path}`);
  if (typeof loaded !== 'object' || loaded === null || typeof (loaded as { stem?: unknown }).stem !== 'function') {
    throw new Error(`natural: ${path} does not export a stemmer; check the installed natural version (8.x expected)`);
  }
  const stemmer = loaded as { stem: (word: string) => unknown };
  return {
    stem(word: string): string {
      const out = stemmer.stem(word);
      return typeof out === 'string' && out !== '' ? out : word;
    },
  };
}

function loadWords(path: string, pick: (loaded: unknown) => unknown): ReadonlySet<string> {
  const list = pick(require(`${ROOT}/${path}`));
  if (!Array.isArray(list)) throw new Error(`natural: ${path} is not a word list; natural 8.x expected`);
  return new Set(list.filter((w): w is string => typeof w === 'string' && w !== ''));
}

const wordsOf = (loaded: unknown): unknown => (loaded as { words?: unknown }).words;

/** Indonesian stemmer (Sastrawi port): returns the root when it is in its root-word list. */
export const indonesianStemmer: Stemmer = loadStemmer('stemmers/indonesian/stemmer_id.js');
export const englishStemmer: Stemmer = loadStemmer('stemmers/porter_stemmer.js');
export const englishStopwords: ReadonlySet<string> = loadWords('util/stopwords.js', wordsOf);
export const indonesianStopwords: ReadonlySet<string> = loadWords('util/stopwords_id.js', wordsOf);
/** Sastrawi's Indonesian root words: a word found here is real, so it is never typo-corrected. */
export const indonesianRootWords: ReadonlySet<string> = loadWords(
  'stemmers/indonesian/data/kata-dasar.json',
  (loaded) => loaded,
);

/**
 * English words from natural's part-of-speech lexicon (about 92,000): a word found here was meant
 * as written ("battery" is not a slip for "bakery"), so it is never typo-corrected.
 */
export const englishWords: ReadonlySet<string> = loadWords('brill_pos_tagger/data/English/lexicon_from_posjs.json', (loaded) =>
  typeof loaded === 'object' && loaded !== null ? Object.keys(loaded).filter((w) => /^[a-z]+$/.test(w)) : loaded,
);
