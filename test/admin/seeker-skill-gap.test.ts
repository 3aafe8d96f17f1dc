import { describe, expect, it } from 'vitest';
import { seekerSkillGaps } from '../../src/admin/seeker-skill-gap.js';
import { createDefaultMatcher } from '../../src/matching/index.js';
import { makeSeeker, makeVacancy } from '../fixtures/domain.js';

describe('seekerSkillGaps', () => {
  it('ranks the missing skills by the vacancies each alone would open, leaving out vacancies short of two', () => {
    const gaps = seekerSkillGaps(
      {
        covered: ['welding-smaw', 'forklift'],
        vacancies: [
          ['welding-smaw', 'k3'],
          ['welding-smaw', 'k3', 'sim-b1'], // two short: opens for neither
          ['forklift', 'sim-b1'],
          ['forklift', 'k3'],
          ['cnc-machining'],
          ['free:bersertifikat', 'k3'], // a free word missing too
          ['welding-smaw'], // already open to them
        ],
      },
      5,
    );
    expect(gaps).toEqual([
      { skill: 'k3', vacancies: 2 },
      { skill: 'sim-b1', vacancies: 1 },
      { skill: 'cnc-machining', vacancies: 1 },
    ]);
  });

  it('never suggests a free word, and keeps to the limit', () => {
    const gaps = seekerSkillGaps({ covered: [], vacancies: [['free:bersertifikat'], ['k3'], ['plc'], ['forklift']] }, 2);
    expect(gaps.map((g) => g.skill)).toEqual(['forklift', 'k3']);
  });
});

describe('Matcher.requirementsNear', () => {
  const matcher = createDefaultMatcher();
  // A welder from Muaragembong, in the far north of the regency.
  const seeker = makeSeeker('skr-1', { domicile: { kecamatan: 'Muaragembong', ktpBekasi: true }, skills: { ids: ['welding-smaw'], raw: 'las smaw' }, education: { level: 'SMK' } });
  const vacancy = (id: string, overrides: Parameters<typeof makeVacancy>[1]) => makeVacancy(id, { title: 'Welder', requiredSkills: ['las smaw', 'k3'], preferredSkills: [], requirements: '', description: 'Pabrik baja.', ...overrides });

  it('reads the open vacancies within the matcher\'s distance and education reach, and what the seeker covers', () => {
    matcher.addVacancy(vacancy('vac-near', { kecamatan: 'Cabangbungin' }));
    matcher.addVacancy(vacancy('vac-far', { kecamatan: 'Cibarusah' })); // about 50 km: past maxDistanceKm
    matcher.addVacancy(vacancy('vac-s1', { kecamatan: 'Babelan', minEducation: 'S1' }));
    matcher.addVacancy(vacancy('vac-closed', { kecamatan: 'Babelan', status: 'closed' }));
    matcher.addVacancy(vacancy('vac-forklift', { kecamatan: 'Babelan', title: 'Operator Forklift', requiredSkills: ['operator forklift', 'SIM B1'] }));
    const near = matcher.requirementsNear(seeker);
    expect(near.vacancies.map((skills) => [...skills].sort())).toEqual([['k3', 'welding-smaw'], ['forklift', 'sim-b1']]);
    expect(near.covered).toEqual(['welding-smaw']);
    expect(seekerSkillGaps(near, 3)).toEqual([{ skill: 'k3', vacancies: 1 }]);
  });

  it('counts a skill the seeker holds through a narrower one as covered', () => {
    const tig = makeSeeker('skr-2', { domicile: { kecamatan: 'Muaragembong', ktpBekasi: true }, skills: { ids: ['welding-tig'], raw: 'las tig' } });
    const m = createDefaultMatcher();
    m.addVacancy(vacancy('vac-welding', { kecamatan: 'Cabangbungin', requiredSkills: ['pengelasan', 'k3'] }));
    expect(m.requirementsNear(tig).covered).toEqual(['welding']);
  });
});
