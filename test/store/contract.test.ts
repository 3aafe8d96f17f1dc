import { expect, it } from 'vitest';
import { DuplicateError, NotFoundError, StaleWriteError, ValidationError } from '../../src/errors/index.js';
import { COLLECTIONS } from '../../src/store/index.js';
import { makeApplication, makeDelivery, makeReport, makeSeeker, makeSubscription, makeTrainingProgramme, makeVacancy } from '../fixtures/domain.js';
import { describeContract } from './contract-harness.js';

/** What every storage adapter must do alike (the harness runs it on SQLite, and on MongoDB when MONGODB_URI is set). */
describeContract('store contract', (h) => {
  it('creates and reads back every kind of record unchanged', async () => {
    const seeker = await h.store.seekers.create(makeSeeker('skr-1'));
    const vacancy = await h.store.vacancies.create(makeVacancy('vac-1'));
    const subscription = await h.store.subscriptions.create(makeSubscription('sub-1'));
    const application = await h.store.applications.create(makeApplication('app-1'));
    const delivery = await h.store.deliveries.create(makeDelivery('dlv-1'));
    expect(await h.store.seekers.get('skr-1')).toEqual(seeker);
    expect(await h.store.vacancies.get('vac-1')).toEqual(vacancy);
    expect(await h.store.subscriptions.get('sub-1')).toEqual(subscription);
    expect(await h.store.applications.get('app-1')).toEqual(application);
    expect(await h.store.deliveries.get('dlv-1')).toEqual(delivery);
    expect(await h.store.vacancies.get('missing')).toBeUndefined();
    await expect(h.store.vacancies.require('missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects an invalid record with a field-level message and stores nothing', async () => {
    const bad = { ...makeVacancy('vac-bad'), salaryMin: 9_000_000, salaryMax: 5_000_000, kecamatan: '' };
    const error = await h.store.vacancies.create(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.join('\n')).toMatch(/kecamatan/);
    expect(await h.store.vacancies.get('vac-bad')).toBeUndefined();
    expect(h.changes).toEqual([]);
  });

  it('updates a record, stamps updatedAt and announces the change', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1'));
    const updated = await h.store.vacancies.update('vac-1', (v) => ({ ...v, title: 'Welder TIG', status: 'closed' }));
    expect(updated.updatedAt).toBe(h.now.toISOString());
    expect(await h.store.vacancies.get('vac-1')).toMatchObject({ title: 'Welder TIG', status: 'closed' });
    expect(h.changes.map((c) => c.op)).toEqual(['upsert', 'upsert']);
    await expect(h.store.vacancies.update('vac-1', (v) => ({ ...v, quota: -1 }))).rejects.toBeInstanceOf(ValidationError);
    expect((await h.store.vacancies.get('vac-1'))?.quota).toBe(10);
  });

  it('refuses a second record with the same id', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1'));
    await expect(h.store.vacancies.create(makeVacancy('vac-1'))).rejects.toBeInstanceOf(DuplicateError);
  });

  it('keeps one seeker per channel identity and frees it on delete', async () => {
    const identity = { channel: 'telegram' as const, userId: '555' };
    await h.store.seekers.create(makeSeeker('skr-1', { identities: [identity], identityKeys: ['telegram/555'] }));
    const error = await h.store.seekers
      .create(makeSeeker('skr-2', { identities: [identity], identityKeys: ['telegram/555'] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateError);
    expect((error as DuplicateError).context.key).toBe('identityKeys');
    expect((await h.store.seekers.findByIdentity(identity))?.id).toBe('skr-1');
    expect(await h.store.seekers.delete('skr-1')).toBe(true);
    expect(await h.store.seekers.findByIdentity(identity)).toBeUndefined();
    await h.store.seekers.create(makeSeeker('skr-2', { identities: [identity], identityKeys: ['telegram/555'] }));
    expect((await h.store.seekers.findByIdentity(identity))?.id).toBe('skr-2');
  });

  it('allows one application per seeker and vacancy, but any number of anonymised ones', async () => {
    await h.store.applications.create(makeApplication('app-1'));
    await expect(h.store.applications.create(makeApplication('app-2'))).rejects.toBeInstanceOf(DuplicateError);
    const anonymous = (id: string) => {
      const { seekerId: _omit, ...rest } = makeApplication(id);
      return rest;
    };
    await h.store.applications.create(anonymous('app-3'));
    await h.store.applications.create(anonymous('app-4'));
    expect(await h.store.applications.count({ vacancyId: 'vac-1' })).toBe(3);
    expect((await h.store.applications.listBySeeker('skr-1')).map((a) => a.id)).toEqual(['app-1']);
  });

  it('records one delivery per source and recipient', async () => {
    await h.store.deliveries.create(makeDelivery('dlv-1'));
    await expect(h.store.deliveries.create(makeDelivery('dlv-2'))).rejects.toBeInstanceOf(DuplicateError);
    await h.store.deliveries.create(makeDelivery('dlv-3', { recipient: 'telegram/1002' }));
    await h.store.deliveries.create(makeDelivery('dlv-4', { sourceId: 'broadcast-b1' }));
    const bySource = [];
    for await (const d of h.store.deliveries.listBySource('vacancy-vac-1')) bySource.push(d.id);
    expect(bySource).toEqual(['dlv-1', 'dlv-3']);
    expect((await h.store.deliveries.findOne('vacancy-vac-1', 'telegram/1002'))?.id).toBe('dlv-3');
  });

  it('lists open vacancies across pages and by company', async () => {
    for (let i = 0; i < 25; i++) {
      const id = `vac-${String(i).padStart(2, '0')}`;
      await h.store.vacancies.create(makeVacancy(id, { status: i % 5 === 0 ? 'closed' : 'open', company: { id: i < 10 ? 'cmp-a' : 'cmp-b', name: 'PT X' } }));
    }
    const open: string[] = [];
    for await (const v of h.store.vacancies.scan({ status: 'open' }, 7)) open.push(v.id);
    expect(open).toHaveLength(20);
    expect(open).toEqual([...open].sort());
    const all: string[] = [];
    for await (const v of h.store.vacancies.listOpen()) all.push(v.id);
    expect(all).toEqual(open);
    expect(await h.store.vacancies.listByCompany('cmp-a', { status: 'open' })).toHaveLength(8);
    const newest = await h.store.vacancies.find({ status: { in: ['open', 'closed'] } }, { sortBy: 'id', order: 'desc', limit: 2 });
    expect(newest.map((v) => v.id)).toEqual(['vac-24', 'vac-23']);
  });

  it('lists ids and revisions without the documents, and documents with their revisions, across pages', async () => {
    for (let i = 0; i < 12; i++) await h.store.vacancies.create(makeVacancy(`vac-${String(i).padStart(2, '0')}`, { status: i === 3 ? 'closed' : 'open' }));
    await h.store.vacancies.update('vac-05', (v) => ({ ...v, title: 'Welder TIG' }));
    await h.store.vacancies.update('vac-05', (v) => ({ ...v, title: 'Welder MIG' }));
    const revisions = [];
    for await (const r of h.store.vacancies.scanRevisions({ status: 'open' }, 5)) revisions.push(r);
    expect(revisions).toHaveLength(11);
    expect(revisions.find((r) => r.id === 'vac-05')).toEqual({ id: 'vac-05', rev: 2 });
    expect(revisions.filter((r) => r.rev === 0)).toHaveLength(10);
    expect(revisions.map((r) => r.id)).toEqual([...revisions.map((r) => r.id)].sort());
    const versioned = [];
    for await (const v of h.store.vacancies.scanVersioned({ status: 'open' }, 5)) versioned.push(v);
    expect(versioned.map((v) => [v.doc.id, v.rev])).toEqual(revisions.map((r) => [r.id, r.rev]));
    expect(versioned.find((v) => v.doc.id === 'vac-05')?.doc.title).toBe('Welder MIG');
    expect((await h.store.vacancies.getVersioned('vac-05'))?.rev).toBe(2);
  });

  it('lists subscriptions by channel, active only unless asked, and by subscriber', async () => {
    await h.store.subscriptions.create(makeSubscription('sub-1'));
    await h.store.subscriptions.create(makeSubscription('sub-2', { active: false }));
    await h.store.subscriptions.create(makeSubscription('sub-3', { subscriber: { channel: 'whatsapp', userId: '+6281200000003' }, subscriberKey: 'whatsapp/+6281200000003' }));
    const telegram: string[] = [];
    for await (const s of h.store.subscriptions.listByChannel('telegram')) telegram.push(s.id);
    expect(telegram).toEqual(['sub-1']);
    const everyTelegram: string[] = [];
    for await (const s of h.store.subscriptions.listByChannel('telegram', false)) everyTelegram.push(s.id);
    expect(everyTelegram).toEqual(['sub-1', 'sub-2']);
    const mine = await h.store.subscriptions.listBySubscriber({ channel: 'whatsapp', userId: '+6281200000003' });
    expect(mine.map((s) => s.id)).toEqual(['sub-3']);
  });

  it('opens a vacancy and stores its pending "vacancy opened" event with it', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
    const { vacancy, event } = await h.store.vacancies.open('vac-1');
    expect(vacancy).toMatchObject({ status: 'open', openedAt: h.now.toISOString() });
    expect(await h.store.vacancies.get('vac-1')).toEqual(vacancy);
    // Read back from the store, not from what open() returned.
    expect(await h.store.outbox.get(event.id)).toEqual({ id: event.id, type: 'vacancy-opened', subjectId: 'vac-1', createdAt: h.now.toISOString() });
    expect(await h.store.outbox.pending()).toEqual([await h.store.outbox.get(event.id)]);
    await h.store.outbox.markProcessed(event.id);
    expect((await h.store.outbox.get(event.id))?.processedAt).toBe(h.now.toISOString());
    expect(await h.store.outbox.pending()).toEqual([]);
  });

  it('keeps the first openedAt when a closed vacancy is opened again', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { status: 'closed', openedAt: '2026-10-01T00:00:00.000Z' }));
    await h.store.vacancies.open('vac-1');
    expect((await h.store.vacancies.get('vac-1'))?.openedAt).toBe('2026-10-01T00:00:00.000Z');
    expect(await h.store.outbox.count({ type: 'vacancy-opened', subjectId: 'vac-1' })).toBe(1);
  });

  it('changes an application\'s status with its "status changed" event in one write, naming the new history entry', async () => {
    await h.store.applications.create(makeApplication('app-1'));
    const { application, event } = await h.store.applications.changeStatus('app-1', () => ({ status: 'interview', note: 'Senin 09.00' }));
    expect(application).toMatchObject({ status: 'interview', history: [{ status: 'submitted' }, { status: 'interview', at: h.now.toISOString(), note: 'Senin 09.00' }] });
    expect(await h.store.applications.get('app-1')).toEqual(application);
    expect(await h.store.outbox.get(event?.id ?? '')).toEqual({ id: event?.id, type: 'application-status-changed', subjectId: 'app-1', step: 1, createdAt: h.now.toISOString() });
    // Nothing to change: no write, no event, no announcement.
    h.changes = [];
    expect((await h.store.applications.changeStatus('app-1', () => undefined)).event).toBeUndefined();
    expect(await h.store.outbox.count()).toBe(1);
    expect(h.changes).toEqual([]);
  });

  it('keeps reports by reporter and status, resolves one with its "report resolved" event in one write, and anonymises one', async () => {
    const transcript = [{ from: 'bot' as const, text: 'Operator Las SMAW' }, { from: 'person' as const, text: 'laporkan' }];
    const report = await h.store.reports.create(makeReport('rpt-1', { transcript }));
    await h.store.reports.create(makeReport('rpt-2', { reporter: { channel: 'web', userId: 'web-9' }, reporterKey: 'web/web-9', reason: 'fake-vacancy' }));
    expect(await h.store.reports.get('rpt-1')).toEqual(report);
    expect((await h.store.reports.listByReporter({ channel: 'telegram', userId: '1001' })).map((r) => r.id)).toEqual(['rpt-1']);
    // A resolved report needs its resolution, an open one has none; the reporter and their key go together.
    await expect(h.store.reports.create(makeReport('rpt-bad', { status: 'resolved' }))).rejects.toBeInstanceOf(ValidationError);
    await expect(h.store.reports.create(makeReport('rpt-bad', { reporterKey: undefined }))).rejects.toBeInstanceOf(ValidationError);
    await expect(h.store.reports.create(makeReport('rpt-bad', { text: 'x'.repeat(501) }))).rejects.toBeInstanceOf(ValidationError);

    const resolution = { outcome: 'vacancy-closed' as const, note: 'Lowongan ditutup', resolvedBy: 'tok-1', resolvedAt: h.now.toISOString() };
    const { report: resolved, event } = await h.store.reports.resolve('rpt-1', () => ({ outcome: 'vacancy-closed', note: 'Lowongan ditutup', resolvedBy: 'tok-1' }));
    expect(resolved).toMatchObject({ status: 'resolved', resolution });
    expect(await h.store.reports.get('rpt-1')).toEqual(resolved);
    expect(await h.store.outbox.get(event.id)).toEqual({ id: event.id, type: 'report-resolved', subjectId: 'rpt-1', createdAt: h.now.toISOString() });
    expect(await h.store.reports.count({ status: 'open' })).toBe(1);

    const anonymous = await h.store.reports.anonymise('rpt-1');
    expect(anonymous).toEqual({ id: 'rpt-1', vacancyId: 'vac-1', locale: 'id', reason: 'asked-for-money', status: 'resolved', resolution, createdAt: report.createdAt, updatedAt: h.now.toISOString() });
    expect(await h.store.reports.listByReporter({ channel: 'telegram', userId: '1001' })).toEqual([]);
  });

  it('aborts a whole batch when one of its replaces finds no document', async () => {
    const event = { id: 'evt-1', type: 'vacancy-opened', subjectId: 'vac-gone', createdAt: h.now.toISOString() };
    const batch = h.backend.commit([
      { kind: 'insert', collection: COLLECTIONS.outbox, doc: event },
      { kind: 'replace', collection: COLLECTIONS.vacancies, doc: makeVacancy('vac-gone'), expectedRev: 0 },
    ]);
    const error = await batch.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleWriteError);
    expect((error as StaleWriteError).code).toBe('loker:store-missing');
    expect(await h.store.outbox.get('evt-1')).toBeUndefined();
    expect(await h.store.vacancies.get('vac-gone')).toBeUndefined();
  });

  it('stores a queued broadcast together with its outbox event', async () => {
    const { broadcast, event } = await h.store.broadcasts.createQueued({
      id: 'brd-1',
      kind: 'job-fair',
      title: 'Job Fair Cikarang 2026',
      body: { id: 'Datang ke Job Fair di Jababeka, 5 Desember.' },
      segment: { channels: ['telegram'], kecamatan: [], skills: [], ktpBekasiOnly: true },
      status: 'queued',
      createdBy: 'tok-1',
      createdAt: h.now.toISOString(),
      updatedAt: h.now.toISOString(),
    });
    expect(await h.store.broadcasts.get(broadcast.id)).toEqual(broadcast);
    expect(event).toMatchObject({ type: 'broadcast-created', subjectId: 'brd-1' });
  });

  it('applies all writes of a batch or none', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1'));
    const batch = h.backend.commit([
      { kind: 'insert', collection: COLLECTIONS.vacancies, doc: makeVacancy('vac-2') },
      { kind: 'insert', collection: COLLECTIONS.vacancies, doc: makeVacancy('vac-1') },
    ]);
    await expect(batch).rejects.toBeInstanceOf(DuplicateError);
    expect(await h.store.vacancies.get('vac-2')).toBeUndefined();
  });

  it('finds admin tokens by hash and keeps hashes unique', async () => {
    const token = { id: 'tok-1', tokenHash: 'a'.repeat(64), role: 'company', companyId: 'cmp-a', label: 'HRD PT A', createdAt: h.now.toISOString() };
    await h.store.adminTokens.create(token);
    expect((await h.store.adminTokens.findByHash('a'.repeat(64)))?.companyId).toBe('cmp-a');
    await expect(h.store.adminTokens.create({ ...token, id: 'tok-2' })).rejects.toBeInstanceOf(DuplicateError);
    await expect(h.store.adminTokens.create({ ...token, id: 'tok-3', tokenHash: 'b'.repeat(64), companyId: undefined })).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps an audit trail per target in time order', async () => {
    await h.store.audit.record({ actor: 'tok-1', action: 'vacancy.open', target: { type: 'vacancy', id: 'vac-1' } });
    await h.store.audit.record({ actor: 'tok-1', action: 'vacancy.close', target: { type: 'vacancy', id: 'vac-1' }, details: { reason: 'filled' } });
    const trail = await h.store.audit.listForTarget('vacancy', 'vac-1');
    expect(trail.map((e) => e.action)).toEqual(['vacancy.open', 'vacancy.close']);
  });

  it('counts and filters by ranges', async () => {
    await h.store.outbox.create({ id: 'evt-1', type: 'vacancy-opened', subjectId: 'vac-1', createdAt: '2026-11-01T00:00:00.000Z' });
    await h.store.outbox.create({ id: 'evt-2', type: 'vacancy-opened', subjectId: 'vac-2', createdAt: '2026-11-10T00:00:00.000Z' });
    await h.store.outbox.create({ id: 'evt-3', type: 'broadcast-created', subjectId: 'brd-1', createdAt: '2026-11-20T00:00:00.000Z' });
    expect(await h.store.outbox.count({ createdAt: { gte: '2026-11-05T00:00:00.000Z' } })).toBe(2);
    expect(await h.store.outbox.count({ type: 'vacancy-opened', createdAt: { lt: '2026-11-05T00:00:00.000Z' } })).toBe(1);
    expect(await h.store.outbox.count()).toBe(3);
  });

  it('refuses filters and sorts on fields the collection did not declare', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1'));
    const misuse = { code: 'loker:store-misuse' };
    await expect(h.store.vacancies.find({ title: 'Operator Las SMAW' })).rejects.toMatchObject(misuse);
    await expect(h.store.vacancies.count({ title: 'Operator Las SMAW' })).rejects.toMatchObject(misuse);
    await expect(h.store.vacancies.find({}, { sortBy: 'title' })).rejects.toMatchObject(misuse);
    await expect(h.store.vacancies.find({ status: 'open' }, { sortBy: 'updatedAt', afterId: 'vac-0' })).rejects.toMatchObject(misuse);
    await expect(h.store.seekers.find({ identityKeys: { gt: 'telegram/' } })).rejects.toMatchObject(misuse);
    // Declared fields, `id`, and array fields by value still work.
    expect(await h.store.vacancies.count({ id: 'vac-1', status: 'open', 'company.id': 'cmp-astra' })).toBe(1);
    expect(await h.store.seekers.find({ identityKeys: { in: ['telegram/none'] } })).toEqual([]);
  });

  it('stores training programmes, validates their schedule, and lists the open ones', async () => {
    const programme = await h.store.trainingProgrammes.create(makeTrainingProgramme('trp-las'));
    await h.store.trainingProgrammes.create(makeTrainingProgramme('trp-old', { status: 'closed' }));
    expect(await h.store.trainingProgrammes.get('trp-las')).toEqual(programme);
    expect((await h.store.trainingProgrammes.listOpen()).map((p) => p.id)).toEqual(['trp-las']);
    const backwards = makeTrainingProgramme('trp-bad', { schedule: { startDate: '2027-02-01', endDate: '2027-01-01' } });
    const error = await h.store.trainingProgrammes.create(backwards).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.join('\n')).toMatch(/schedule\.endDate/);
    await expect(h.store.trainingProgrammes.create(makeTrainingProgramme('trp-none', { schedule: {} }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps one training interest per seeker and programme, listed both ways', async () => {
    expect(await h.store.trainingInterests.register('skr-1', 'trp-las')).toBe('registered');
    expect(await h.store.trainingInterests.register('skr-1', 'trp-las')).toBe('already');
    expect(await h.store.trainingInterests.register('skr-1', 'trp-forklift')).toBe('registered');
    expect(await h.store.trainingInterests.register('skr-2', 'trp-las')).toBe('registered');
    expect((await h.store.trainingInterests.listBySeeker('skr-1')).map((i) => i.programmeId).sort()).toEqual(['trp-forklift', 'trp-las']);
    const interested: string[] = [];
    for await (const interest of h.store.trainingInterests.listByProgramme('trp-las')) interested.push(interest.seekerId);
    expect(interested.sort()).toEqual(['skr-1', 'skr-2']);
    expect(await h.store.trainingInterests.count()).toBe(3);
  });
});
