import type { PhraseTrie } from './phrase-trie.js';
import { phoneticKey } from './phonetic.js';
import type { WordForms } from './word-forms.js';

const CACHE_LIMIT = 100_000;
const MIN_SPLIT_LENGTH = 6;
const MIN_PART = 2;
/** Words after a rejoined or split word that may still belong to its phrase. */
const LOOKAHEAD = 6;

/** A word taken only as written (or spelled alike): a guessed word boundary gets no typo on top. */
function literalForms(raw: string): WordForms {
  return { raw, root: raw, keys: [raw], porter: raw, phonetic: phoneticKey(raw), startBudget: 0, innerBudget: 0, stop: false, real: false };
}

const isLetters = (word: string): boolean => /^[a-z]+$/.test(word);

/**
 * Word boundaries people move: "fork lift", "gen set" and "pay roll" written apart, "alatberat" and
 * "dataentry" run together. Tried only where no phrase starts as written, and only on exact or
 * phonetic keys, so a guessed boundary never adds a guessed spelling.
 */
export class CompoundReader {
  private readonly splits = new Map<string, readonly [string, string] | null>();

  constructor(private readonly trie: PhraseTrie) {}

  /** A phrase starting at word `i` once it is joined with the next word or split in two; `end` counts input words. */
  matchAt(words: readonly string[], forms: readonly WordForms[], i: number): { skillId: string; end: number } | undefined {
    if (i + 1 < words.length && !forms[i]!.stop && !forms[i + 1]!.stop) {
      const joined = this.joinedForms(words[i]!, words[i + 1]!);
      const match = joined === null ? undefined : this.trie.matchAt([joined, ...forms.slice(i + 2, i + 2 + LOOKAHEAD)], 0);
      if (match !== undefined) return { skillId: match.skillId, end: i + 1 + match.end };
    }
    const split = this.splitOf(words[i]!);
    if (split === null) return undefined;
    const match = this.trie.matchAt([literalForms(split[0]), literalForms(split[1]), ...forms.slice(i + 1, i + 1 + LOOKAHEAD)], 0);
    return match !== undefined && match.end >= 2 ? { skillId: match.skillId, end: i + match.end - 1 } : undefined;
  }

  /** The two words as one, when a phrase begins with that word as written ("fork" + "lift"); null otherwise. */
  private joinedForms(a: string, b: string): WordForms | null {
    // Most pairs of a posting start no dictionary word: a set lookup turns them away before any string is built.
    if (!this.trie.startsAWord(a)) return null;
    const candidate = literalForms(a + b);
    return this.trie.startsWith([candidate]) ? candidate : null;
  }

  /** The first split of `word` into two parts that a dictionary phrase begins with. */
  private splitOf(word: string): readonly [string, string] | null {
    let cached = this.splits.get(word);
    if (cached === undefined) {
      cached = null;
      if (word.length >= MIN_SPLIT_LENGTH && isLetters(word)) {
        for (let k = MIN_PART; k <= word.length - MIN_PART && cached === null; k++) {
          const parts = [word.slice(0, k), word.slice(k)] as const;
          if (this.trie.startsWith(parts.map(literalForms))) cached = parts;
        }
      }
      if (this.splits.size >= CACHE_LIMIT) this.splits.clear();
      this.splits.set(word, cached);
    }
    return cached;
  }
}
