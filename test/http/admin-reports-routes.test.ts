import { beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail, ReportSummary } from '../../src/admin/reports.js';
import { expandReportResolved } from '../../src/alerts/report-fanout.js';
import { reportSourceId } from '../../src/alerts/send-job.js';
import type { Store } from '../../src/store/index.js';
import { CountingSender, type PipelineRun } from '../alerts/pipeline-harness.js';
import { makeReport, makeVacancy } from '../fixtures/domain.js';
import { bearer, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';
import { useAdminPipeline } from './admin-pipeline.js';

const redis = useTestRedis();

type Role = 'admin' | 'operator' | 'company';
interface ErrorBody {
  error: { code: string; message: string; details: { issues?: string[] } };
}

describe('admin API: reports of a fee or a scam', () => {
  const admin = useAdminPipeline(redis);
  let store: Store;
  let run: PipelineRun;
  let api = '';
  let web: CountingSender;
  let whatsapp: CountingSender;

  beforeEach(async () => {
    store = admin.newStore();
    await store.vacancies.create(makeVacancy('vac-astra', { status: 'open' }));
    await store.vacancies.create(makeVacancy('vac-gudang', { company: { id: 'cmp-gudang', name: 'PT Gudang Maju' }, title: 'Admin Gudang', status: 'open' }));
    // Sari reported on WhatsApp in Indonesian that the forklift job asked for money, with her chat;
    // Dewi on the web chat in English that the warehouse job is fake.
    await store.reports.create(
      makeReport('rpt-sari', {
        vacancyId: 'vac-astra',
        reporter: { channel: 'whatsapp', userId: '+6281234567890' },
        reporterKey: 'whatsapp/+6281234567890',
        transcript: [
          { from: 'bot', text: '*Operator Las SMAW*\nPT Astra Otoparts Tbk' },
          { from: 'person', text: 'laporkan' },
        ],
      }),
    );
    await store.reports.create(makeReport('rpt-dewi', { vacancyId: 'vac-gudang', reporter: { channel: 'web', userId: 'web-dewi' }, reporterKey: 'web/web-dewi', locale: 'en', reason: 'fake-vacancy', text: 'No office at that address' }));
    web = new CountingSender('web');
    whatsapp = new CountingSender('whatsapp');
    ({ run, api } = await admin.start(store, { web, whatsapp }));
  });

  const get = (path: string, role: Role = 'operator') => fetch(`${api}${path}`, { headers: bearer(role) });
  const resolve = (id: string, body: unknown, role: Role = 'operator') =>
    fetch(`${api}/reports/${id}/resolve`, { method: 'POST', headers: { ...bearer(role), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('lists reports newest first by status, and shows one with its vacancy, channel and attached chat, never the chat id', async () => {
    const response = await get('/reports?status=open');
    expect(response.status).toBe(200);
    const text = await response.text();
    const { items } = JSON.parse(text) as { items: ReportSummary[] };
    // Store ids sort by creation time; these fixed ids sort by name, newest (last) first.
    expect(items.map((r) => [r.id, r.channel, r.reason, r.vacancy?.title])).toEqual([
      ['rpt-sari', 'whatsapp', 'asked-for-money', 'Operator Las SMAW'],
      ['rpt-dewi', 'web', 'fake-vacancy', 'Admin Gudang'],
    ]);
    const detail = await get('/reports/rpt-sari', 'admin');
    const body = await detail.text();
    expect(JSON.parse(body)).toMatchObject({
      id: 'rpt-sari',
      channel: 'whatsapp',
      vacancy: { id: 'vac-astra', title: 'Operator Las SMAW', companyName: 'PT Astra Otoparts Tbk', kecamatan: 'Cikarang Barat', status: 'open' },
      text: 'Diminta bayar Rp 500.000 untuk seragam sebelum wawancara',
      transcript: [{ from: 'bot', text: '*Operator Las SMAW*\nPT Astra Otoparts Tbk' }, { from: 'person', text: 'laporkan' }],
      status: 'open',
      resolution: null,
    } satisfies Partial<ReportDetail>);
    for (const secret of [text, body]) for (const id of ['+6281234567890', 'web-dewi', 'reporterKey']) expect(secret).not.toContain(id);
    expect((await get('/reports/rpt-none')).status).toBe(404);
  });

  it('keeps company tokens out of every report route', async () => {
    expect((await get('/reports', 'company')).status).toBe(403);
    expect((await get('/reports/rpt-sari', 'company')).status).toBe(403);
    const attempt = await resolve('rpt-sari', { outcome: 'no-violation' }, 'company');
    expect(attempt.status).toBe(403);
    expect((await store.reports.require('rpt-sari')).status).toBe('open');
  });

  it('refuses what is not a resolution, in the one error shape', async () => {
    for (const body of [{}, { outcome: 'closed' }, { outcome: 'other', note: 'x'.repeat(501) }, { outcome: 'other', extra: true }, { outcome: 'vacancy-closed', closeVacancy: false }]) {
      const response = await resolve('rpt-sari', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('loker:validation');
      expect(error.details.issues?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect((await get('/reports?status=closed')).status).toBe(400);
    expect(await store.outbox.count()).toBe(0);
  });

  it('resolves with the vacancy closed and tells the reporter once, on their channel, in their language, through the queues; audit-logged', async () => {
    const closed = await resolve('rpt-sari', { outcome: 'vacancy-closed', note: 'Perusahaan kami panggil; lowongan ditutup.' });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ closedVacancy: true, report: { status: 'resolved', resolution: { outcome: 'vacancy-closed', resolvedBy: TOKENS.operator.id } } });
    expect((await store.vacancies.require('vac-astra')).status).toBe('closed');
    const kept = await resolve('rpt-dewi', { outcome: 'no-violation', note: 'The company is registered and the office exists.' }, 'admin');
    expect(await kept.json()).toMatchObject({ closedVacancy: false });
    expect((await store.vacancies.require('vac-gudang')).status).toBe('open');
    await run.settle();

    expect(whatsapp.calls.map((c) => c.userId)).toEqual(['+6281234567890']);
    expect(whatsapp.calls[0]?.message.text.split('\n')).toEqual([
      '🛡️ Hasil laporan Anda',
      '',
      '*Operator Las SMAW*',
      'PT Astra Otoparts Tbk',
      '',
      'Petugas Disnaker sudah memeriksa laporan Anda dan menutup lowongan ini.',
      'Catatan petugas: Perusahaan kami panggil; lowongan ditutup.',
      '',
      'Terima kasih sudah melapor.',
      'Melamar tidak dipungut biaya.',
    ]);
    expect(web.calls.map((c) => c.userId)).toEqual(['web-dewi']);
    expect(web.calls[0]?.message.text).toContain('Disnaker staff looked into your report and found no violation in this job.');
    expect(web.calls[0]?.message.text).toContain('Staff note: The company is registered and the office exists.');
    expect(await store.deliveries.find({ sourceId: reportSourceId('rpt-sari') })).toEqual([expect.objectContaining({ recipient: 'whatsapp/+6281234567890', status: 'sent', attempts: 1 })]);

    // Resolved once: a second resolution is refused, and a repeated expansion sends nothing more.
    const again = await resolve('rpt-sari', { outcome: 'other' });
    expect(again.status).toBe(409);
    await expandReportResolved('rpt-sari', { store, queues: run.queues });
    await run.settle();
    expect(whatsapp.calls).toHaveLength(1);
    expect(await store.outbox.count({ type: 'report-resolved' })).toBe(2);
    expect((await store.audit.listForTarget('report', 'rpt-sari')).map((e) => [e.actor, e.action, e.details?.outcome, e.details?.closedVacancy])).toEqual([[TOKENS.operator.id, 'report.resolve', 'vacancy-closed', true]]);
    expect((await store.audit.listForTarget('vacancy', 'vac-astra')).map((e) => e.action)).toEqual(['vacancy.close']);
  });

  it('resolves the report of a reporter who erased their data without telling anyone', async () => {
    await store.reports.anonymise('rpt-dewi');
    expect((await resolve('rpt-dewi', { outcome: 'other' })).status).toBe(200);
    await run.settle();
    expect(web.calls).toEqual([]);
    expect(await (await get('/reports/rpt-dewi')).json()).toMatchObject({ channel: null, text: null, transcript: null, status: 'resolved' });
  });
});
