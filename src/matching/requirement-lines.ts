/**
 * How a posting's requirement lines bind: each line of a requirements list is a must unless it says
 * it is only preferred ("diutamakan", "is a plus"), and a line may reserve the job for holders of a
 * Kabupaten Bekasi KTP ("Wajib ber-KTP Kabupaten Bekasi"). The words are the vocabulary of the
 * postings, not text shown to anyone.
 */

const PREFERRED = /\b(diutama\w*|lebih disukai|nilai (plus|tambah|lebih)|a plus|preferred|preferably|nice to have|advantage|diprioritaskan)\b/i;
const MANDATORY = /\b(wajib|harus|mandatory|must|required|khusus|hanya|only)\b/i;
const KTP = /\b(ktp|id card)\b/i;
const BEKASI = /\bbekasi\b/i;
const KOTA_BEKASI = /\bkota bekasi\b/i;

export interface RequirementLine {
  readonly text: string;
  /** The line names something only preferred, not a must. */
  readonly preferred: boolean;
}

/** The lines of a requirements text, list markers stripped, each with whether it is only preferred. */
export function requirementLines(text: string): RequirementLine[] {
  return text
    .split(/\r?\n|;/)
    .map((line) => line.replace(/^\s*([-*•·]|\d+[.)])\s*/, '').trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line, preferred: PREFERRED.test(line) }));
}

/** A line that reserves the job for holders of a Kabupaten Bekasi KTP, as a must. */
export function reservesForBekasiKtp(line: RequirementLine): boolean {
  const { text } = line;
  return !line.preferred && KTP.test(text) && BEKASI.test(text) && !KOTA_BEKASI.test(text) && MANDATORY.test(text);
}
