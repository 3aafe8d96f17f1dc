import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/admin/vacancy-import.js';
import type { Vacancy } from '../../src/domain/index.js';
import { VacancyUnderReviewError } from '../../src/errors/index.js';
import type { Store } from '../../src/store/index.js';
import { FUTURE_DEADLINE } from '../fixtures/domain.js';
import { AdminApiHarness, bearer, errorOf, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

type Role = 'admin' | 'operator' | 'company';
const honest = (extra: Record<string, unknown> = {}) => ({
  title: 'Operator Produksi',
  company: { name: 'PT Kencana Presisi Komponen' },
  description: 'Produsen komponen stamping di Kawasan Industri MM2100 Blok F-3. Gaji UMK + lembur, BPJS. Kirim CV ke hrd@kencanapresisi.co.id. Tidak dipungut biaya.',
  requirements: 'SMA/SMK, bersedia kerja shift',
  kecamatan: 'Cikarang Barat',
  salaryMin: 5_600_000,
  deadline: FUTURE_DEADLINE,
  ...extra,
});

/** As Facebook job groups carry it: an admin fee to a personal account. */
const feeScam = (extra: Record<string, unknown> = {}) =>
  honest({
    title: 'DIBUTUHKAN SEGERA OPERATOR PRODUKSI',
    company: { name: 'PT Mitra Jaya Elektrindo' },
    description: 'Penempatan kawasan MM2100. Bisa langsung kerja TANPA TES. Biaya administrasi Rp 350.000 transfer ke rek BRI a.n. Dedi. Kirim bukti transfer ke WA 0857-7123-4490.',
    ...extra,
  });

describe('admin API: posting review (the fee and scam detector)', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';

  beforeEach(async () => {
    await admin.open();
    store = admin.store;
    api = admin.api;
  });
  afterEach(() => admin.close());

  const send = (method: string, path: string, body: unknown, role: Role = 'operator') => admin.send(method, path, body, role);
  async function create(body: unknown, role: Role = 'operator'): Promise<Vacancy> {
    const response = await send('POST', '/vacancies', body, role);
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { vacancy: Vacancy }).vacancy;
  }
  const auditActions = async (id: string) => (await store.audit.find({ 'target.id': id })).map((e) => e.action);

  it('keeps a flagged posting asked to be open as a draft with its reasons, refuses to open it, lists it for review, and opens it once approved', async () => {
    const vacancy = await create({ ...feeScam(), status: 'open' }, 'company');
    expect(vacancy.status).toBe('draft');
    expect(vacancy.review).toMatchObject({ state: 'pending' });
    expect(vacancy.review?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['fee-request', 'no-interview', 'personal-contact-only']));
    expect(JSON.stringify(vacancy.review)).not.toContain('4490');
    expect(await store.outbox.count()).toBe(0);

    const refused = await send('POST', `/vacancies/${vacancy.id}/open`, {}, 'company');
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('loker:vacancy-under-review');
    expect(error.details.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'fee-request' })]));
    await expect(store.vacancies.open(vacancy.id)).rejects.toBeInstanceOf(VacancyUnderReviewError);
    expect(await store.outbox.count()).toBe(0);

    const queue = await fetch(`${api}/vacancies/review`, { headers: bearer('operator') });
    expect(queue.status).toBe(200);
    expect(((await queue.json()) as { items: Vacancy[] }).items.map((v) => v.id)).toEqual([vacancy.id]);
    expect((await fetch(`${api}/vacancies/review`, { headers: bearer('company') })).status).toBe(403);
    expect((await send('POST', `/vacancies/${vacancy.id}/approve`, {}, 'company')).status).toBe(403);

    const approved = await send('POST', `/vacancies/${vacancy.id}/approve`, { note: 'Ditelepon: biaya sudah dihapus dari iklan aslinya' });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const body = (await approved.json()) as { vacancy: Vacancy; opened: boolean };
    expect(body.opened).toBe(true);
    expect(body.vacancy).toMatchObject({ status: 'open', review: { state: 'approved', decidedBy: TOKENS.operator.id } });
    expect(await store.outbox.count()).toBe(1);
    expect(await auditActions(vacancy.id)).toEqual(expect.arrayContaining(['vacancy.create', 'vacancy.review.approve', 'vacancy.open']));
    expect(((await (await fetch(`${api}/vacancies/review`, { headers: bearer('admin') })).json()) as { items: Vacancy[] }).items).toEqual([]);

    const again = await send('POST', `/vacancies/${vacancy.id}/approve`, {});
    expect(again.status).toBe(409);
  });

  it('rejects a flagged posting for good: closed, never to be opened, audit-logged with why', async () => {
    const vacancy = await create(feeScam());
    expect((await send('POST', `/vacancies/${vacancy.id}/reject`, {})).status).toBe(400);
    const rejected = await send('POST', `/vacancies/${vacancy.id}/reject`, { note: 'Meminta biaya administrasi ke rekening pribadi' }, 'admin');
    expect(rejected.status).toBe(200);
    expect(((await rejected.json()) as { vacancy: Vacancy }).vacancy).toMatchObject({ status: 'closed', review: { state: 'rejected', decidedBy: TOKENS.admin.id } });
    const refused = await send('POST', `/vacancies/${vacancy.id}/open`, {});
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('loker:vacancy-rejected');
    const entry = (await store.audit.find({ 'target.id': vacancy.id })).find((e) => e.action === 'vacancy.review.reject');
    expect(entry?.details).toMatchObject({ note: 'Meminta biaya administrasi ke rekening pribadi' });
    expect(entry?.details?.reasons).toContain('fee-request');
  });

  it('takes an open vacancy back to a draft when an edit asks for money, and lets it open again once the words are gone', async () => {
    const vacancy = await create({ ...honest(), status: 'open' });
    expect(vacancy).toMatchObject({ status: 'open' });
    expect(vacancy.review).toBeUndefined();
    expect(await store.outbox.count()).toBe(1);

    const edited = await send('PATCH', `/vacancies/${vacancy.id}`, { requirements: 'SMA/SMK. Karyawan baru wajib membayar uang seragam Rp 150.000 ke admin sebelum hari pertama.' });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { vacancy: Vacancy }).vacancy).toMatchObject({ status: 'draft', review: { state: 'pending', reasons: [expect.objectContaining({ code: 'fee-request', field: 'requirements' })] } });
    expect((await store.audit.find({ 'target.id': vacancy.id })).find((e) => e.action === 'vacancy.update')?.details).toMatchObject({ review: 'fee-request', heldForReview: 'true' });

    const fixed = await send('PATCH', `/vacancies/${vacancy.id}`, { requirements: 'SMA/SMK, bersedia kerja shift' });
    expect(((await fixed.json()) as { vacancy: Vacancy }).vacancy.review).toBeUndefined();
    expect((await send('POST', `/vacancies/${vacancy.id}/open`, {})).status).toBe(200);
  });

  it('does not hold agency wording against a company staff verified', async () => {
    const at = new Date().toISOString();
    await store.companies.create({ id: 'cmp-karya', name: 'Yayasan Karya Mandiri', verification: { verifiedBy: 'Kasi Penempatan', verifiedAt: at }, createdAt: at, updatedAt: at });
    await store.companies.create({ id: 'cmp-unknown', name: 'Yayasan Berkah', createdAt: at, updatedAt: at });
    const posting = (id: string) => honest({ company: { id, name: 'Yayasan' }, description: 'Penyaluran tenaga kerja ke beberapa perusahaan. Hubungi WA 0821-1188-3021.' });
    expect((await create(posting('cmp-unknown'))).review?.state).toBe('pending');
    expect((await create(posting('cmp-karya'))).review).toBeUndefined();
  });

  it('says while a draft is typed whether the detector would hold it, for the company it names, storing nothing', async () => {
    const at = new Date().toISOString();
    await store.companies.create({ id: 'cmp-karya', name: 'Yayasan Karya Mandiri', verification: { verifiedBy: 'Kasi Penempatan', verifiedAt: at }, createdAt: at, updatedAt: at });
    const lint = async (body: Record<string, unknown>, role: Role = 'company') => (await send('POST', '/vacancies/lint', body, role)).json() as Promise<{ review: { code: string; words?: string }[] }>;
    const { company, ...scam } = feeScam();
    const flagged = await lint({ ...scam, companyName: company.name });
    expect(flagged.review.map((r) => r.code)).toContain('fee-request');
    expect(flagged.review.find((r) => r.code === 'fee-request')?.words).toBe('biaya');
    const { company: _honestCompany, ...fair } = honest();
    expect((await lint({ ...fair, companyName: 'PT Kencana Presisi Komponen' })).review).toEqual([]);
    const agency = { title: 'Operator Produksi', companyName: 'Yayasan', description: 'Penyaluran tenaga kerja ke beberapa perusahaan. Hubungi WA 0821-1188-3021.' };
    expect((await lint(agency)).review).not.toEqual([]);
    expect((await lint({ ...agency, companyId: 'cmp-karya' })).review).toEqual([]);
    expect(await store.vacancies.count()).toBe(0);
  });

  it('imports a flagged row as a draft waiting for review and reports it with its row; the honest rows open', async () => {
    const rows = [honest({ id: 'imp-ok' }), feeScam({ id: 'imp-scam' }), honest({ id: 'imp-ok-2', title: 'Operator Forklift' })].map((r) => JSON.stringify({ ...r, company: r.company.name }));
    const response = await fetch(`${api}/vacancies/import`, { method: 'POST', headers: { ...bearer('operator'), 'content-type': 'application/x-ndjson' }, body: rows.join('\n') });
    expect(response.status, await response.clone().text()).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ rows: 3, created: 3, flagged: 1, omitted: { flagged: 0 } });
    expect(report.flaggedRows.map((f) => [f.row, f.vacancyId])).toEqual([[2, 'imp-scam']]);
    expect(report.flaggedRows[0]?.reasons.map((r) => r.code)).toContain('fee-request');
    expect(await store.vacancies.require('imp-scam')).toMatchObject({ status: 'draft', review: { state: 'pending' } });
    expect((await store.vacancies.require('imp-ok')).status).toBe('open');
    expect((await store.outbox.find({})).map((e) => e.subjectId).sort()).toEqual(['imp-ok', 'imp-ok-2']);
    const importAudit = (await store.audit.find({ 'target.type': 'import' }))[0];
    expect(importAudit?.details).toMatchObject({ flagged: 1 });
  });
});
