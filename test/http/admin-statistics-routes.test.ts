import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek, type Statistics } from '../../src/admin/statistics.js';
import type { Store } from '../../src/store/index.js';
import { makeApplication, makeDelivery, makeSeeker, makeVacancy } from '../fixtures/domain.js';
import { AdminApiHarness, bearer } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

const NOW = new Date();
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

describe('admin API: statistics', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';

  beforeAll(async () => {
    await admin.open({ placementTarget: 4 });
    ({ store, api } = admin);
    const seekers = [
      makeSeeker('skr-1', { domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: true }, education: { level: 'SMK' }, skills: { ids: ['welding-smaw', 'free:rajin'], raw: 'las smaw, rajin' } }),
      // Said in the chat they found work: a self-reported placement.
      makeSeeker('skr-2', { domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: true }, education: { level: 'SMA' }, skills: { ids: ['welding-smaw', 'technical-drawing'], raw: 'las, gambar teknik' }, jobSearch: { state: 'placed', confirmedAt: daysAgo(1), placement: { at: daysAgo(1), company: 'PT Sinar Las' } } }),
      // Hired through app-2 and said so in the chat too: one placement, the application's.
      makeSeeker('skr-3', { domicile: { kecamatan: 'Tambun Selatan', ktpBekasi: false }, education: { level: 'S1' }, skills: { ids: ['forklift'], raw: 'forklift' }, jobSearch: { state: 'placed', confirmedAt: daysAgo(1), placement: { at: daysAgo(1) } } }),
      makeSeeker('skr-4', { status: 'inactive', domicile: { kecamatan: 'Setu', ktpBekasi: true }, jobSearch: { state: 'paused', pausedAt: daysAgo(1), pausedBy: 'no-answer' } }),
    ];
    for (const seeker of seekers) await store.seekers.create(seeker);
    await store.vacancies.create(makeVacancy('vac-1', { title: 'Welder SMAW', requiredSkills: ['las smaw', 'k3'], estate: 'MM2100', kecamatan: 'Cikarang Barat', quota: 10 }));
    await store.vacancies.create(makeVacancy('vac-2', { title: 'Operator Forklift', requiredSkills: ['operator forklift', 'sim b1'], estate: 'MM2100', kecamatan: 'Cikarang Barat', quota: 3, localQuota: 1 }));
    await store.vacancies.create(makeVacancy('vac-3', { title: 'Admin Gudang', requiredSkills: ['microsoft excel'], estate: undefined, kecamatan: 'Cibitung', quota: 1, localQuota: 0 }));
    await store.vacancies.create(makeVacancy('vac-4', { status: 'closed', estate: 'Jababeka' }));
    const hired = (at: string) => [{ status: 'submitted' as const, at: daysAgo(30) }, { status: 'hired' as const, at }];
    await store.applications.create(makeApplication('app-1', { seekerId: 'skr-1', vacancyId: 'vac-1', ktpBekasi: true, status: 'hired', history: hired(daysAgo(2)), createdAt: daysAgo(3) }));
    await store.applications.create(makeApplication('app-2', { seekerId: 'skr-3', vacancyId: 'vac-2', ktpBekasi: false, status: 'hired', history: hired(daysAgo(1)), createdAt: daysAgo(1) }));
    await store.applications.create(makeApplication('app-3', { seekerId: 'skr-2', vacancyId: 'vac-1', ktpBekasi: true, createdAt: daysAgo(0) }));
    await store.deliveries.create(makeDelivery('dlv-1', { sourceId: 'vacancy-vac-1', recipient: 'telegram/1', status: 'sent', updatedAt: daysAgo(0) }));
    await store.deliveries.create(makeDelivery('dlv-2', { sourceId: 'digest-20261120-sub-1', recipient: 'telegram/2', status: 'sent', updatedAt: daysAgo(0) }));
    await store.deliveries.create(makeDelivery('dlv-3', { sourceId: 'broadcast-brc-1', recipient: 'telegram/3', status: 'sent', updatedAt: daysAgo(0) }));
    await store.deliveries.create(makeDelivery('dlv-4', { sourceId: 'vacancy-vac-2', recipient: 'telegram/4', status: 'failed', updatedAt: daysAgo(0) }));
  });
  afterAll(() => admin.close());

  async function statistics(query = ''): Promise<Statistics> {
    const response = await fetch(`${api}/statistics${query}`, { headers: bearer('operator') });
    expect(response.status).toBe(200);
    return (await response.json()) as Statistics;
  }

  it('counts active seekers by kecamatan, education, KTP Bekasi, job search status and known skills', async () => {
    const { seekers } = await statistics();
    expect(seekers.total).toBe(3);
    expect(seekers.byJobSearch).toEqual([{ jobSearch: 'active', count: 1 }, { jobSearch: 'paused', count: 0 }, { jobSearch: 'placed', count: 2 }]);
    expect(seekers.byKecamatan).toEqual([{ kecamatan: 'Cikarang Utara', count: 2 }, { kecamatan: 'Tambun Selatan', count: 1 }]);
    expect(seekers.byEducation).toEqual([{ education: 'SMA', count: 1 }, { education: 'SMK', count: 1 }, { education: 'S1', count: 1 }]);
    expect(seekers.byKtpBekasi).toEqual([{ ktpBekasi: true, count: 2 }, { ktpBekasi: false, count: 1 }]);
    expect(seekers.topSkills[0]).toEqual({ skill: 'welding-smaw', name: expect.stringMatching(/SMAW/i) as string, seekers: 2 });
    expect(seekers.topSkills.map((s) => s.skill)).not.toContain('free:rajin');
  });

  it('counts open vacancies and their places by estate, sector and kecamatan', async () => {
    const { vacancies } = await statistics();
    expect(vacancies.open).toBe(3);
    expect(vacancies.byEstate).toEqual([{ estate: 'MM2100', vacancies: 2, places: 13 }, { estate: '(none)', vacancies: 1, places: 1 }]);
    expect(vacancies.byKecamatan).toEqual([{ kecamatan: 'Cikarang Barat', vacancies: 2, places: 13 }, { kecamatan: 'Cibitung', vacancies: 1, places: 1 }]);
    expect(vacancies.bySector).toEqual([
      { sector: 'warehouse-logistics', vacancies: 2, places: 4 },
      { sector: 'manufacturing', vacancies: 1, places: 10 },
    ]);
  });

  it('counts matches (alerts and digests sent), applications and placements per ISO week, and the local share against the target', async () => {
    const stats = await statistics('?weeks=4');
    expect(stats.weekly).toHaveLength(4);
    expect(stats.weekly.at(-1)?.week).toBe(isoWeek(NOW));
    const total = (key: 'matches' | 'applications' | 'placements' | 'selfReportedPlacements') => stats.weekly.reduce((sum, w) => sum + w[key], 0);
    expect([total('matches'), total('applications'), total('placements'), total('selfReportedPlacements')]).toEqual([2, 3, 3, 1]);
    expect(stats.localShare).toMatchObject({ placements: 3, selfReported: 1, local: 2, share: 2 / 3, target: 4, progress: 0.5 });
  });

  it('ranks the skill gap by the vacancies that would open up', async () => {
    const { skillGap } = await statistics();
    expect(skillGap.slice(0, 2).map((row) => [row.skill, row.vacanciesOpenedUp, row.seekersOneSkillShort])).toEqual([
      ['k3', 1, 2],
      ['microsoft-excel', 1, 3],
    ]);
    expect(skillGap.find((row) => row.skill === 'sim-b1')).toMatchObject({ vacanciesAsking: 1, seekersWith: 0, vacanciesOpenedUp: 1, seekersOneSkillShort: 1 });
  });

  it('serves each table as CSV with a header row', async () => {
    const response = await fetch(`${api}/statistics/seekers-by-kecamatan.csv`, { headers: bearer('admin') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(parseCsv(await response.text(), { columns: true })).toEqual([
      { kecamatan: 'Cikarang Utara', count: '2' },
      { kecamatan: 'Tambun Selatan', count: '1' },
    ]);
    const share = parseCsv<Record<string, string>>(await (await fetch(`${api}/statistics/local-share.csv`, { headers: bearer('admin') })).text(), { columns: true });
    expect(share).toEqual([expect.objectContaining({ placements: '3', selfReported: '1', local: '2', target: '4', progress: '0.5' })]);
    const searching = await (await fetch(`${api}/statistics/seekers-by-job-search.csv`, { headers: bearer('admin') })).text();
    expect(parseCsv(searching, { columns: true })).toEqual([
      { jobSearch: 'active', count: '1' },
      { jobSearch: 'paused', count: '0' },
      { jobSearch: 'placed', count: '2' },
    ]);
    const gap = await (await fetch(`${api}/statistics/skill-gap.csv?top=1`, { headers: bearer('admin') })).text();
    expect(gap.split('\n')[0]).toBe('skill,name,vacanciesAsking,seekersWith,vacanciesOpenedUp,seekersOneSkillShort');
    expect((await fetch(`${api}/statistics/salaries.csv`, { headers: bearer('admin') })).status).toBe(400);
  });

  it('is for office staff only', async () => {
    expect((await fetch(`${api}/statistics`, { headers: bearer('company') })).status).toBe(403);
    expect((await fetch(`${api}/statistics/weekly.csv`, { headers: bearer('company') })).status).toBe(403);
  });
});
