import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateError, NotFoundError, ValidationError } from '../../src/errors/index.js';
import { COLLECTIONS, MongoBackend, SqliteBackend, Store, type DocumentBackend, type StoreChange } from '../../src/store/index.js';
import { makeApplication, makeDelivery, makeSeeker, makeSubscription, makeVacancy } from '../fixtures/domain.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * One contract for every storage adapter. SQLite always runs; MongoDB runs when MONGODB_URI
 * points at a server (e.g. `docker compose up -d mongo`, then
 * `MONGODB_URI=mongodb://localhost:27017/lokerbot-test?replicaSet=rs0 npm test`).
 */
interface BackendCase {
  readonly name: string;
  readonly skipReason?: string;
  open(): Promise<DocumentBackend>;
  /** Empties the database between tests. */
  reset(backend: DocumentBackend): Promise<void>;
}

const sqliteDir = tempDir('lokerbot-contract');
let sqliteFileNo = 0;
const mongoUri = process.env.MONGODB_URI;

const CASES: BackendCase[] = [
  {
    name: 'sqlite',
    open: () => Promise.resolve(new SqliteBackend({ file: path.join(sqliteDir, `store-${sqliteFileNo++}.sqlite`) })),
    reset: () => Promise.resolve(),
  },
  {
    name: 'mongo',
    ...(mongoUri ? {} : { skipReason: 'MONGODB_URI is not set (no MongoDB server here); see README "Running with MongoDB"' }),
    open: async () => {
      const backend = await MongoBackend.connect({ uri: mongoUri ?? '' });
      await backend.ensureIndexes(Object.values(COLLECTIONS));
      return backend;
    },
    reset: async (backend) => {
      for (const spec of Object.values(COLLECTIONS)) {
        const collection = backend.collection<{ id: string }>(spec);
        for (const doc of await collection.find({}, { limit: 10_000 })) await collection.remove(doc.id);
      }
    },
  },
];

afterAll(() => fs.rmSync(sqliteDir, { recursive: true, force: true }));

// Said out loud, not only in a skipped test's name, so nobody mistakes a skipped half for a pass.
for (const { name, skipReason } of CASES) {
  if (skipReason) console.warn(`store contract: the ${name} half is SKIPPED: ${skipReason}`);
}

for (const backendCase of CASES) {
  const title = backendCase.skipReason ? `store contract: ${backendCase.name} (skipped: ${backendCase.skipReason})` : `store contract: ${backendCase.name}`;
  describe.skipIf(backendCase.skipReason !== undefined)(title, () => {
    let backend: DocumentBackend;
    let store: Store;
    let changes: StoreChange[];
    const now = new Date('2026-11-23T03:00:00.000Z');

    beforeAll(async () => {
      backend = await backendCase.open();
    });
    afterAll(async () => {
      await backend.close();
    });
    beforeEach(async () => {
      if (backendCase.name === 'sqlite') {
        await backend.close();
        backend = await backendCase.open();
      } else {
        await backendCase.reset(backend);
      }
      store = new Store(backend, { now: () => now });
      changes = [];
      store.onChange((c) => changes.push(c));
    });

    it('creates and reads back every kind of record unchanged', async () => {
      const seeker = await store.seekers.create(makeSeeker('skr-1'));
      const vacancy = await store.vacancies.create(makeVacancy('vac-1'));
      const subscription = await store.subscriptions.create(makeSubscription('sub-1'));
      const application = await store.applications.create(makeApplication('app-1'));
      const delivery = await store.deliveries.create(makeDelivery('dlv-1'));
      expect(await store.seekers.get('skr-1')).toEqual(seeker);
      expect(await store.vacancies.get('vac-1')).toEqual(vacancy);
      expect(await store.subscriptions.get('sub-1')).toEqual(subscription);
      expect(await store.applications.get('app-1')).toEqual(application);
      expect(await store.deliveries.get('dlv-1')).toEqual(delivery);
      expect(await store.vacancies.get('missing')).toBeUndefined();
      await expect(store.vacancies.require('missing')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('rejects an invalid record with a field-level message and stores nothing', async () => {
      const bad = { ...makeVacancy('vac-bad'), salaryMin: 9_000_000, salaryMax: 5_000_000, kecamatan: '' };
      const error = await store.vacancies.create(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.join('\n')).toMatch(/kecamatan/);
      expect(await store.vacancies.get('vac-bad')).toBeUndefined();
      expect(changes).toEqual([]);
    });

    it('updates a record, stamps updatedAt and announces the change', async () => {
      await store.vacancies.create(makeVacancy('vac-1'));
      const updated = await store.vacancies.update('vac-1', (v) => ({ ...v, title: 'Welder TIG', status: 'closed' }));
      expect(updated.updatedAt).toBe(now.toISOString());
      expect(await store.vacancies.get('vac-1')).toMatchObject({ title: 'Welder TIG', status: 'closed' });
      expect(changes.map((c) => c.op)).toEqual(['upsert', 'upsert']);
      await expect(store.vacancies.update('vac-1', (v) => ({ ...v, quota: -1 }))).rejects.toBeInstanceOf(ValidationError);
      expect((await store.vacancies.get('vac-1'))?.quota).toBe(10);
    });

    it('refuses a second record with the same id', async () => {
      await store.vacancies.create(makeVacancy('vac-1'));
      await expect(store.vacancies.create(makeVacancy('vac-1'))).rejects.toBeInstanceOf(DuplicateError);
    });

    it('keeps one seeker per channel identity and frees it on delete', async () => {
      const identity = { channel: 'telegram' as const, userId: '555' };
      await store.seekers.create(makeSeeker('skr-1', { identities: [identity], identityKeys: ['telegram/555'] }));
      const error = await store.seekers
        .create(makeSeeker('skr-2', { identities: [identity], identityKeys: ['telegram/555'] }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateError);
      expect((error as DuplicateError).context.key).toBe('identityKeys');
      expect((await store.seekers.findByIdentity(identity))?.id).toBe('skr-1');
      expect(await store.seekers.delete('skr-1')).toBe(true);
      expect(await store.seekers.findByIdentity(identity)).toBeUndefined();
      await store.seekers.create(makeSeeker('skr-2', { identities: [identity], identityKeys: ['telegram/555'] }));
      expect((await store.seekers.findByIdentity(identity))?.id).toBe('skr-2');
    });

    it('allows one application per seeker and vacancy, but any number of anonymised ones', async () => {
      await store.applications.create(makeApplication('app-1'));
      await expect(store.applications.create(makeApplication('app-2'))).rejects.toBeInstanceOf(DuplicateError);
      const anonymous = (id: string) => {
        const { seekerId: _omit, ...rest } = makeApplication(id);
        return rest;
      };
      await store.applications.create(anonymous('app-3'));
      await store.applications.create(anonymous('app-4'));
      expect(await store.applications.count({ vacancyId: 'vac-1' })).toBe(3);
      expect((await store.applications.listBySeeker('skr-1')).map((a) => a.id)).toEqual(['app-1']);
    });

    it('records one delivery per source and recipient', async () => {
      await store.deliveries.create(makeDelivery('dlv-1'));
      await expect(store.deliveries.create(makeDelivery('dlv-2'))).rejects.toBeInstanceOf(DuplicateError);
      await store.deliveries.create(makeDelivery('dlv-3', { recipient: 'telegram/1002' }));
      await store.deliveries.create(makeDelivery('dlv-4', { sourceId: 'broadcast-b1' }));
      const bySource = [];
      for await (const d of store.deliveries.listBySource('vacancy-vac-1')) bySource.push(d.id);
      expect(bySource).toEqual(['dlv-1', 'dlv-3']);
      expect((await store.deliveries.findOne('vacancy-vac-1', 'telegram/1002'))?.id).toBe('dlv-3');
    });

    it('lists open vacancies across pages and by company', async () => {
      for (let i = 0; i < 25; i++) {
        const id = `vac-${String(i).padStart(2, '0')}`;
        await store.vacancies.create(makeVacancy(id, { status: i % 5 === 0 ? 'closed' : 'open', company: { id: i < 10 ? 'cmp-a' : 'cmp-b', name: 'PT X' } }));
      }
      const open: string[] = [];
      for await (const v of store.vacancies.scan({ status: 'open' }, 7)) open.push(v.id);
      expect(open).toHaveLength(20);
      expect(open).toEqual([...open].sort());
      const all: string[] = [];
      for await (const v of store.vacancies.listOpen()) all.push(v.id);
      expect(all).toEqual(open);
      expect(await store.vacancies.listByCompany('cmp-a', { status: 'open' })).toHaveLength(8);
      const newest = await store.vacancies.find({ status: { in: ['open', 'closed'] } }, { sortBy: 'id', order: 'desc', limit: 2 });
      expect(newest.map((v) => v.id)).toEqual(['vac-24', 'vac-23']);
    });

    it('lists subscriptions by channel, active only unless asked, and by subscriber', async () => {
      await store.subscriptions.create(makeSubscription('sub-1'));
      await store.subscriptions.create(makeSubscription('sub-2', { active: false }));
      await store.subscriptions.create(makeSubscription('sub-3', { subscriber: { channel: 'whatsapp', userId: '+6281200000003' }, subscriberKey: 'whatsapp/+6281200000003' }));
      const telegram: string[] = [];
      for await (const s of store.subscriptions.listByChannel('telegram')) telegram.push(s.id);
      expect(telegram).toEqual(['sub-1']);
      const everyTelegram: string[] = [];
      for await (const s of store.subscriptions.listByChannel('telegram', false)) everyTelegram.push(s.id);
      expect(everyTelegram).toEqual(['sub-1', 'sub-2']);
      const mine = await store.subscriptions.listBySubscriber({ channel: 'whatsapp', userId: '+6281200000003' });
      expect(mine.map((s) => s.id)).toEqual(['sub-3']);
    });

    it('opens a vacancy and writes its outbox event in one write', async () => {
      await store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
      const { vacancy, event } = await store.vacancies.open('vac-1');
      expect(vacancy).toMatchObject({ status: 'open', openedAt: now.toISOString() });
      expect((await store.outbox.pending()).map((e) => e.id)).toEqual([event.id]);
      await store.outbox.markProcessed(event.id);
      expect(await store.outbox.pending()).toEqual([]);
    });

    it('stores a queued broadcast together with its outbox event', async () => {
      const { broadcast, event } = await store.broadcasts.createQueued({
        id: 'brd-1',
        kind: 'job-fair',
        title: 'Job Fair Cikarang 2026',
        body: { id: 'Datang ke Job Fair di Jababeka, 5 Desember.' },
        segment: { channels: ['telegram'], kecamatan: [], skills: [], ktpBekasiOnly: true },
        status: 'queued',
        createdBy: 'tok-1',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      expect(await store.broadcasts.get(broadcast.id)).toEqual(broadcast);
      expect(event).toMatchObject({ type: 'broadcast-created', subjectId: 'brd-1' });
    });

    it('applies all writes of a batch or none', async () => {
      await store.vacancies.create(makeVacancy('vac-1'));
      const batch = backend.commit([
        { kind: 'insert', collection: COLLECTIONS.vacancies, doc: makeVacancy('vac-2') },
        { kind: 'insert', collection: COLLECTIONS.vacancies, doc: makeVacancy('vac-1') },
      ]);
      await expect(batch).rejects.toBeInstanceOf(DuplicateError);
      expect(await store.vacancies.get('vac-2')).toBeUndefined();
    });

    it('finds admin tokens by hash and keeps hashes unique', async () => {
      const token = { id: 'tok-1', tokenHash: 'a'.repeat(64), role: 'company', companyId: 'cmp-a', label: 'HRD PT A', createdAt: now.toISOString() };
      await store.adminTokens.create(token);
      expect((await store.adminTokens.findByHash('a'.repeat(64)))?.companyId).toBe('cmp-a');
      await expect(store.adminTokens.create({ ...token, id: 'tok-2' })).rejects.toBeInstanceOf(DuplicateError);
      await expect(store.adminTokens.create({ ...token, id: 'tok-3', tokenHash: 'b'.repeat(64), companyId: undefined })).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps an audit trail per target in time order', async () => {
      await store.audit.record({ actor: 'tok-1', action: 'vacancy.open', target: { type: 'vacancy', id: 'vac-1' } });
      await store.audit.record({ actor: 'tok-1', action: 'vacancy.close', target: { type: 'vacancy', id: 'vac-1' }, details: { reason: 'filled' } });
      const trail = await store.audit.listForTarget('vacancy', 'vac-1');
      expect(trail.map((e) => e.action)).toEqual(['vacancy.open', 'vacancy.close']);
    });

    it('counts and filters by ranges', async () => {
      await store.outbox.create({ id: 'evt-1', type: 'vacancy-opened', subjectId: 'vac-1', createdAt: '2026-11-01T00:00:00.000Z' });
      await store.outbox.create({ id: 'evt-2', type: 'vacancy-opened', subjectId: 'vac-2', createdAt: '2026-11-10T00:00:00.000Z' });
      await store.outbox.create({ id: 'evt-3', type: 'broadcast-created', subjectId: 'brd-1', createdAt: '2026-11-20T00:00:00.000Z' });
      expect(await store.outbox.count({ createdAt: { gte: '2026-11-05T00:00:00.000Z' } })).toBe(2);
      expect(await store.outbox.count({ type: 'vacancy-opened', createdAt: { lt: '2026-11-05T00:00:00.000Z' } })).toBe(1);
      expect(await store.outbox.count()).toBe(3);
    });
  });
}

describe('sqlite file', () => {
  it('keeps what it held across a reopen and records its schema version', async () => {
    const dir = tempDir('lokerbot-reopen');
    const file = path.join(dir, 'lokerbot.sqlite');
    const first = new SqliteBackend({ file });
    await new Store(first).vacancies.create(makeVacancy('vac-1'));
    await first.close();
    const second = new SqliteBackend({ file });
    expect(second.schemaVersion).toBeGreaterThanOrEqual(1);
    expect((await new Store(second).vacancies.get('vac-1'))?.title).toBe('Operator Las SMAW');
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
