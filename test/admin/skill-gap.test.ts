import { describe, expect, it } from 'vitest';
import { SkillGap } from '../../src/admin/skill-gap.js';

describe('skill gap', () => {
  it('ranks skills by the vacancies that would open up if seekers learnt them', () => {
    const gap = new SkillGap();
    // Seekers: two welders without K3, one forklift driver without a SIM B1, one with nothing known.
    gap.addSeeker(['welding-smaw']);
    gap.addSeeker(['welding-smaw', 'technical-drawing']);
    gap.addSeeker(['forklift']);
    gap.addSeeker([]);
    gap.addVacancy(['welding-smaw', 'k3']); // welders lack only k3
    gap.addVacancy(['welding-smaw', 'k3', 'technical-drawing']); // the second welder lacks only k3
    gap.addVacancy(['forklift', 'sim-b1']); // the driver lacks only sim-b1
    gap.addVacancy(['cnc', 'plc']); // nobody is one skill short
    expect(gap.report()).toEqual([
      { skill: 'k3', vacanciesAsking: 2, seekersWith: 0, vacanciesOpenedUp: 2, seekersOneSkillShort: 2 },
      { skill: 'sim-b1', vacanciesAsking: 1, seekersWith: 0, vacanciesOpenedUp: 1, seekersOneSkillShort: 1 },
      { skill: 'welding-smaw', vacanciesAsking: 2, seekersWith: 2, vacanciesOpenedUp: 0, seekersOneSkillShort: 0 },
      { skill: 'cnc', vacanciesAsking: 1, seekersWith: 0, vacanciesOpenedUp: 0, seekersOneSkillShort: 0 },
      { skill: 'forklift', vacanciesAsking: 1, seekersWith: 1, vacanciesOpenedUp: 0, seekersOneSkillShort: 0 },
      { skill: 'plc', vacanciesAsking: 1, seekersWith: 0, vacanciesOpenedUp: 0, seekersOneSkillShort: 0 },
      { skill: 'technical-drawing', vacanciesAsking: 1, seekersWith: 1, vacanciesOpenedUp: 0, seekersOneSkillShort: 0 },
    ]);
  });

  it('counts a one-skill vacancy as opened up for whoever lacks it, across word boundaries of many seekers', () => {
    const gap = new SkillGap();
    for (let i = 0; i < 100; i++) gap.addSeeker(i % 3 === 0 ? ['forklift'] : []);
    gap.addVacancy(['forklift']);
    expect(gap.report()).toEqual([{ skill: 'forklift', vacanciesAsking: 1, seekersWith: 34, vacanciesOpenedUp: 1, seekersOneSkillShort: 66 }]);
  });
});
