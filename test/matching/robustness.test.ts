import { describe, expect, it } from 'vitest';
import { FREE_PREFIX, type Matcher } from '../../src/matching/index.js';
import { matcher, seeker, vacancy } from './fixtures.js';

/**
 * Hostile or odd text, and what the matcher must make of it: the dictionary skills it names
 * (nothing else it contains may become one), so who it matches follows from those alone.
 */
const HOSTILE: readonly (readonly [what: string, text: string, skills: readonly string[]])[] = [
  ['empty text', '', []],
  ['white space only', '   \n\t ', []],
  ['one skill 6,000 times (54 kB)', 'las smaw '.repeat(6000), ['welding-smaw']],
  ['one 50,000-character word', 'x'.repeat(50_000), []],
  ['emoji only', '😀🔥👷‍♂️🚜', []],
  ['other scripts around a skill', 'ساعة 焊接工 сварщик las smaw', ['welding-smaw']],
  ['markup and entities around a skill', '<script>alert(1)</script><b>forklift</b>&amp;&#39;', ['forklift']],
  ['a query operator', '{"$gt": ""}', []],
  ['SQL', "'; DROP TABLE vacancies; --", []],
  ['control characters and lone surrogates', '\u0000\u0007\uFFFF\uD800', []],
];

const dictionarySkills = (m: Matcher, text: string) => m.canonicalSkills(text).filter((id) => !id.startsWith(FREE_PREFIX));

/** A welder and a forklift vacancy, and subscriptions for each skill and for everything. */
function market(): Matcher {
  const m = matcher();
  m.addVacancy(vacancy('welder', { title: 'Welder', requiredSkills: ['las smaw'] }));
  m.addVacancy(vacancy('forklift', { title: 'Operator Forklift', requiredSkills: ['operator forklift'] }));
  m.addSubscription({ id: 'sub-las', filters: { keywords: ['las smaw'], kecamatan: [], jobTypes: [] }, active: true });
  m.addSubscription({ id: 'sub-forklift', filters: { keywords: ['forklift'], kecamatan: [], jobTypes: [] }, active: true });
  m.addSubscription({ id: 'sub-any', filters: { keywords: [], kecamatan: [], jobTypes: [] }, active: true });
  return m;
}

const VACANCY_OF_SKILL: Readonly<Record<string, string>> = { 'welding-smaw': 'welder', forklift: 'forklift' };
const SUBSCRIPTION_OF_SKILL: Readonly<Record<string, string>> = { 'welding-smaw': 'sub-las', forklift: 'sub-forklift' };

describe.each(HOSTILE)('hostile text: %s', (_what, text, skills) => {
  it('names exactly the dictionary skills in it, within bounded time', () => {
    const m = market();
    const start = performance.now();
    expect(dictionarySkills(m, text)).toEqual(skills);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('as a seeker’s skills, matches the vacancies of those skills and no other', () => {
    const m = market();
    const found = m.topVacanciesFor(seeker('s', text), 10).map((match) => match.vacancyId);
    expect(found.sort()).toEqual(skills.map((skill) => VACANCY_OF_SKILL[skill]).sort());
  });

  it('in every field of a vacancy, is indexed; the vacancy is found by those skills and alerts only their subscribers', () => {
    const m = market();
    const start = performance.now();
    m.addVacancy(vacancy('hostile', { title: text || 'x', description: text, requirements: text, kecamatan: text }));
    const hits = m.topVacanciesFor(seeker('s', 'las smaw, operator forklift'), 10).map((match) => match.vacancyId);
    expect(hits.includes('hostile')).toBe(skills.length > 0);
    expect(hits).toEqual(expect.arrayContaining(['welder', 'forklift']));
    expect(m.subscriptionsFor('hostile').sort()).toEqual([...skills.map((skill) => SUBSCRIPTION_OF_SKILL[skill]), 'sub-any'].sort());
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('robustness', () => {
  it('reads a skill wrapped in markup or entities as the plain skill', () => {
    const m = market();
    for (const wrapped of ['<b>forklift</b>', '<p class="x">forklift</p>', '&nbsp;forklift&nbsp;', '<li>Forklift</li>']) {
      expect(m.canonicalSkills(wrapped), wrapped).toEqual(m.canonicalSkills('forklift'));
    }
    expect(m.canonicalSkills('<i>las</i> <u>smaw</u>')).toEqual(['welding-smaw']);
  });

  it('treats an operator-looking string as plain words', () => {
    expect(market().canonicalSkills('{"$gt": ""}')).toEqual([`${FREE_PREFIX}gt`]);
  });

  it('clamps silly k values instead of failing', () => {
    const m = market();
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), -5)).toEqual([]);
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), Number.NaN).map((match) => match.vacancyId)).toEqual(['welder']);
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), 1e12).map((match) => match.vacancyId)).toEqual(['welder']);
  });
});
