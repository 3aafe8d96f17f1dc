import type { Choice, Outbound } from '../../conversation/message.js';

/**
 * WhatsApp has no buttons for unofficial clients, so choices are a numbered list under the text and
 * links are "label: url" lines (WhatsApp makes URLs tappable by itself).
 */
export function renderNumbered(message: Outbound): string {
  const lines = [message.text];
  const choices = message.choices ?? [];
  if (choices.length > 0) lines.push('', ...choices.map((c, i) => `${i + 1}. ${c.label}`));
  const links = message.links ?? [];
  if (links.length > 0) lines.push('', ...links.map((l) => `${l.label}: ${l.url}`));
  return lines.join('\n');
}

/**
 * Which offered choice a typed reply means: its number ("2", "2.", "no 2"), its label ignoring case,
 * accents and punctuation, or words that appear in exactly one label ("cari" → "Cari lowongan").
 * Undefined when nothing or more than one choice fits: the text then goes to the engine as typed.
 */
export function matchChoice(reply: string, choices: readonly Choice[]): Choice | undefined {
  const number = /^\s*(?:no\.?\s*|nomor\s*|#)?(\d{1,2})\s*[.)]?\s*$/i.exec(reply);
  if (number?.[1]) return choices[Number(number[1]) - 1];
  const typed = normalise(reply);
  if (typed === '') return undefined;
  const exact = choices.filter((c) => normalise(c.label) === typed);
  if (exact.length === 1) return exact[0];
  const words = typed.split(' ').filter((w) => w.length >= 3);
  if (words.length === 0) return undefined;
  const partial = choices.filter((c) => {
    const label = ` ${normalise(c.label)} `;
    return words.every((w) => label.includes(` ${w}`));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ChoiceMemoryOptions {
  /** How long offered choices stay answerable by number. Default: 24 h. */
  readonly ttlMs?: number;
  /** Most chats remembered; the oldest are forgotten first. Default: 10,000. */
  readonly maxChats?: number;
  /** Default: `Date.now`. */
  readonly now?: () => number;
}

/**
 * The choices last offered in each chat, so "2" can be read back as a choice. In memory only: after
 * a restart a bare number goes to the engine as text and the engine re-asks. Only the process that
 * holds the WhatsApp session (one, by the architecture) reads and writes it.
 */
export class ChoiceMemory {
  private readonly entries = new Map<string, { choices: readonly Choice[]; at: number }>();
  private readonly ttlMs: number;
  private readonly maxChats: number;
  private readonly now: () => number;

  constructor(options: ChoiceMemoryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 3_600_000;
    this.maxChats = options.maxChats ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  remember(chat: string, choices: readonly Choice[]): void {
    this.entries.delete(chat);
    if (choices.length === 0) return;
    this.entries.set(chat, { choices, at: this.now() });
    // Map iteration is insertion order, so the first key is the least recently offered chat.
    while (this.entries.size > this.maxChats) this.entries.delete(this.entries.keys().next().value!);
  }

  offered(chat: string): readonly Choice[] {
    const entry = this.entries.get(chat);
    if (!entry) return [];
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(chat);
      return [];
    }
    return entry.choices;
  }
}
