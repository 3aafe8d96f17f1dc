import { describe, expect, it } from 'vitest';
import { companySchema, isVerified, jobSearchOf, seekerSchema, subscriptionSchema, trainingProgrammeSchema, vacancySchema } from '../../src/domain/index.js';
import { DEFAULT_UMK_RUPIAH } from '../../src/config/index.js';
import { describeDemo, generateDemo, JOB_TEMPLATES, summarizeDemo } from '../../src/demo/index.js';
import { loadKecamatanTable, loadSkillsDictionary, SkillTokenizer } from '../../src/matching/index.js';

describe('demo data generator', () => {
  const demo = generateDemo({ vacancies: 300, seekers: 40, subscriptions: 40, seed: 1 });

  it('produces records that pass the domain schemas', () => {
    for (const v of demo.vacancies) expect(vacancySchema.safeParse(v).error).toBeUndefined();
    for (const s of demo.seekers) expect(seekerSchema.safeParse(s).error).toBeUndefined();
    for (const s of demo.subscriptions) expect(subscriptionSchema.safeParse(s).error).toBeUndefined();
    for (const c of demo.companies) expect(companySchema.safeParse(c).error).toBeUndefined();
    for (const p of demo.programmes) expect(trainingProgrammeSchema.safeParse(p).error).toBeUndefined();
  });

  it('offers BLK welding, forklift and electrical courses, a Japan apprenticeship and a manufacturing internship, teaching dictionary skills in known places', () => {
    const dictionary = loadSkillsDictionary();
    const kecamatan = loadKecamatanTable();
    const open = demo.programmes.filter((p) => p.status === 'open');
    expect(open.map((p) => [p.kind, p.skills])).toEqual([
      ['blk', ['welding-smaw', 'welding-mig']],
      ['blk', ['forklift', 'sio-forklift']],
      ['blk', ['electrical-installation', 'panel-wiring']],
      ['apprenticeship-japan', ['magang-jepang', 'japanese']],
      ['internship', ['operator-produksi', 'quality-control']],
    ]);
    expect(demo.programmes.filter((p) => p.status === 'closed')).toHaveLength(1);
    expect(demo.programmes.flatMap((p) => p.skills).filter((id) => dictionary.get(id) === undefined)).toEqual([]);
    expect(demo.programmes.filter((p) => kecamatan.lookup(p.kecamatan)?.name !== p.kecamatan)).toEqual([]);
    // Dated from "today": the welding course starts two weeks after it (WIB), the closed intake is long over.
    expect(demo.programmes[0]?.schedule.startDate).toBe('2026-03-16');
    expect(demo.programmes.at(-1)?.schedule.endDate).toBe('2025-12-02');
  });

  it('has seekers in each job search state, most of them looking for work', () => {
    const seekers = generateDemo({ vacancies: 0, seekers: 400, subscriptions: 0, seed: 1 }).seekers;
    const share = (state: string) => seekers.filter((s) => jobSearchOf(s).state === state).length / seekers.length;
    expect(share('active')).toBeGreaterThan(0.7);
    expect(share('placed')).toBeGreaterThan(0.05);
    expect(share('paused')).toBeGreaterThan(0.03);
    for (const s of seekers) expect(Date.parse(jobSearchOf(s).placement?.at ?? s.createdAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
  });

  it('records every company its vacancies name, with NIB, address and HR contact, most verified and a few not', () => {
    const named = new Set(demo.vacancies.map((v) => v.company.id));
    expect(new Set(demo.companies.map((c) => c.id))).toEqual(named);
    for (const c of demo.companies) {
      expect(c.registrationNumber).toMatch(/^\d{13}$/);
      expect(c.address).toContain('Kabupaten Bekasi');
      expect(c.hrContact?.email).toMatch(/^hrd@/);
    }
    const verified = demo.companies.filter((c) => isVerified(c)).length;
    expect(verified / demo.companies.length).toBeGreaterThan(0.7);
    expect(demo.companies.length - verified).toBeGreaterThan(0);
    // The same company is verified or not whatever the counts, so a reseeded demo keeps its marks.
    const few = generateDemo({ vacancies: 20, seed: 1 }).companies;
    for (const c of few) expect(isVerified(c)).toBe(isVerified(demo.companies.find((d) => d.id === c.id)));
  });

  it('is deterministic for a seed and varies across seeds', () => {
    expect(generateDemo({ vacancies: 20, seed: 1 })).toEqual(generateDemo({ vacancies: 20, seed: 1 }));
    expect(generateDemo({ vacancies: 20, seed: 2 }).vacancies).not.toEqual(generateDemo({ vacancies: 20, seed: 1 }).vacancies);
  });

  it('places factory jobs in Bekasi estates, mostly open, paid around the UMK', () => {
    expect(new Set(demo.vacancies.map((v) => v.estate).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
    expect(demo.vacancies.filter((v) => v.status === 'open').length).toBeGreaterThan(240);
    for (const v of demo.vacancies) expect(v.salaryMin).toBeGreaterThan(3_500_000);
    // Paid around the one configured UMK: the operator jobs (pay 1.0) start near it.
    const operators = demo.vacancies.filter((v) => v.requiredSkills.includes('operator produksi'));
    for (const v of operators) expect(Math.abs((v.salaryMin ?? 0) / DEFAULT_UMK_RUPIAH - 1)).toBeLessThan(0.16);
  });

  it('writes requirements as postings do: skills listed, never "Menguasai" a job title', () => {
    const requirements = demo.vacancies.map((v) => v.requirements ?? '').join('\n');
    expect(requirements).not.toMatch(/Menguasai (teknisi listrik|satpam|kasir|perawat)/);
    const electrician = demo.vacancies.find((v) => v.requiredSkills.includes('teknisi listrik'));
    expect(electrician?.requirements).toContain('- Keahlian: teknisi listrik, instalasi listrik');
  });

  it('says what it made and why not all of it shows', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const summary = summarizeDemo({ vacancies: demo.vacancies, companies: demo.companies, seekers: demo.seekers.length, subscriptions: demo.subscriptions, programmes: demo.programmes }, 2, now);
    const { open, closed, draft } = summary.vacancyStatus;
    expect(open + closed + draft).toBe(300);
    expect(closed + draft).toBeGreaterThan(0);
    expect(summary.subscriptionsActive + summary.subscriptionsPaused).toBe(40);
    const lines = describeDemo(summary);
    expect(lines[0]).toBe(`300 vacancies created: ${open - summary.openPastDeadline} open and shown in searches and alerts; ${summary.openPastDeadline} open but past their deadline (not shown), ${closed} closed and ${draft} drafts (never shown), as an office's list has them.`);
    const unverified = demo.companies.filter((c) => !isVerified(c)).map((c) => c.name);
    expect(lines[1]).toBe(`${demo.companies.length} companies created: ${demo.companies.length - unverified.length} verified, ${unverified.length} left unverified (their vacancies say so in chat): ${unverified.slice(0, 3).join(', ')} and ${unverified.length - 3} more (all in the JSON summary).`);
    expect(lines.at(-2)).toBe('6 training programmes created: 5 open (offered in chat under "pelatihan"), 1 closed.');
    expect(lines.at(-1)).toBe('2 records were in the store already and were left as they were.');
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
