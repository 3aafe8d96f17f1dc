import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import type { MatchReason, MatchSeeker, MatchVacancy } from '../../src/matching/index.js';
import { matcher, NOW, seeker, vacancy } from './fixtures.js';

/* The examples issue 11 saw when it tried the matcher as a new user would, each kept as a test. */

const skillsOf = (text: string): string[] => matcher().tokenizer.tokenize(text).skills;
const wordsLeft = (text: string): string[] => matcher().tokenizer.tokenize(text).free;
const claimed = (reasons: readonly MatchReason[]): string[] => reasons.flatMap((r) => (r.kind === 'skill' ? [r.skillId] : []));

const WELDER: MatchSeeker = {
  id: 'welder',
  skills: { raw: 'bisa las listrik, nyetir motor, sim c, forklif' },
  education: { level: 'SMK', major: 'Teknik Las' },
  experience: { years: 3, text: '' },
  domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: true },
};

describe('a welder who types "bisa las listrik, nyetir motor, sim c, forklif"', () => {
  const demo = generateDemo({ now: new Date(NOW) });
  const m = matcher();
  for (const v of demo.vacancies) m.addVacancy(v);
  const titleOf = new Map(demo.vacancies.map((v) => [v.id, v.title]));

  it('is read as SMAW welding, riding a motorcycle, SIM C and forklift, with nothing left over', () => {
    expect(skillsOf(WELDER.skills.raw!)).toEqual(['welding-smaw', 'riding-motorcycle', 'sim-c', 'forklift']);
    expect(wordsLeft(WELDER.skills.raw!)).toEqual([]);
  });

  it('gets welding jobs first: all of the top five', () => {
    const top = m.topVacanciesFor(WELDER, 5).map((x) => titleOf.get(x.vacancyId)!);
    expect(top).toHaveLength(5);
    for (const title of top) expect(title).toMatch(/welder|las/i);
  });

  it('is told only of skills they gave as matches; the rest are related or missing', () => {
    const given = new Set(['welding-smaw', 'riding-motorcycle', 'sim-c', 'forklift']);
    for (const match of m.topVacanciesFor(WELDER, 20)) {
      for (const id of claimed(match.reasons)) expect(given, `${match.vacancyId} claims ${id}`).toContain(id);
    }
  });

  it('ranks welding jobs higher once the story says "3 thn jd welder", even when the skills answer does not name welding', () => {
    const skillsOnly: MatchSeeker = { ...WELDER, skills: { raw: 'nyetir motor, sim c, forklif' }, education: { level: 'SMK' } };
    const withStory: MatchSeeker = { ...skillsOnly, experience: { years: 3, text: '3 thn jd welder' } };
    const firstWelding = (s: MatchSeeker): number => m.topVacanciesFor(s, 100).findIndex((x) => /welder|las/i.test(titleOf.get(x.vacancyId)!));
    expect(firstWelding(skillsOnly)).toBe(-1);
    expect(firstWelding(withStory)).toBeGreaterThanOrEqual(0);
    expect(firstWelding(withStory)).toBeLessThan(15);
  });
});

describe('everyday chat answers', () => {
  it.each([
    ['nyetir mobil/motor', ['driver', 'riding-motorcycle']],
    ['motorbike licence', ['sim-c']],
    ['driving license B1', ['sim-b1']],
    ['ngetik 10 jari', ['typing']],
    ['sy bisa ngelas smaw & tig', ['welding-smaw', 'welding-tig']],
    ['masak2, las2an', ['cook', 'welding']],
    ['sio blm ada, forklift bisa', ['forklift']],
  ])('"%s" reads as %j', (text, ids) => {
    expect(skillsOf(text)).toEqual(ids);
  });

  it('keeps "motor" from riding a motorcycle away from motorcycle-mechanic jobs', () => {
    const m = matcher();
    m.addVacancy(vacancy('mechanic', { title: 'Mekanik Motor', requiredSkills: ['mekanik motor'] }));
    m.addVacancy(vacancy('courier', { title: 'Kurir', requiredSkills: ['kurir', 'bisa mengendarai motor', 'sim c'] }));
    expect(m.topVacanciesFor(seeker('s', 'nyetir motor, sim c')).map((x) => x.vacancyId)).toEqual(['courier']);
  });

  it.each([
    ['forklif', 'forklift'],
    ['secuirty', 'security'],
    ['sekuriti', 'security'],
    ['kwaliti kontrol', 'quality-control'],
    ['operater forklift', 'forklift'],
    ['weldng', 'welding'],
  ])('forgives "%s" through the typo path, with no misspelling listed', (typo, id) => {
    expect(skillsOf(typo)).toContain(id);
  });
});

describe('someone with no skill to match ("apa aja mau yg penting kerja")', () => {
  const m = matcher();
  m.addVacancy(vacancy('near', { title: 'Helper Produksi', requiredSkills: ['helper'], kecamatan: 'Cibitung' }));
  m.addVacancy(vacancy('far', { title: 'Helper Produksi', requiredSkills: ['helper'], kecamatan: 'Muaragembong' }));
  m.addVacancy(vacancy('senior', { title: 'Helper Produksi', requiredSkills: ['helper'], kecamatan: 'Cibitung', minExperienceYears: 3 }));
  const anyone: MatchSeeker = { ...seeker('s', 'apa aja mau yg penting kerja'), domicile: { kecamatan: 'Cibitung', ktpBekasi: true }, experience: { years: 0, text: '' } };

  it('is offered, when asked, the vacancies near them that ask no experience they lack, nearest first, marked as such', () => {
    const top = m.topVacanciesFor(anyone, 10, { fillWithNearby: true });
    expect(top.map((x) => x.vacancyId)).toEqual(['near', 'far']);
    for (const match of top) {
      expect(match.reasons[0]).toEqual({ kind: 'nearby-open' });
      expect(match.reasons.some((r) => r.kind === 'missing-skill' || r.kind === 'skill')).toBe(false);
    }
  });

  it('is offered nothing as a match otherwise', () => {
    expect(m.topVacanciesFor(anyone)).toEqual([]);
  });
});

describe('postings with boilerplate', () => {
  const OPERATOR: MatchSeeker = { ...seeker('op', 'operator produksi'), education: { level: 'SMK' } };
  const plain: MatchVacancy = vacancy('plain', { title: 'Operator Produksi', requirements: '- Operator produksi' });
  const boiler: MatchVacancy = vacancy('boiler', {
    title: 'Operator Produksi',
    requirements: '- Pendidikan min SMK\n- Bersedia kerja shift\n- Fresh graduate dipersilakan\n- Berpenampilan menarik\n- Operator produksi',
  });

  it('never lists education, shift, fresh graduates or looks as missing skills', () => {
    const m = matcher();
    m.addVacancy(boiler);
    const [match] = m.topVacanciesFor(OPERATOR);
    expect(match!.reasons.filter((r) => r.kind === 'missing-skill')).toEqual([]);
  });

  it('scores the posting as it scores the same posting without them', () => {
    const m = matcher();
    m.addVacancy(plain);
    m.addVacancy(boiler);
    const [a, b] = m.topVacanciesFor(OPERATOR);
    expect(a!.score).toBeCloseTo(b!.score, 6);
  });
});

describe('answers the person gave that weigh in the ranking', () => {
  const forklift = (id: string, over: Partial<MatchVacancy> = {}): MatchVacancy => vacancy(id, { title: 'Operator Forklift', requiredSkills: ['forklift'], ...over });

  it('ranks the job types they chose first, and says so of the others', () => {
    const m = matcher();
    m.addVacancy(forklift('daily', { employmentType: 'harian' }));
    m.addVacancy(forklift('permanent', { employmentType: 'PKWTT' }));
    const top = m.topVacanciesFor({ ...seeker('s', 'forklift'), wantedJobTypes: ['PKWTT'] });
    expect(top.map((x) => x.vacancyId)).toEqual(['permanent', 'daily']);
    expect(top[1]!.reasons).toContainEqual({ kind: 'job-type', type: 'harian' });
  });

  it('ranks pay below their expectation lower, and says so', () => {
    const m = matcher();
    m.addVacancy(forklift('low', { salaryMin: 3_500_000, salaryMax: 4_000_000 }));
    m.addVacancy(forklift('fair', { salaryMin: 5_500_000, salaryMax: 6_000_000 }));
    const top = m.topVacanciesFor({ ...seeker('s', 'forklift'), expectedSalary: 5_500_000 });
    expect(top.map((x) => x.vacancyId)).toEqual(['fair', 'low']);
    expect(top[1]!.reasons).toContainEqual({ kind: 'salary', offeredMax: 4_000_000, expected: 5_500_000 });
  });

  it('ranks shift work lower for someone who cannot work shifts, and not for others', () => {
    const m = matcher();
    m.addVacancy(forklift('shift', { requirements: '- Bersedia kerja shift' }));
    m.addVacancy(forklift('day'));
    const noShift = m.topVacanciesFor({ ...seeker('s', 'forklift'), shiftWilling: false });
    expect(noShift.map((x) => x.vacancyId)).toEqual(['day', 'shift']);
    expect(noShift[1]!.reasons).toContainEqual({ kind: 'shift' });
    const willing = m.topVacanciesFor({ ...seeker('w', 'forklift'), shiftWilling: true });
    expect(willing[0]!.score).toBeCloseTo(willing[1]!.score, 6);
  });

  it('counts work they named in their story strongly for a job of that title', () => {
    const m = matcher();
    m.addVacancy(vacancy('welder', { title: 'Welder', requiredSkills: ['las'] }));
    m.addVacancy(vacancy('electrician', { title: 'Teknisi Listrik', requiredSkills: ['listrik'] }));
    const score = (s: MatchSeeker, id: string): number => m.topVacanciesFor(s).find((x) => x.vacancyId === id)!.score;
    const plain = seeker('s', 'las, listrik');
    const welder = { ...plain, experience: { years: 3, text: '3 thn jd welder' } };
    expect(m.topVacanciesFor(welder)[0]!.vacancyId).toBe('welder');
    expect(score(welder, 'welder') / score(welder, 'electrician')).toBeGreaterThan(1.3 * (score(plain, 'welder') / score(plain, 'electrician')));
  });
});
