/** Words people type for yes, no and "skip", in Indonesian (with chat spellings) and English. */
const YES = new Set(['ya', 'iya', 'iyaa', 'y', 'yes', 'yup', 'setuju', 'ok', 'oke', 'okay', 'okey', 'benar', 'betul', 'bener', 'sip', 'boleh', 'mau', 'agree', 'sure', 'correct', 'right', '👍']);
const NO = new Set(['tidak', 'tdk', 'gak', 'ga', 'gk', 'nggak', 'ngga', 'enggak', 'engga', 'no', 'n', 'nope', 'salah', 'tolak', 'bukan', 'jangan', 'disagree', 'wrong', "don't", 'dont', 'not', '👎']);
const SKIP = new Set(['lewati', 'lewat', 'skip', '-', 'tidak ada', 'tdk ada', 'ga ada', 'gak ada', 'nggak ada', 'belum ada', 'none', 'kosong', 'nothing', 'no', 'tidak', 'belum']);
/** "Saya setuju", "I agree": the subject is dropped so the verb decides. */
const SUBJECTS = new Set(['saya', 'sy', 'aku', 'gue', 'gw', 'i', 'we', 'kami']);

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
  // Skin-tone modifiers make 👍🏽 a different string from 👍; punctuation between words ("ya, setuju") is noise.
  const words = normalizeAnswer(text)
    .replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '')
    .split(/[\s,.!]+/)
    .filter((w) => w !== '');
  const first = words.length > 1 && SUBJECTS.has(words[0] ?? '') ? words[1] : words[0];
  // "I do not agree": "do" only carries the negation that follows it.
  const word = first === 'do' && words.includes('not') ? 'not' : (first ?? '');
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}

export function isSkip(text: string): boolean {
  return SKIP.has(normalizeAnswer(text));
}

/** Items of a list answer: separated by commas, semicolons or line breaks. */
export function splitItems(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
