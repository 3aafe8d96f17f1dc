import { fail, ok, type ParseInput, type ParseResult } from './parse-result.js';

/** A run of seven or more digits, spaces or dashes between them allowed: a phone number, not a name. */
const PHONE_LIKE = /\+?\d(?:[\s.-]?\d){6,}/;
/** What is never part of a name: anything but letters (any script) and their marks, digits, spaces, dots, apostrophes, commas and hyphens. */
const NOT_IN_NAMES = /[^\p{L}\p{M}\p{N}\s.,'’`-]/u;

/**
 * A person's name as typed: letters of any script, at least `step.min` (default 2) and at most
 * `step.max` (default 60) characters, white space folded. A phone number, digits, markup or
 * other symbols are refused with the reason; nothing of a refused answer is kept.
 */
export function readName(text: string, { step }: ParseInput): ParseResult {
  const name = text.replace(/\s+/g, ' ').trim();
  const min = step.min ?? 2;
  const max = step.max ?? 60;
  if (PHONE_LIKE.test(name)) return fail('error.name-phone');
  if (NOT_IN_NAMES.test(name)) return fail('error.name-symbols');
  if (/\p{N}/u.test(name) || !/\p{L}/u.test(name)) return fail('error.name-letters');
  if (name.length < min) return fail('error.text-short', { min });
  if (name.length > max) return fail('error.too-long', { max });
  return ok(name);
}
