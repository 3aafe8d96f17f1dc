import { describe, expect, it } from 'vitest';
import { DAY, matcher, NOW, seeker, vacancy } from './fixtures.js';

const ids = (m: ReturnType<typeof matcher>, s: ReturnType<typeof seeker>, k = 10): string[] => m.topVacanciesFor(s, k).map((x) => x.vacancyId);

describe('scoring', () => {
  it('weighs a required skill above a preferred one', () => {
    const m = matcher();
    m.addVacancy(vacancy('req', { title: 'Staff Gudang', requiredSkills: ['forklift'], preferredSkills: ['microsoft excel'] }));
    m.addVacancy(vacancy('pref', { title: 'Staff Gudang', requiredSkills: ['microsoft excel'], preferredSkills: ['forklift'] }));
    expect(ids(m, seeker('s', 'forklift'))).toEqual(['req', 'pref']);
  });

  it('values a rare skill above a common one (IDF over open vacancies)', () => {
    const m = matcher();
    for (let i = 0; i < 8; i++) m.addVacancy(vacancy(`common-${i}`, { title: 'Staff', requiredSkills: ['microsoft excel', 'plc'] }));
    m.addVacancy(vacancy('rare', { title: 'Staff', requiredSkills: ['microsoft excel', 'autocad'] }));
    const top = m.topVacanciesFor(seeker('s', 'autocad, plc'), 3);
    expect(top[0]?.vacancyId).toBe('rare');
  });

  it('filters out vacancies asking more education, unless education is soft', () => {
    const m = matcher();
    m.addVacancy(vacancy('s1', { requiredSkills: ['akuntansi'], minEducation: 'S1' }));
    const sma = seeker('s', 'akuntansi', { education: { level: 'SMA' } });
    expect(m.topVacanciesFor(sma)).toEqual([]);
    const soft = m.topVacanciesFor(sma, 10, { softEducation: true });
    expect(soft.map((x) => x.vacancyId)).toEqual(['s1']);
    expect(soft[0]!.reasons).toContainEqual({ kind: 'education', fit: 'below', required: 'S1' });
  });

  it('boosts Bekasi KTP holders on vacancies with a local quota', () => {
    const m = matcher();
    m.addVacancy(vacancy('local', { requiredSkills: ['satpam'], localQuota: 3, quota: 5 }));
    const resident = m.topVacanciesFor(seeker('a', 'satpam', { domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: true } }))[0]!;
    const outsider = m.topVacanciesFor(seeker('b', 'satpam', { domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: false } }))[0]!;
    expect(resident.score).toBeGreaterThan(outsider.score);
    expect(resident.reasons).toContainEqual({ kind: 'local-priority' });
    expect(outsider.reasons).not.toContainEqual({ kind: 'local-priority' });
  });

  it('prefers the nearer of two equal vacancies and reports the distance', () => {
    const m = matcher();
    m.addVacancy(vacancy('far', { kecamatan: 'Muaragembong', requiredSkills: ['las smaw'] }));
    m.addVacancy(vacancy('near', { kecamatan: 'Cikarang Barat', requiredSkills: ['las smaw'] }));
    const top = m.topVacanciesFor(seeker('s', 'las smaw', { domicile: { kecamatan: 'Cibitung', ktpBekasi: true } }));
    expect(top.map((x) => x.vacancyId)).toEqual(['near', 'far']);
    const distance = top[0]!.reasons.find((r) => r.kind === 'distance');
    expect(distance).toMatchObject({ kind: 'distance', from: 'Cibitung', to: 'Cikarang Barat' });
  });

  it('never shows closed, draft or past-deadline vacancies', () => {
    const m = matcher();
    m.addVacancy(vacancy('closed', { requiredSkills: ['barista'], status: 'closed' }));
    m.addVacancy(vacancy('draft', { requiredSkills: ['barista'], status: 'draft' }));
    m.addVacancy(vacancy('expired', { requiredSkills: ['barista'], deadline: new Date(NOW - DAY).toISOString() }));
    m.addVacancy(vacancy('open', { requiredSkills: ['barista'], deadline: new Date(NOW + DAY).toISOString() }));
    expect(ids(m, seeker('s', 'barista'))).toEqual(['open']);
    expect(m.topVacanciesFor(seeker('s', 'barista'), 10, { now: NOW + 2 * DAY })).toEqual([]);
  });

  it('ranks a fresh posting above a stale one and less experience lower', () => {
    const m = matcher();
    m.addVacancy(vacancy('stale', { requiredSkills: ['kasir'], openedAt: new Date(NOW - 40 * DAY).toISOString() }));
    m.addVacancy(vacancy('fresh', { requiredSkills: ['kasir'], openedAt: new Date(NOW - DAY).toISOString() }));
    m.addVacancy(vacancy('senior', { requiredSkills: ['kasir'], minExperienceYears: 5, openedAt: new Date(NOW - DAY).toISOString() }));
    expect(ids(m, seeker('s', 'kasir', { experience: { years: 1 } }))).toEqual(['fresh', 'stale', 'senior']);
  });

  it('lets a narrower skill satisfy a broader request, and gives partial credit the other way', () => {
    const m = matcher();
    m.addVacancy(vacancy('general', { title: 'Welder', requiredSkills: ['welding'] }));
    m.addVacancy(vacancy('smaw', { title: 'Welder', requiredSkills: ['las smaw'] }));
    const specialist = m.topVacanciesFor(seeker('a', 'las smaw'));
    expect(specialist.map((x) => x.vacancyId).sort()).toEqual(['general', 'smaw']);
    expect(specialist.find((x) => x.vacancyId === 'general')!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'related-skill', skillId: 'welding', via: 'welding-smaw', relation: 'narrower' }),
    );
    const generalist = m.topVacanciesFor(seeker('b', 'welding'));
    expect(generalist.map((x) => x.vacancyId)).toEqual(['general', 'smaw']);
  });

  it('explains every match with structured reasons, strongest first', () => {
    const m = matcher();
    m.addVacancy(vacancy('v', { title: 'Operator Forklift', requiredSkills: ['forklift', 'sim b1'], minEducation: 'SMA', kecamatan: 'Cikarang Utara' }));
    const [match] = m.topVacanciesFor(seeker('s', 'operator forklift', { education: { level: 'SMK' }, domicile: { kecamatan: 'Cikarang Selatan', ktpBekasi: true } }));
    expect(match!.reasons[0]).toMatchObject({ kind: 'skill', skillId: 'forklift' });
    expect(match!.reasons).toContainEqual(expect.objectContaining({ kind: 'missing-skill', skillId: 'sim-b1' }));
    expect(match!.reasons).toContainEqual(expect.objectContaining({ kind: 'distance', from: 'Cikarang Selatan', to: 'Cikarang Utara' }));
    expect(match!.reasons).toContainEqual({ kind: 'education', fit: 'meets', required: 'SMA' });
  });
  it('ranks a vacancy sharing only a licence low for someone who named their work', () => {
    const vacancies = [
      vacancy('courier', { title: 'Kurir', requiredSkills: ['SIM C'] }),
      vacancy('social', { title: 'Admin Sosial Media', requiredSkills: ['social media'] }),
    ];
    const creator = seeker('c', 'content creator, sim c', { wantedPositions: ['admin sosmed'] });
    const scoreOf = (noSharedWorkFactor: number): Map<string, number> => {
      const m = matcher({ scoring: { noSharedWorkFactor } });
      for (const v of vacancies) m.addVacancy(v);
      return new Map(m.topVacanciesFor(creator).map((x) => [x.vacancyId, x.score]));
    };
    const [damped, plain] = [scoreOf(0.5), scoreOf(1)];
    expect([...damped.keys()]).toEqual(['social', 'courier']);
    expect(damped.get('courier')).toBeCloseTo(plain.get('courier')! / 2, 3);
    expect(damped.get('social')).toBe(plain.get('social'));
  });
});
