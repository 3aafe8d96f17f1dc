import { describe, expect, it } from 'vitest';
import type { MatchSubscription } from '../../src/matching/index.js';
import { matcher, seeker, vacancy } from './fixtures.js';

const subscription = (id: string, filters: Partial<MatchSubscription['filters']> = {}, active = true): MatchSubscription => ({
  id,
  filters: { keywords: [], kecamatan: [], jobTypes: [], ...filters },
  active,
});

describe('forward index, incremental', () => {
  it('sees a vacancy opened, edited and closed on the next query, without a rebuild', () => {
    const m = matcher();
    const welder = seeker('s', 'las argon');
    expect(m.topVacanciesFor(welder)).toEqual([]);
    m.addVacancy(vacancy('v1', { title: 'Welder', requiredSkills: ['las tig'] }));
    expect(m.topVacanciesFor(welder).map((x) => x.vacancyId)).toEqual(['v1']);
    m.updateVacancy(vacancy('v1', { title: 'Driver', requiredSkills: ['sim b1'] }));
    expect(m.topVacanciesFor(welder)).toEqual([]);
    m.updateVacancy(vacancy('v1', { title: 'Welder', requiredSkills: ['las tig'], status: 'closed' }));
    expect(m.topVacanciesFor(welder)).toEqual([]);
    expect(m.stats).toMatchObject({ vacancies: 1, openVacancies: 0 });
    m.updateVacancy(vacancy('v1', { title: 'Welder', requiredSkills: ['las tig'] }));
    expect(m.removeVacancy('v1')).toBe(true);
    expect(m.topVacanciesFor(welder)).toEqual([]);
  });

  it('returns at most k results, best first, with deterministic ties', () => {
    const m = matcher();
    for (let i = 0; i < 30; i++) m.addVacancy(vacancy(`v${i}`, { requiredSkills: ['kasir'] }));
    const top = m.topVacanciesFor(seeker('s', 'kasir'), 5);
    expect(top).toHaveLength(5);
    expect(top.map((x) => x.vacancyId)).toEqual(m.topVacanciesFor(seeker('s', 'kasir'), 5).map((x) => x.vacancyId));
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.score).toBeGreaterThanOrEqual(top[i]!.score);
  });

  it('scores a pair the same in both directions', () => {
    const m = matcher();
    m.addVacancy(vacancy('v', { requiredSkills: ['las smaw', 'k3'], preferredSkills: ['gambar teknik'], localQuota: 1, quota: 2 }));
    const s = seeker('s', 'las smaw, gambar teknik', { domicile: { kecamatan: 'Setu', ktpBekasi: true } });
    m.addSeeker(s);
    expect(m.seekersFor('v')[0]!.score).toBeCloseTo(m.topVacanciesFor(s)[0]!.score, 3);
  });
});

describe('reverse: vacancy → subscriptions and seekers', () => {
  it('finds every active subscription whose filters the new vacancy satisfies', () => {
    const m = matcher();
    m.addSubscription(subscription('any'));
    m.addSubscription(subscription('welding', { keywords: ['las'] }));
    m.addSubscription(subscription('driver', { keywords: ['sopir'] }));
    m.addSubscription(subscription('here', { kecamatan: ['Cikarang Barat'] }));
    m.addSubscription(subscription('there', { kecamatan: ['Babelan'] }));
    m.addSubscription(subscription('pkwt', { jobTypes: ['PKWT'] }));
    m.addSubscription(subscription('harian', { jobTypes: ['harian'] }));
    m.addSubscription(subscription('sma', { education: 'SMA' }));
    m.addSubscription(subscription('smp', { keywords: ['las'], education: 'SMP' }));
    m.addSubscription(subscription('paused', { keywords: ['las'] }, false));
    const v = vacancy('v', { title: 'Welder SMAW', requiredSkills: ['las smaw'], kecamatan: 'MM2100', employmentType: 'PKWT', minEducation: 'SMK' });
    expect(m.subscriptionsFor(v).sort()).toEqual(['any', 'here', 'pkwt', 'sma', 'welding']);
  });

  it('follows subscription edits and removals', () => {
    const m = matcher();
    m.addSubscription(subscription('a', { keywords: ['barista'] }));
    const v = vacancy('v', { title: 'Barista', requiredSkills: ['barista'] });
    expect(m.subscriptionsFor(v)).toEqual(['a']);
    m.updateSubscription(subscription('a', { keywords: ['kasir'] }));
    expect(m.subscriptionsFor(v)).toEqual([]);
    m.updateSubscription(subscription('a', { keywords: ['barista'] }));
    m.removeSubscription('a');
    expect(m.subscriptionsFor(v)).toEqual([]);
    for (let i = 0; i < 3000; i++) m.addSubscription(subscription(`x${i}`, { keywords: i % 2 === 0 ? ['barista'] : [] }));
    for (let i = 0; i < 2500; i++) m.removeSubscription(`x${i}`);
    expect(m.subscriptionsFor(v).sort()).toEqual(Array.from({ length: 500 }, (_, i) => `x${2500 + i}`).sort());
  });

  it('matches no subscription for a closed or expired vacancy', () => {
    const m = matcher();
    m.addSubscription(subscription('any'));
    expect(m.subscriptionsFor(vacancy('v', { status: 'closed' }))).toEqual([]);
    expect(m.subscriptionsFor(vacancy('v', { deadline: '2020-01-01T00:00:00Z' }))).toEqual([]);
  });

  it('ranks the seekers a vacancy suits, with reasons', () => {
    const m = matcher();
    m.addSeeker(seeker('welder', 'las smaw, las tig'));
    m.addSeeker(seeker('driver', 'sopir truk, sim b1'));
    m.addSeeker(seeker('inactive', 'las smaw', { status: 'inactive' }));
    m.addVacancy(vacancy('v', { title: 'Welder', requiredSkills: ['las smaw'] }));
    const top = m.seekersFor('v', 5);
    expect(top.map((x) => x.seekerId)).toEqual(['welder']);
    expect(top[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'skill', skillId: 'welding-smaw', role: 'required' }));
    m.removeSeeker('welder');
    expect(m.seekersFor('v', 5)).toEqual([]);
  });
});
