import { editDistanceWithin, typoBudget } from './edit-distance.js';
import type { WordForms } from './word-forms.js';

interface TrieNode {
  /** By the dictionary word as written. */
  readonly children: Map<string, TrieNode>;
  /** By stem and by phonetic key; several words may share one ("lathe" and "latte"), and each is followed. */
  readonly byPorter: Map<string, TrieNode[]>;
  readonly byPhonetic: Map<string, TrieNode[]>;
  /** Phonetic keys long enough to be typo targets, by length; built on first fuzzy lookup. */
  byLength: Map<number, string[]> | undefined;
  /** Typo lookups already made from this node ("operator" + each word that does not continue it). */
  typos: Map<string, string | null> | undefined;
  skillId: string | undefined;
}

const newNode = (): TrieNode => ({
  children: new Map(),
  byPorter: new Map(),
  byPhonetic: new Map(),
  byLength: undefined,
  typos: undefined,
  skillId: undefined,
});
const MIN_TYPO_TARGET = 5;
const ROOT_STEPS_LIMIT = 200_000;
const TYPO_CACHE_LIMIT = 20_000;

/**
 * Word-level trie of dictionary phrases. Longest match wins, so "operator forklift" is one skill
 * and not "operator" + "forklift". A word steps to a child by its exact forms, then by stem, then
 * by spelling-independent key, then by a typo on that key; typos reach only keys of 5+ letters,
 * which keeps a short skill such as "las" from swallowing "kelas" or "lasi".
 */
export class PhraseTrie {
  private readonly root = newNode();
  /** Where each word steps from the root: most words of a posting recur, and most step nowhere. */
  private readonly rootSteps = new Map<WordForms, readonly TrieNode[]>();
  /** Every proper prefix of a word that starts a phrase: what a word run together must begin with. */
  private readonly startPrefixes = new Set<string>();

  /** Returns the id already stored under the same words, if another one was there first. */
  insert(words: readonly WordForms[], skillId: string): string | undefined {
    const first = words[0]?.raw ?? '';
    for (let n = 1; n < first.length; n++) this.startPrefixes.add(first.slice(0, n));
    let node = this.root;
    for (const word of words) {
      let child = node.children.get(word.raw);
      if (child === undefined) {
        child = newNode();
        node.children.set(word.raw, child);
        node.byLength = undefined;
        if (word.raw.length >= 4) addTo(node.byPorter, word.porter, child);
        addTo(node.byPhonetic, word.phonetic, child);
      }
      node = child;
    }
    if (node.skillId !== undefined && node.skillId !== skillId) return node.skillId;
    node.skillId = skillId;
    return undefined;
  }

  /**
   * The longest phrase starting at `start`, or undefined. A word may step to more than one child
   * ("ngelas" is the alias "ngelas" or the base "las"); each is followed, so "ngelas listrik" finds
   * "las listrik" (SMAW). Ties go to the likelier reading, tried first.
   */
  matchAt(forms: readonly WordForms[], start: number): { skillId: string; end: number } | undefined {
    return this.longestFrom(this.root, forms, start);
  }

  private longestFrom(node: TrieNode, forms: readonly WordForms[], i: number): { skillId: string; end: number } | undefined {
    if (i >= forms.length) return undefined;
    let best: { skillId: string; end: number } | undefined;
    for (const child of this.steps(node, forms[i]!)) {
      const here = child.skillId !== undefined ? { skillId: child.skillId, end: i + 1 } : undefined;
      const deeper = child.children.size > 0 ? this.longestFrom(child, forms, i + 1) : undefined;
      const found = deeper ?? here;
      if (found !== undefined && (best === undefined || found.end > best.end)) best = found;
    }
    return best;
  }

  /** Whether `part` is the beginning (not the whole) of a word that starts a phrase. */
  startsAWord(part: string): boolean {
    return this.startPrefixes.has(part);
  }

  /** Whether some phrase begins with these words. */
  startsWith(forms: readonly WordForms[]): boolean {
    let nodes: TrieNode[] = [this.root];
    for (const f of forms) {
      nodes = nodes.flatMap((node) => this.steps(node, f));
      if (nodes.length === 0) return false;
    }
    return true;
  }

  /**
   * The children a word may step to: by its exact forms, stem or phonetic key, else by a typo.
   * Most words of a posting step nowhere, so nothing is allocated until a child is found.
   */
  private steps(node: TrieNode, forms: WordForms): readonly TrieNode[] {
    if (node !== this.root) return this.stepsFrom(node, forms);
    let found = this.rootSteps.get(forms);
    if (found === undefined) {
      if (this.rootSteps.size >= ROOT_STEPS_LIMIT) this.rootSteps.clear();
      found = this.stepsFrom(node, forms);
      this.rootSteps.set(forms, found);
    }
    return found;
  }

  private stepsFrom(node: TrieNode, forms: WordForms): readonly TrieNode[] {
    let out: TrieNode[] | undefined;
    for (const key of forms.keys) out = withChild(out, node.children.get(key));
    for (const child of node.byPorter.get(forms.porter) ?? NONE) out = withChild(out, child);
    for (const child of node.byPhonetic.get(forms.phonetic) ?? NONE) out = withChild(out, child);
    if (out !== undefined) return out;
    const atStart = node === this.root;
    const budget = atStart ? forms.startBudget : forms.innerBudget;
    if (budget === 0) return NONE;
    const key = this.cachedTypo(node, forms.phonetic, budget);
    return key === null ? NONE : node.byPhonetic.get(key)!;
  }

  private cachedTypo(node: TrieNode, phonetic: string, budget: number): string | null {
    const cacheKey = `${budget}:${phonetic}`;
    node.typos ??= new Map();
    let key = node.typos.get(cacheKey);
    if (key === undefined) {
      if (node.typos.size >= TYPO_CACHE_LIMIT) node.typos.clear();
      key = this.typoKey(node, phonetic, budget);
      node.typos.set(cacheKey, key);
    }
    return key;
  }

  /**
   * The closest phonetic key within `budget` edits and the key's own budget, with the same first
   * letter (people rarely mistype the first letter; "loding" is not "coding"). Among keys equally
   * close, one that completes a phrase wins over one that only begins a longer phrase ("drivr" is
   * "driver", not the "drive" of "drive a car"), then the likelier slip, then the first inserted.
   */
  private typoKey(node: TrieNode, word: string, budget: number): string | null {
    node.byLength ??= groupByLength([...node.byPhonetic.keys()].filter((k) => k.length >= MIN_TYPO_TARGET));
    for (let distance = 1; distance <= budget; distance++) {
      let best: string | null = null;
      let bestRank = Number.POSITIVE_INFINITY;
      for (let len = word.length - distance; len <= word.length + distance; len++) {
        for (const key of node.byLength.get(len) ?? []) {
          if (key.charCodeAt(0) !== word.charCodeAt(0) || typoBudget(key.length) < distance || !editDistanceWithin(word, key, distance)) continue;
          // A dropped letter is the commonest slip, then a wrong one, then an extra one.
          const shape = len > word.length ? 0 : len === word.length ? 1 : 2;
          const rank = (node.byPhonetic.get(key)!.some((child) => child.skillId !== undefined) ? 0 : 3) + shape;
          if (rank < bestRank) [best, bestRank] = [key, rank];
        }
      }
      if (best !== null) return best;
    }
    return null;
  }
}

const NONE: readonly TrieNode[] = [];

function addTo(map: Map<string, TrieNode[]>, key: string, child: TrieNode): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [child]);
  else if (!list.includes(child)) list.push(child);
}

function withChild(list: TrieNode[] | undefined, child: TrieNode | undefined): TrieNode[] | undefined {
  if (child === undefined || list?.includes(child)) return list;
  if (list === undefined) return [child];
  list.push(child);
  return list;
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
