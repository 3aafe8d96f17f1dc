import type { Outbound } from '../../conversation/message.js';

/**
 * WhatsApp has no buttons for unofficial clients, so choices are a numbered list under the text and
 * links are "label: url" lines (WhatsApp makes URLs tappable by itself). A label that already starts
 * with its own number ("1. Operator Las") is not numbered twice.
 *
 * Reading a reply back needs no memory here: the engine keeps the choices it last offered in the
 * person's conversation state (Redis) and maps a typed "2", or an option's words, to that choice.
 */
export function renderNumbered(message: Outbound): string {
  const lines = [message.text];
  const choices = message.choices ?? [];
  if (choices.length > 0) lines.push('', ...choices.map((c, i) => (startsWithNumber(c.label, i + 1) ? c.label : `${i + 1}. ${c.label}`)));
  const links = message.links ?? [];
  if (links.length > 0) lines.push('', ...links.map((l) => `${l.label}: ${l.url}`));
  return lines.join('\n');
}

function startsWithNumber(label: string, n: number): boolean {
  return new RegExp(`^${n}[.)]\\s`).test(label);
}

/**
 * Ways people answer a numbered list besides a bare "2" ("no 2", "nomor 2", "no. 2", "#2", "2)",
 * "(2)") become the bare number the engine reads as the second option. Other text is left as typed.
 */
export function readNumberedReply(text: string): string {
  const number = /^\s*(?:no\.?\s*|nomor\s*|#\s*|\()?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  return number?.[1] ?? text;
}
