import { beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../src/admin/applications.js';
import { expandApplicationStatus } from '../../src/alerts/application-fanout.js';
import { applicationSourceId } from '../../src/alerts/send-job.js';
import type { Store } from '../../src/store/index.js';
import { CountingSender, type PipelineRun } from '../alerts/pipeline-harness.js';
import { makeApplication, makeSeeker, makeVacancy } from '../fixtures/domain.js';
import { bearer, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';
import { useAdminPipeline } from './admin-pipeline.js';

const redis = useTestRedis();

type Role = 'admin' | 'operator' | 'company';

describe('admin API: applicants and their status', () => {
  const admin = useAdminPipeline(redis);
  let store: Store;
  let run: PipelineRun;
  let api = '';
  let web: CountingSender;
  let telegram: CountingSender;

  beforeEach(async () => {
    store = admin.newStore();
    // Two applicants to PT Astra's vacancy: Dewi on the web chat in English, Budi on Telegram in
    // Indonesian who asked for no announcements (news of his own application still reaches him).
    await store.seekers.create(makeSeeker('skr-dewi', { name: 'Dewi Lestari', identities: [{ channel: 'web', userId: 'web-dewi' }], locale: 'en' }));
    await store.seekers.create(makeSeeker('skr-budi', { name: 'Budi Santoso', identities: [{ channel: 'telegram', userId: '5550001' }, { channel: 'web', userId: 'web-budi' }], broadcastsOptedOutAt: '2026-11-21T00:00:00.000Z' }));
    await store.vacancies.create(makeVacancy('vac-astra'));
    await store.vacancies.create(makeVacancy('vac-gudang', { company: { id: 'cmp-gudang', name: 'PT Gudang Maju' }, title: 'Admin Gudang' }));
    await store.applications.create(makeApplication('app-dewi', { seekerId: 'skr-dewi', vacancyId: 'vac-astra', createdAt: '2026-11-20T08:00:00.000Z' }));
    await store.applications.create(makeApplication('app-budi', { seekerId: 'skr-budi', vacancyId: 'vac-astra', ktpBekasi: true }));
    await store.applications.create(makeApplication('app-gudang', { seekerId: 'skr-dewi', vacancyId: 'vac-gudang', companyId: 'cmp-gudang' }));
    web = new CountingSender('web');
    telegram = new CountingSender('telegram');
    ({ run, api } = await admin.start(store, { web, telegram }));
  });

  const decide = (id: string, body: unknown, role: Role = 'company') =>
    fetch(`${api}/applications/${id}/status`, { method: 'POST', headers: { ...bearer(role), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("lists a vacancy's applicants with what the privacy notice shares, never their chat ids", async () => {
    const response = await fetch(`${api}/vacancies/vac-astra/applications`, { headers: bearer('company') });
    expect(response.status).toBe(200);
    const text = await response.text();
    const { items } = JSON.parse(text) as { items: ApplicationView[] };
    expect(items.map((i) => i.applicant?.name).sort()).toEqual(['Budi Santoso', 'Dewi Lestari']);
    expect(items.find((i) => i.application.id === 'app-dewi')?.applicant).toMatchObject({ kecamatan: 'Cikarang Utara', ktpBekasi: true, education: { level: 'SMK' }, skills: 'las smaw, operator forklift' });
    for (const secret of ['web-dewi', '5550001', 'identities', '+62']) expect(text).not.toContain(secret);
    const submitted = await fetch(`${api}/vacancies/vac-astra/applications?status=interview`, { headers: bearer('operator') });
    expect(((await submitted.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('tells the applicant of each decision once, on their channel, in their language, with the note, through the alert queues', async () => {
    const interview = await decide('app-dewi', { status: 'interview', note: 'Monday 9:00 at the GIIC gate 2 HR office' });
    expect(interview.status).toBe(200);
    expect(await interview.json()).toMatchObject({ changed: true, application: { status: 'interview' } });
    expect((await decide('app-budi', { status: 'viewed' }, 'operator')).status).toBe(200);
    await run.settle();

    expect(web.calls.map((c) => c.userId)).toEqual(['web-dewi']);
    const dewi = web.calls[0]?.message.text ?? '';
    expect(dewi).toContain('News of your application');
    expect(dewi).toContain('Operator Las SMAW');
    expect(dewi).toContain('Status: Invited to interview');
    expect(dewi).toContain('Note: Monday 9:00 at the GIIC gate 2 HR office');
    // Budi's first channel is Telegram; his opt-out of announcements does not stop his own news.
    expect(telegram.calls.map((c) => c.userId)).toEqual(['5550001']);
    expect(telegram.calls[0]?.message.text).toContain('Status: Dilihat perusahaan');

    const rows = await store.deliveries.find({ sourceId: applicationSourceId('app-dewi', 1) });
    expect(rows).toEqual([expect.objectContaining({ recipient: 'web/web-dewi', status: 'sent', attempts: 1 })]);

    // The same status again: nothing stored, nobody told again; a repeated expansion adds nothing either.
    expect(await (await decide('app-dewi', { status: 'interview' })).json()).toMatchObject({ changed: false });
    await expandApplicationStatus('app-dewi', 1, { store, queues: run.queues });
    await run.settle();
    expect(web.calls).toHaveLength(1);
    expect(await store.outbox.count({ type: 'application-status-changed' })).toBe(2);
  });

  it('records a hire as a placement, each change in the history and the audit log', async () => {
    await decide('app-dewi', { status: 'interview' });
    await decide('app-dewi', { status: 'hired', note: 'Mulai 1 Desember' }, 'admin');
    await run.settle();
    const app = await store.applications.require('app-dewi');
    expect(app.status).toBe('hired');
    expect(app.history.map((h) => h.status)).toEqual(['submitted', 'interview', 'hired']);
    expect(web.calls.map((c) => c.message.text.match(/Status: (.*)/)?.[1])).toEqual(['Invited to interview', 'Hired 🎉']);
    expect((await store.audit.listForTarget('application', 'app-dewi')).map((e) => [e.actor, e.details?.from, e.details?.to])).toEqual([
      [TOKENS.company.id, 'submitted', 'interview'],
      [TOKENS.admin.id, 'interview', 'hired'],
    ]);
  });

  it("keeps a company token out of another company's applicants and their decisions", async () => {
    expect((await fetch(`${api}/vacancies/vac-gudang/applications`, { headers: bearer('company') })).status).toBe(404);
    expect((await fetch(`${api}/applications/app-gudang`, { headers: bearer('company') })).status).toBe(404);
    const attempt = await decide('app-gudang', { status: 'rejected' });
    expect(attempt.status).toBe(404);
    expect(((await attempt.json()) as { error: { code: string } }).error.code).toBe('loker:application-not-found');
    expect((await store.applications.require('app-gudang')).status).toBe('submitted');
    expect(await store.outbox.count()).toBe(0);
    // Staff reach every company's.
    expect((await fetch(`${api}/applications/app-gudang`, { headers: bearer('operator') })).status).toBe(200);
  });

  it('refuses what is not a decision, and decisions on a withdrawn application', async () => {
    for (const body of [{ status: 'submitted' }, { status: 'accepted' }, { status: 'hired', note: 'x'.repeat(501) }, { status: 'hired', extra: true }]) {
      const response = await decide('app-dewi', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    await store.applications.update('app-budi', (a) => ({ ...a, status: 'withdrawn', history: [...a.history, { status: 'withdrawn', at: '2026-11-22T00:00:00.000Z' }] }));
    const withdrawn = await decide('app-budi', { status: 'interview' });
    expect(withdrawn.status).toBe(409);
    expect(await store.outbox.count()).toBe(0);
  });
});
