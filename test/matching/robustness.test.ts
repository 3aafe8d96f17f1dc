import { describe, expect, it } from 'vitest';
import { matcher, seeker, vacancy } from './fixtures.js';

const HOSTILE = [
  '',
  '   \n\t ',
  'las smaw '.repeat(6000),
  'x'.repeat(50_000),
  '😀🔥👷‍♂️🚜',
  'ساعة 焊接工 сварщик las smaw',
  '<script>alert(1)</script><b>forklift</b>&amp;&#39;',
  '{"$gt": ""}',
  "'; DROP TABLE vacancies; --",
  '\u0000\u0007\uFFFF\uD800',
];

describe('robustness', () => {
  const m = matcher();
  m.addVacancy(vacancy('v', { title: 'Welder', requiredSkills: ['las smaw'], description: HOSTILE.join(' ') }));

  it.each(HOSTILE.map((text, i) => [i, text] as const))('answers hostile input #%i within bounded time', (_i, text) => {
    const start = performance.now();
    expect(() => m.topVacanciesFor(seeker('s', text), 10)).not.toThrow();
    expect(() => m.canonicalSkills(text)).not.toThrow();
    expect(() => m.addVacancy(vacancy(`h`, { title: text || 'x', description: text, requirements: text, kecamatan: text }))).not.toThrow();
    expect(() => m.subscriptionsFor(vacancy('q', { title: text, kecamatan: text }))).not.toThrow();
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('still finds the real skill inside markup', () => {
    expect(m.canonicalSkills('<b>forklift</b>')).toEqual(m.canonicalSkills('forklift'));
  });

  it('treats an operator-looking string as plain text', () => {
    expect(m.canonicalSkills('{"$gt": ""}')).toEqual(['free:gt']);
  });

  it('clamps silly k values instead of failing', () => {
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), -5)).toEqual([]);
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), Number.NaN).length).toBeGreaterThan(0);
    expect(m.topVacanciesFor(seeker('s', 'las smaw'), 1e12).length).toBeGreaterThan(0);
  });
});
