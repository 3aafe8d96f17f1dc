import { describe, expect, it } from 'vitest';
import { seekerSchema, subscriptionSchema, vacancySchema } from '../../src/domain/index.js';
import { generateDemo, JOB_TEMPLATES } from '../../src/demo/index.js';
import { loadKecamatanTable, loadSkillsDictionary, SkillTokenizer } from '../../src/matching/index.js';

describe('demo data generator', () => {
  const demo = generateDemo({ vacancies: 300, seekers: 40, subscriptions: 40, seed: 1 });

  it('produces records that pass the domain schemas', () => {
    for (const v of demo.vacancies) expect(vacancySchema.safeParse(v).error).toBeUndefined();
    for (const s of demo.seekers) expect(seekerSchema.safeParse(s).error).toBeUndefined();
    for (const s of demo.subscriptions) expect(subscriptionSchema.safeParse(s).error).toBeUndefined();
  });

  it('is deterministic for a seed and varies across seeds', () => {
    expect(generateDemo({ vacancies: 20, seed: 1 })).toEqual(generateDemo({ vacancies: 20, seed: 1 }));
    expect(generateDemo({ vacancies: 20, seed: 2 }).vacancies).not.toEqual(generateDemo({ vacancies: 20, seed: 1 }).vacancies);
  });

  it('places factory jobs in Bekasi estates, mostly open, paid around the UMK', () => {
    expect(new Set(demo.vacancies.map((v) => v.estate).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
    expect(demo.vacancies.filter((v) => v.status === 'open').length).toBeGreaterThan(240);
    for (const v of demo.vacancies) expect(v.salaryMin).toBeGreaterThan(3_500_000);
  });

  it('uses only skill phrases and places the engine knows', () => {
    const tokenizer = new SkillTokenizer(loadSkillsDictionary());
    const kecamatan = loadKecamatanTable();
    const unknown = JOB_TEMPLATES.flatMap((t) => [...t.required, ...t.preferred]).filter((p) => tokenizer.tokenize(p).skills.length === 0);
    expect(unknown).toEqual([]);
    const places = [...demo.vacancies.map((v) => v.kecamatan), ...demo.seekers.map((s) => s.domicile.kecamatan)];
    expect(places.filter((p) => kecamatan.lookup(p) === undefined)).toEqual([]);
  });
});
