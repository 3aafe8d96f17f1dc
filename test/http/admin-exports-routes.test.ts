import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { makeApplication, makeSeeker, makeVacancy } from '../fixtures/domain.js';
import { AdminApiHarness, bearer, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

describe('admin API: exports for the province and the ministry', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';

  beforeAll(async () => {
    await admin.open();
    ({ store, api } = admin);
    // Sari agreed to sharing; Joko only to being stored; Wati agreed, and applied too.
    await store.seekers.create(makeSeeker('skr-sari', { name: 'Sari Wulandari', identities: [{ channel: 'whatsapp', userId: '+6281234567001' }], sharingConsentAt: '2026-11-21T02:00:00.000Z' }));
    await store.seekers.create(makeSeeker('skr-joko', { name: 'Joko Prasetyo', identities: [{ channel: 'telegram', userId: '777000111' }] }));
    await store.seekers.create(makeSeeker('skr-wati', { name: 'Wati Susanti', identities: [{ channel: 'web', userId: 'web-wati' }], sharingConsentAt: '2026-11-22T02:00:00.000Z' }));
    await store.vacancies.create(makeVacancy('vac-1', { title: 'Operator Las SMAW, shift "C"' }));
    await store.vacancies.create(makeVacancy('vac-2', { status: 'closed', estate: undefined }));
    await store.applications.create(makeApplication('app-joko', { seekerId: 'skr-joko', vacancyId: 'vac-1', status: 'hired', ktpBekasi: true, history: [{ status: 'submitted', at: '2026-11-20T08:00:00.000Z' }, { status: 'hired', at: '2026-11-25T08:00:00.000Z' }] }));
    await store.applications.create(makeApplication('app-wati', { seekerId: 'skr-wati', vacancyId: 'vac-1', status: 'hired', ktpBekasi: false, history: [{ status: 'submitted', at: '2026-11-20T08:00:00.000Z' }, { status: 'interview', at: '2026-11-22T08:00:00.000Z' }, { status: 'hired', at: '2026-11-26T08:00:00.000Z' }] }));
    await store.applications.create(makeApplication('app-anon', { seekerId: undefined, vacancyId: 'vac-2', status: 'rejected' }));
  });
  afterAll(() => admin.close());

  const download = async (name: string, role: 'admin' | 'operator' = 'operator') => {
    const response = await fetch(`${api}/exports/${name}`, { headers: bearer(role) });
    expect(response.status, name).toBe(200);
    return { response, text: await response.text() };
  };

  it('exports only the seekers who agreed to sharing, without chat ids or phone numbers, as CSV and as JSON Lines', async () => {
    const { response, text } = await download('seekers.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/lokerbot-seekers-\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parseCsv<Record<string, string>>(text, { columns: true });
    expect(rows.map((r) => r.name)).toEqual(['Sari Wulandari', 'Wati Susanti']);
    expect(rows[0]).toMatchObject({ id: 'skr-sari', kecamatan: 'Cikarang Utara', ktpBekasi: 'true', educationLevel: 'SMK', sharingConsentAt: '2026-11-21T02:00:00.000Z' });
    for (const secret of ['Joko', '+62812', 'web-wati', '777000111']) expect(text).not.toContain(secret);

    const jsonl = await download('seekers.jsonl');
    expect(jsonl.response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = jsonl.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['skr-sari', 'skr-wati']);
    expect(lines[0]).toMatchObject({ desa: 'Karangasih', experienceYears: 2, certifications: 'BLK Las SMAW' });
  });

  it('exports vacancies, with text that needs quoting kept whole', async () => {
    const rows = parseCsv<Record<string, string>>((await download('vacancies.csv')).text, { columns: true });
    expect(rows.map((r) => [r.id, r.title, r.status, r.estate])).toEqual([
      ['vac-1', 'Operator Las SMAW, shift "C"', 'open', 'MM2100'],
      ['vac-2', 'Operator Las SMAW', 'closed', ''],
    ]);
    const jsonl = (await download('vacancies.jsonl')).text.trim().split('\n');
    expect(JSON.parse(jsonl[1] ?? '{}')).toMatchObject({ id: 'vac-2', estate: null, quota: 10 });
  });

  it('exports applications and placements, naming only seekers who agreed to sharing', async () => {
    const applications = parseCsv<Record<string, string>>((await download('applications.csv')).text, { columns: true });
    expect(applications.map((a) => [a.id, a.seekerId, a.status])).toEqual([
      ['app-anon', '', 'rejected'],
      ['app-joko', '', 'hired'],
      ['app-wati', 'skr-wati', 'hired'],
    ]);
    const placements = (await download('placements.jsonl', 'admin')).text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(placements).toEqual([
      { applicationId: 'app-joko', vacancyId: 'vac-1', companyId: 'cmp-astra', companyName: 'PT Astra Otoparts Tbk', title: 'Operator Las SMAW, shift "C"', kecamatan: 'Cikarang Barat', estate: 'MM2100', seekerId: null, ktpBekasi: true, placedAt: '2026-11-25T08:00:00.000Z' },
      { applicationId: 'app-wati', vacancyId: 'vac-1', companyId: 'cmp-astra', companyName: 'PT Astra Otoparts Tbk', title: 'Operator Las SMAW, shift "C"', kecamatan: 'Cikarang Barat', estate: 'MM2100', seekerId: 'skr-wati', ktpBekasi: false, placedAt: '2026-11-26T08:00:00.000Z' },
    ]);
  });

  it('exports open vacancies in the WLPP fields: employer NIB, KBLI and verification, KBJI where known, no person', async () => {
    const at = '2026-11-20T08:00:00.000Z';
    await store.companies.create({ id: 'cmp-astra', name: 'PT Astra Otoparts Tbk', registrationNumber: '9120001234567', industryCode: '29300', hrContact: { name: 'Bu Rina', phone: '+6281299990000' }, verification: { verifiedBy: 'Kasi Penempatan', verifiedAt: at }, createdAt: at, updatedAt: at });
    await store.companies.create({ id: 'cmp-baru', name: 'PT Baru Berdiri', createdAt: at, updatedAt: at });
    await store.vacancies.create(makeVacancy('vac-3', { company: { id: 'cmp-baru', name: 'PT Baru Berdiri' }, title: 'Security', occupationCode: undefined, salaryMin: undefined, salaryMax: undefined, deadline: undefined, estate: undefined }));
    await store.vacancies.create(makeVacancy('vac-4', { company: { name: 'CV Tanpa Catatan' }, title: 'Operator Produksi', occupationCode: undefined, requiredSkills: [] }));
    // Still "open" but past its deadline (no one closed it): it takes no one, so it is not reported.
    await store.vacancies.create(makeVacancy('vac-5', { title: 'Operator Forklift', deadline: '2026-01-31T16:59:59.000Z' }));
    try {
      const { response, text } = await download('wlpp.csv');
      expect(response.headers.get('content-disposition')).toMatch(/lokerbot-wlpp-\d{4}-\d{2}-\d{2}\.csv/);
      expect(text.split('\n')[0]).toBe('vacancyId,companyName,companyNib,companyKbli,companyVerified,position,kbji,education,minExperienceYears,employmentType,quota,localQuota,kecamatan,estate,regency,province,salaryMin,salaryMax,deadline,openedAt');
      const rows = parseCsv<Record<string, string>>(text, { columns: true });
      expect(rows.map((r) => [r.vacancyId, r.companyName, r.companyNib, r.companyKbli, r.companyVerified, r.position, r.kbji])).toEqual([
        ['vac-1', 'PT Astra Otoparts Tbk', '9120001234567', '29300', 'true', 'Operator Las SMAW, shift "C"', '7212'],
        ['vac-3', 'PT Baru Berdiri', '', '', 'false', 'Security', '5414'],
        ['vac-4', 'CV Tanpa Catatan', '', '', 'false', 'Operator Produksi', ''],
      ]);
      expect(rows[0]).toMatchObject({ education: 'SMK', quota: '10', localQuota: '6', kecamatan: 'Cikarang Barat', estate: 'MM2100', regency: 'Kabupaten Bekasi', province: 'Jawa Barat', salaryMin: '5200000', salaryMax: '5800000' });
      for (const secret of ['Bu Rina', '+62812']) expect(text).not.toContain(secret);

      const jsonl = (await download('wlpp.jsonl', 'admin')).text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(jsonl[1]).toMatchObject({ vacancyId: 'vac-3', companyVerified: false, kbji: '5414', salaryMin: null, deadline: null, estate: null });
      const doc = (await (await fetch(`${api}/openapi.json`)).json()) as { paths: Record<string, { get?: unknown }> };
      expect(JSON.stringify(doc.paths['/api/admin/exports/{dataset}.{format}']?.get)).toContain('"wlpp"');
      expect((await fetch(`${api}/exports/wlpp.csv`, { headers: bearer('company') })).status).toBe(403);
      expect((await fetch(`${api}/exports/wlpp.csv`)).status).toBe(401);
    } finally {
      for (const id of ['vac-3', 'vac-4']) await store.vacancies.delete(id);
    }
  });

  it('audits every export, and is for office staff only', async () => {
    const entries = await store.audit.find({ 'target.type': 'export' });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ actor: TOKENS.operator.id, action: 'export.download', target: { id: 'seekers' }, details: { format: 'csv' } });
    expect((await fetch(`${api}/exports/seekers.csv`, { headers: bearer('company') })).status).toBe(403);
    expect((await fetch(`${api}/exports/seekers.xlsx`, { headers: bearer('admin') })).status).toBe(400);
    expect((await fetch(`${api}/exports/tokens.csv`, { headers: bearer('admin') })).status).toBe(400);
  });
});
