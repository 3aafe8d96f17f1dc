import { describe, expect, it } from 'vitest';
import { loadOccupationCodes, loadSkillsDictionary, MatchingDataError, OccupationCodes } from '../../src/matching/index.js';

const dictionary = loadSkillsDictionary();

describe('KBJI 2014 codes of the dictionary occupations (reference/kbji.json)', () => {
  it('loads: every key is an occupation of the skills dictionary, every code four digits', () => {
    const codes = loadOccupationCodes(dictionary);
    expect(codes.size).toBeGreaterThan(50);
    expect(codes.get('security')).toEqual({ code: '5414', title: 'Security guards' });
    expect(codes.get('driver-truck')?.code).toBe('8332');
    // Occupations spanning several unit groups are left out on purpose.
    for (const unsure of ['operator-produksi', 'electrician', 'nurse', 'teacher']) expect(codes.get(unsure), unsure).toBeUndefined();
  });

  it('refuses a file naming what is not an occupation, or a code that is not KBJI', () => {
    const load = (occupations: unknown) => () => OccupationCodes.parse({ about: 'test', occupations }, dictionary, 'kbji.json');
    expect(load({ 'no-such-job': { code: '5414', title: 'x' } })).toThrow(/occupations\.no-such-job: not an entry of the skills dictionary/);
    expect(load({ 'quality-control': { code: '3115', title: 'x' } })).toThrow(/occupations\.quality-control: a skill, not an occupation/);
    expect(load({ security: { code: '541', title: 'Security guards' } })).toThrow(MatchingDataError);
    expect(load({ security: { code: '5414' } })).toThrow(/occupations\.security\.title/);
  });
});
