import { chatItems, chatWords, Claim, claims, isConjunction } from './chat-words.js';
import { CompoundReader } from './compound-reader.js';
import { PhraseTrie } from './phrase-trie.js';
import { surfaceForms, type SkillsDictionary } from './skills-dictionary.js';
import { computeWordForms, type WordForms } from './word-forms.js';

/** Prefix of tokens for words the dictionary does not know; they still match literally. */
export const FREE_PREFIX = 'free:';

export interface TokenizedText {
  /** Canonical dictionary ids, first occurrence order, no repeats. */
  readonly skills: string[];
  /** Dictionary ids of work the text wishes for rather than claims ("pengen pindah ke injek plastik"). */
  readonly wished: string[];
  /** `free:<stem>` for the remaining content words. */
  readonly free: string[];
  /** `free:<stem>` for every content word, inside skill phrases too: keyword alerts match on these. */
  readonly words: string[];
}

const CACHE_LIMIT = 200_000;
const HAS_DIGIT = /\d/;

/**
 * Turns skill text in Indonesian or English, as written in postings or typed in a chat, into
 * canonical skill ids plus free tokens. Text and dictionary phrases are read alike (chat-words.ts);
 * multi-word dictionary phrases are found first, each word by its exact, stemmed (Sastrawi,
 * Porter), colloquial or phonetic form, then with a small typo budget.
 */
export class SkillTokenizer {
  private readonly trie = new PhraseTrie();
  private readonly compounds = new CompoundReader(this.trie);
  private readonly forms = new Map<string, WordForms>();
  private readonly freeDisplay = new Map<string, string>();

  constructor(readonly dictionary: SkillsDictionary) {
    for (const entry of dictionary.entries) {
      for (const form of surfaceForms(entry)) {
        const words = chatWords(form);
        if (words.length > 0) this.trie.insert(words.map((w) => this.formsOf(w)), entry.id);
      }
    }
  }

  tokenize(text: string): TokenizedText {
    const out: TokenizedText = { skills: [], wished: [], free: [], words: [] };
    this.collect(text, out);
    return dedupe(out);
  }

  /** Each phrase on its own, so the end of one item never joins the start of the next into a phrase. */
  tokenizeAll(phrases: readonly string[]): TokenizedText {
    const out: TokenizedText = { skills: [], wished: [], free: [], words: [] };
    for (const phrase of phrases.slice(0, 100)) this.collect(phrase, out);
    return dedupe(out);
  }

  /** Answers about the work wanted: a whole answer that is a position word ("produksi") names its occupation. */
  tokenizePositions(answers: readonly string[]): TokenizedText {
    const out: TokenizedText = { skills: [], wished: [], free: [], words: [] };
    for (const answer of answers.slice(0, 100)) {
      const named = this.dictionary.position(answer);
      if (named === undefined) this.collect(answer, out);
      else out.skills.push(named);
    }
    return dedupe(out);
  }

  /** The word a free token came from, for explanations ("free:kemas" → "pengemasan"). */
  displayFree(token: string): string {
    const key = token.startsWith(FREE_PREFIX) ? token.slice(FREE_PREFIX.length) : token;
    return this.freeDisplay.get(key) ?? key;
  }

  private collect(text: string, out: TokenizedText): void {
    let head: WordForms | undefined;
    for (const words of chatItems(text)) head = this.collectItem(words, out, head);
  }

  /**
   * One item of a list: phrases first, then single words; what a negation reaches ("sio blm ada")
   * is no claim. `head` is the first word of the last phrase of several words: a word that starts
   * nothing alone may complete it, as people write "sim A & C" or "ISO 9001 dan 14001". Returns
   * the head for the next item. What a wish reaches is work wanted, set apart in `wished`.
   */
  private collectItem(words: readonly string[], out: TokenizedText, head: WordForms | undefined): WordForms | undefined {
    const forms = words.map((w) => this.formsOf(w));
    const claimed = claims(words);
    for (let i = 0; i < forms.length; ) {
      const match = this.trie.matchAt(forms, i) ?? this.compounds.matchAt(words, forms, i) ?? this.withHead(head, words, forms, i);
      // A lone stop word that happens to be an abbreviation ("it", "di") is not a skill.
      if (match !== undefined && !(match.end === i + 1 && forms[i]!.stop && !('head' in match))) {
        const claim = claimed[i] ?? Claim.has;
        if (claim === Claim.has) out.skills.push(match.skillId);
        else if (claim === Claim.wishes) out.wished.push(match.skillId);
        for (let j = i; j < match.end; j++) this.pushWord(forms[j]!, out.words);
        if (match.end - i > 1) head = forms[i];
        i = match.end;
        continue;
      }
      const token = this.pushWord(forms[i]!, out.words);
      if (token !== undefined && (claimed[i] ?? Claim.has) === Claim.has) out.free.push(token);
      i++;
    }
    return head;
  }

  /**
   * The phrase `head` + the words of a short part of a list (an item, or what follows a
   * conjunction), when it takes all of them: "C" after "sim A", "14001" after "ISO 9001 dan".
   */
  private withHead(head: WordForms | undefined, words: readonly string[], forms: readonly WordForms[], i: number): { skillId: string; end: number; head: true } | undefined {
    if (head === undefined || (i > 0 && !isConjunction(words[i - 1]!))) return undefined;
    let partEnd = i;
    while (partEnd < words.length && !isConjunction(words[partEnd]!)) partEnd++;
    if (partEnd - i > 2) return undefined;
    const match = this.trie.matchAt([head, ...forms.slice(i, partEnd)], 0);
    return match !== undefined && match.end === partEnd - i + 1 ? { skillId: match.skillId, end: partEnd, head: true } : undefined;
  }

  private pushWord(forms: WordForms, into: string[]): string | undefined {
    if (forms.stop || /^\d+$/.test(forms.raw) || forms.raw.length < 2) return undefined;
    const key = freeKey(forms);
    if (!this.freeDisplay.has(key) && this.freeDisplay.size < CACHE_LIMIT) this.freeDisplay.set(key, forms.raw);
    const token = FREE_PREFIX + key;
    into.push(token);
    return token;
  }

  private formsOf(word: string): WordForms {
    let forms = this.forms.get(word);
    if (forms === undefined) {
      if (this.forms.size >= CACHE_LIMIT) this.forms.clear();
      forms = computeWordForms(word);
      this.forms.set(word, forms);
    }
    return forms;
  }
}

function freeKey(forms: WordForms): string {
  if (HAS_DIGIT.test(forms.raw)) return forms.raw;
  if (forms.real) return forms.root;
  return forms.porter;
}

function dedupe(t: TokenizedText): TokenizedText {
  return { skills: unique(t.skills), wished: unique(t.wished), free: unique(t.free), words: unique(t.words) };
}

/** The list without repeats, first occurrence order; short lists (most of them) without a Set. */
function unique(list: string[]): string[] {
  if (list.length <= 1) return list;
  if (list.length > 32) return [...new Set(list)];
  const out: string[] = [];
  for (const item of list) if (!out.includes(item)) out.push(item);
  return out;
}
