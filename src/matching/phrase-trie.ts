import { editDistanceWithin, typoBudget } from './edit-distance.js';

/** One input word in the forms the trie may match it by (built and cached by the tokenizer). */
export interface WordForms {
  readonly raw: string;
  /** Indonesian root (Sastrawi), or the word itself. */
  readonly root: string;
  /** Exact keys to try in order: the word, its Indonesian root, a slang-stripped form ("ngelas" → "las"). */
  readonly keys: readonly string[];
  /** Porter stem: lets "operators" reach "operator". */
  readonly porter: string;
  /** False for real words (Indonesian roots, stop words) and short ones: they are never typo-corrected. */
  readonly fuzzy: boolean;
  readonly stop: boolean;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  readonly porter: Map<string, TrieNode>;
  /** Child keys long enough to be typo targets, by length; built on first fuzzy lookup. */
  byLength: Map<number, string[]> | undefined;
  skillId: string | undefined;
}

const newNode = (): TrieNode => ({ children: new Map(), porter: new Map(), byLength: undefined, skillId: undefined });
const MIN_TYPO_TARGET = 5;
const FUZZY_CACHE_LIMIT = 50_000;

/**
 * Word-level trie of dictionary phrases. Longest match wins, so "operator forklift" is one skill
 * and not "operator" + "forklift". Typos are forgiven only towards keys of 5+ letters, which keeps
 * a short skill such as "las" from swallowing "kelas" or "lasi".
 */
export class PhraseTrie {
  private readonly root = newNode();
  private readonly rootFuzzyCache = new Map<string, string | null>();

  constructor(private readonly porterStem: (word: string) => string) {}

  /** Returns the id already stored under the same words, if another one was there first. */
  insert(words: readonly string[], skillId: string): string | undefined {
    let node = this.root;
    for (const word of words) {
      let child = node.children.get(word);
      if (child === undefined) {
        child = newNode();
        node.children.set(word, child);
        node.byLength = undefined;
        const stem = this.porterStem(word);
        if (word.length >= 4 && /^[a-z]+$/.test(word) && !node.porter.has(stem)) node.porter.set(stem, child);
      }
      node = child;
    }
    if (node.skillId !== undefined && node.skillId !== skillId) return node.skillId;
    node.skillId = skillId;
    return undefined;
  }

  /** The longest phrase starting at `start`, or undefined. */
  matchAt(forms: readonly WordForms[], start: number): { skillId: string; end: number } | undefined {
    let node: TrieNode | undefined = this.root;
    let best: { skillId: string; end: number } | undefined;
    for (let i = start; i < forms.length && node !== undefined; i++) {
      node = this.step(node, forms[i]!);
      if (node?.skillId !== undefined) best = { skillId: node.skillId, end: i + 1 };
    }
    return best;
  }

  private step(node: TrieNode, forms: WordForms): TrieNode | undefined {
    for (const key of forms.keys) {
      const child = node.children.get(key);
      if (child !== undefined) return child;
    }
    const byStem = node.porter.get(forms.porter);
    if (byStem !== undefined) return byStem;
    if (!forms.fuzzy) return undefined;
    const key = node === this.root ? this.cachedRootTypo(forms.raw) : this.typoKey(node, forms.raw);
    return key === null ? undefined : node.children.get(key);
  }

  private cachedRootTypo(word: string): string | null {
    let key = this.rootFuzzyCache.get(word);
    if (key === undefined) {
      if (this.rootFuzzyCache.size >= FUZZY_CACHE_LIMIT) this.rootFuzzyCache.clear();
      key = this.typoKey(this.root, word);
      this.rootFuzzyCache.set(word, key);
    }
    return key;
  }

  /** The closest child key within the typo budget of both words; ties go to the first inserted. */
  private typoKey(node: TrieNode, word: string): string | null {
    const budget = typoBudget(word.length);
    if (budget === 0) return null;
    node.byLength ??= groupByLength([...node.children.keys()].filter((k) => k.length >= MIN_TYPO_TARGET));
    for (let distance = 1; distance <= budget; distance++) {
      for (let len = word.length - distance; len <= word.length + distance; len++) {
        for (const key of node.byLength.get(len) ?? []) {
          if (typoBudget(key.length) >= distance && editDistanceWithin(word, key, distance)) return key;
        }
      }
    }
    return null;
  }
}

function groupByLength(keys: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const key of keys) {
    const list = out.get(key.length) ?? [];
    list.push(key);
    out.set(key.length, list);
  }
  return out;
}
