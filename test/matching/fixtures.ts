import { loadKecamatanTable, loadMajorTable, loadSkillsDictionary, Matcher, type MatcherOptions, type MatchSeeker, type MatchVacancy } from '../../src/matching/index.js';

// Parsed once per test file: every test gets a fresh matcher over the real data files.
const dictionary = loadSkillsDictionary();
const kecamatan = loadKecamatanTable();
const majors = loadMajorTable();

/** A fixed "now" so deadlines and freshness are reproducible. */
export const NOW = Date.parse('2026-03-02T09:00:00+07:00');
export const DAY = 86_400_000;

export function matcher(options: MatcherOptions = {}): Matcher {
  return new Matcher(dictionary, kecamatan, { now: () => NOW, majors, ...options });
}

export function vacancy(id: string, over: Partial<MatchVacancy> = {}): MatchVacancy {
  return { id, title: 'Operator Produksi', company: { name: 'PT Contoh' }, kecamatan: 'Cikarang Utara', status: 'open', ...over };
}

export function seeker(id: string, skills: string, over: Partial<MatchSeeker> = {}): MatchSeeker {
  return { id, skills: { raw: skills }, ...over };
}
