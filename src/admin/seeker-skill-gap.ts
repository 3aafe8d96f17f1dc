import type { SkillGapHit } from '../conversation/index.js';
import { FREE_PREFIX, type NearbyRequirements } from '../matching/index.js';
import { SkillGap } from './skill-gap.js';

/**
 * The office's skill-gap report for one seeker: the skill gap over a single seeker and the open
 * vacancies within their reach ranks each missing skill by the vacancies it alone stands between
 * them and (`vacancies`: those for which it is the only required skill they lack). Dictionary skills only (a free word cannot be trained for); most vacancies first.
 */
export function seekerSkillGaps(requirements: NearbyRequirements, limit: number): SkillGapHit[] {
  const gap = new SkillGap();
  gap.addSeeker(requirements.covered);
  for (const required of requirements.vacancies) gap.addVacancy(required);
  return gap
    .report()
    .filter((row) => row.vacanciesOpenedUp > 0 && !row.skill.startsWith(FREE_PREFIX))
    .slice(0, limit)
    .map((row) => ({ skill: row.skill, vacancies: row.vacanciesOpenedUp }));
}
