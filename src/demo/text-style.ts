import type { Random } from './random.js';

/** How seekers type their skills in a chat: openers, joiners, slang and the odd typo. */
const OPENERS = ['', '', 'sy bisa', 'bisa', 'pengalaman', 'skill:', 'pernah kerja', 'ahli', 'i can do', 'experienced in'] as const;
const JOINERS = [', ', ' & ', ' + ', ' dan ', ' / ', ', '] as const;

/** One edit in a longer word (dropped or swapped letter), as quick phone typing produces. */
export function typo(rng: Random, word: string): string {
  if (word.length < 6 || /\d/.test(word)) return word;
  const at = rng.int(1, word.length - 3);
  return rng.chance(0.5) ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
}

export function chatSkills(rng: Random, phrases: readonly string[]): string {
  const typed = phrases.map((p) => p.split(' ').map((w) => (rng.chance(0.12) ? typo(rng, w) : w)).join(' '));
  const shouting = rng.chance(0.2);
  let text = '';
  typed.forEach((p, i) => {
    text += (i === 0 ? '' : rng.pick(JOINERS)) + (shouting ? p.toUpperCase() : p);
  });
  const opener = rng.pick(OPENERS);
  return opener === '' ? text : `${opener} ${text}`;
}
