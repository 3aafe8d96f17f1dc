import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DigestBook } from '../../src/alerts/digest-book.js';
import { runDigest } from '../../src/alerts/digest-run.js';
import { OutboxRelay } from '../../src/alerts/outbox-relay.js';
import { FANOUT_QUEUE, SEND_QUEUES } from '../../src/alerts/send-job.js';
import { expandVacancy } from '../../src/alerts/vacancy-fanout.js';
import type { Subscription } from '../../src/domain/index.js';
import { MatchIndex } from '../../src/indexes/match-index.js';
import { createDefaultMatcher } from '../../src/matching/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeSubscription, makeVacancy } from '../fixtures/domain.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });

describe('alert fan-out', () => {
  const redis = useTestRedis();
  let queues: Queues;
  let store: Store;
  let index: MatchIndex;
  let digests: DigestBook;

  beforeAll(async () => {
    queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('alerts') });
  });
  afterAll(async () => {
    await queues.close();
  });
  afterEach(async () => {
    await store.close();
  });

  async function setUp(subscriptions: Subscription[]): Promise<void> {
    store = new Store(new SqliteBackend({ file: ':memory:' }));
    for (const s of subscriptions) await store.subscriptions.create(s);
    index = new MatchIndex(createDefaultMatcher(), store, silent);
    store.onChange((change) => void index.apply(change));
    await index.load();
    digests = new DigestBook(redis.client, { prefix: uniquePrefix('digest') });
    for (const name of [...Object.values(SEND_QUEUES), FANOUT_QUEUE]) await queues.queue(name).obliterate({ force: true });
  }

  const deps = (now = new Date('2026-12-01T10:00:00+07:00')) => ({ store, matcher: index.matcher, routes: index.routes, queues, digests, now: () => now });
  const jobIds = async (channel: keyof typeof SEND_QUEUES) => (await queues.queue(SEND_QUEUES[channel]).getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id).sort();
  /** Forklift in Cikarang Barat: what every subscription below asks for. */
  const forklift = (id: string) => makeVacancy(id, { title: 'Operator Forklift', requiredSkills: ['operator forklift'], requirements: '', description: 'Gudang logistik.' });

  it('makes one job per instant subscriber in its channel queue, and a digest entry per daily one', async () => {
    await setUp([
      makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: '1001' }, subscriberKey: 'telegram/1001', quietHours: undefined }),
      makeSubscription('sub-2', { subscriber: { channel: 'web', userId: 'web-abc' }, subscriberKey: 'web/web-abc', quietHours: undefined }),
      makeSubscription('sub-3', { subscriber: { channel: 'whatsapp', userId: '+6281200000003' }, subscriberKey: 'whatsapp/+6281200000003', quietHours: undefined }),
      makeSubscription('sub-4', { mode: 'daily', quietHours: undefined }),
      makeSubscription('sub-5', { filters: { keywords: ['perawat'], kecamatan: [], jobTypes: [] }, quietHours: undefined }),
      makeSubscription('sub-6', { active: false }),
    ]);
    await store.vacancies.create(forklift('vac-1'));
    expect(await expandVacancy('vac-1', deps())).toEqual({ instant: 3, daily: 1 });
    expect(await jobIds('telegram')).toEqual(['vacancy-vac-1-sub-1']);
    expect(await jobIds('web')).toEqual(['vacancy-vac-1-sub-2']);
    expect(await jobIds('whatsapp')).toEqual(['vacancy-vac-1-sub-3']);
    const job = await queues.queue(SEND_QUEUES.telegram).getJob('vacancy-vac-1-sub-1');
    expect(job?.data).toEqual({ kind: 'vacancy-alert', sourceId: 'vacancy-vac-1', vacancyId: 'vac-1', subscriptionId: 'sub-1' });
    // Nothing personal in Redis: the job names a subscription, not a chat.
    expect(JSON.stringify(job?.data)).not.toMatch(/1001|web-abc|62812/);
    expect(await digests.newest('sub-4', 10)).toEqual(['vac-1']);
  });

  it('adds nothing when the same event is expanded again or the vacancy re-opened', async () => {
    await setUp([makeSubscription('sub-1', { quietHours: undefined }), makeSubscription('sub-2', { mode: 'daily' })]);
    await store.vacancies.create(forklift('vac-1'));
    for (let i = 0; i < 3; i++) await expandVacancy('vac-1', deps());
    await store.vacancies.update('vac-1', (v) => ({ ...v, status: 'closed' }));
    expect(await expandVacancy('vac-1', deps())).toEqual({ instant: 0, daily: 0 });
    await store.vacancies.open('vac-1');
    await expandVacancy('vac-1', deps());
    expect(await jobIds('telegram')).toEqual(['vacancy-vac-1-sub-1']);
    expect(await digests.newest('sub-2', 10)).toEqual(['vac-1']);
  });

  it('holds an instant alert in quiet hours until they end', async () => {
    await setUp([makeSubscription('sub-1', { quietHours: { start: '21:00', end: '06:00' } })]);
    await store.vacancies.create(forklift('vac-1'));
    await expandVacancy('vac-1', deps(new Date('2026-12-01T23:00:00+07:00')));
    const job = await queues.queue(SEND_QUEUES.telegram).getJob('vacancy-vac-1-sub-1');
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(7 * 3600_000);
  });

  it('streams a large fan-out in chunks: 2,500 subscribers, every one once', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => makeSubscription(`sub-${i}`, { quietHours: undefined }));
    await setUp(many);
    await store.vacancies.create(forklift('vac-big'));
    expect(await expandVacancy('vac-big', { ...deps(), chunk: 300 })).toEqual({ instant: 2500, daily: 0 });
    expect(await queues.queue(SEND_QUEUES.telegram).getJobCountByTypes('waiting', 'prioritized')).toBe(2500);
  });

  it('sends each daily subscriber one digest of its newest matches a day, and nothing with nothing new', async () => {
    await setUp([makeSubscription('sub-1', { mode: 'daily' }), makeSubscription('sub-2', { mode: 'daily', filters: { keywords: ['perawat'], kecamatan: [], jobTypes: [] } })]);
    for (let i = 1; i <= 12; i++) {
      await store.vacancies.create(forklift(`vac-${String(i).padStart(2, '0')}`));
      await store.vacancies.update(`vac-${String(i).padStart(2, '0')}`, (v) => ({ ...v, openedAt: new Date(Date.UTC(2026, 10, i)).toISOString() }));
      await expandVacancy(`vac-${String(i).padStart(2, '0')}`, deps());
    }
    const morning = () => new Date('2026-12-02T07:00:00+07:00');
    expect(await runDigest({ digests, routes: index.routes, queues, now: morning })).toEqual({ digests: 1 });
    const job = await queues.queue(SEND_QUEUES.telegram).getJob('digest-20261202-sub-1');
    expect(job?.data).toMatchObject({ kind: 'digest', subscriptionId: 'sub-1' });
    expect((job?.data as { vacancyIds: string[] }).vacancyIds).toEqual(['vac-12', 'vac-11', 'vac-10', 'vac-09', 'vac-08', 'vac-07', 'vac-06', 'vac-05', 'vac-04', 'vac-03']);
    // The two older matches wait; a second run the same morning (a restart) sends no second digest…
    expect(await digests.newest('sub-1', 10)).toEqual(['vac-02', 'vac-01']);
    await runDigest({ digests, routes: index.routes, queues, now: morning });
    expect((await queues.queue(SEND_QUEUES.telegram).getJobs(['waiting'])).map((j) => j.id)).toEqual(['digest-20261202-sub-1']);
    expect(await digests.newest('sub-1', 10)).toEqual(['vac-02', 'vac-01']);
    // …they go the next morning, and the morning after, with nothing new, nothing goes.
    expect(await runDigest({ digests, routes: index.routes, queues, now: () => new Date('2026-12-03T07:00:00+07:00') })).toEqual({ digests: 1 });
    expect((await queues.queue(SEND_QUEUES.telegram).getJob('digest-20261203-sub-1'))?.data).toMatchObject({ vacancyIds: ['vac-02', 'vac-01'] });
    expect(await runDigest({ digests, routes: index.routes, queues, now: () => new Date('2026-12-04T07:00:00+07:00') })).toEqual({ digests: 0 });
  });
});

describe('outbox relay', () => {
  const redis = useTestRedis();

  it('turns each pending event into one fan-out job, marks it processed after, and two relays add it once', async () => {
    const queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('relay') });
    const store = new Store(new SqliteBackend({ file: ':memory:' }));
    try {
      await store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
      const { event } = await store.vacancies.open('vac-1');
      const a = new OutboxRelay(store, queues, silent);
      const b = new OutboxRelay(store, queues, silent);
      // Both see the event pending (as two worker processes would) before either marks it.
      const [first, second] = await Promise.all([a.relayPending(), b.relayPending()]);
      expect(first + second).toBeGreaterThanOrEqual(1);
      const jobs = await queues.queue(FANOUT_QUEUE).getJobs(['waiting', 'delayed']);
      expect(jobs.map((j) => [j.id, j.data])).toEqual([[`outbox-${event.id}`, { eventId: event.id, type: 'vacancy-opened', subjectId: 'vac-1' }]]);
      expect(await store.outbox.pending()).toEqual([]);
      expect(await a.relayPending()).toBe(0);
    } finally {
      await queues.close();
      await store.close();
    }
  });

  it('leaves an event pending while Redis cannot take its job', async () => {
    const queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('relay') });
    const store = new Store(new SqliteBackend({ file: ':memory:' }));
    try {
      await store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
      await store.vacancies.open('vac-1');
      const relay = new OutboxRelay(store, queues, silent);
      const fanout = queues.queue(FANOUT_QUEUE);
      const add = fanout.add.bind(fanout);
      fanout.add = () => Promise.reject(new Error('Connection is closed.'));
      await expect(relay.relayPending()).rejects.toThrow('Connection is closed.');
      expect(await store.outbox.pending()).toHaveLength(1);
      fanout.add = add;
      expect(await relay.relayPending()).toBe(1);
      expect(await store.outbox.pending()).toEqual([]);
    } finally {
      await queues.close();
      await store.close();
    }
  });
});
