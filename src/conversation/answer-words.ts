/** Words people type for yes, no and "skip", in Indonesian (with chat spellings) and English. */
const YES = new Set(['ya', 'iya', 'iyaa', 'y', 'yes', 'yup', 'setuju', 'ok', 'oke', 'okay', 'okey', 'benar', 'betul', 'bener', 'sip', 'boleh', 'mau', 'agree', 'sure', 'correct', 'right']);
const NO = new Set(['tidak', 'tdk', 'gak', 'ga', 'gk', 'nggak', 'ngga', 'enggak', 'engga', 'no', 'n', 'nope', 'salah', 'tolak', 'bukan', 'jangan', 'disagree', 'wrong']);
const SKIP = new Set(['lewati', 'lewat', 'skip', '-', 'tidak ada', 'tdk ada', 'ga ada', 'gak ada', 'nggak ada', 'belum ada', 'none', 'kosong', 'nothing', 'no', 'tidak', 'belum']);

/** Lowercase, trimmed, inner white space folded, trailing punctuation dropped. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/[.!?,;:]+$/u, '')
    .trim();
}

export function readYesNo(text: string): boolean | undefined {
  const words = normalizeAnswer(text).split(' ');
  const first = words[0] ?? '';
  if (YES.has(first)) return true;
  if (NO.has(first)) return false;
  return undefined;
}

export function isSkip(text: string): boolean {
  return SKIP.has(normalizeAnswer(text));
}
