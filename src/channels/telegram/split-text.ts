/** Telegram refuses message text longer than this (UTF-16 code units after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Cuts `text` into pieces of at most `limit` characters, preferring line boundaries so a list item
 * is never cut in two; a single line longer than the limit is cut at its last space, or hard at the
 * limit when it has none (never between the two halves of a surrogate pair).
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current !== '') pieces.push(current);
    current = '';
    let rest = line;
    while (rest.length > limit) {
      const cut = cutPoint(rest, limit);
      pieces.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces.filter((p) => p.trim() !== '');
}

function cutPoint(line: string, limit: number): number {
  const space = line.lastIndexOf(' ', limit);
  if (space > limit / 2) return space + 1;
  const code = line.charCodeAt(limit - 1);
  // A high surrogate at the edge belongs with the next unit: cut one earlier.
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
