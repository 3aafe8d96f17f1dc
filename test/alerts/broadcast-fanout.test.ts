import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBroadcast } from '../../src/admin/broadcasts.js';
import { expandBroadcast } from '../../src/alerts/broadcast-fanout.js';
import { broadcastSourceId, SEND_JOB_OPTIONS, SEND_QUEUES, sendJobId, type SendJobData } from '../../src/alerts/send-job.js';
import { CHANNELS, type Broadcast, type Channel } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { EVERYONE, storeBroadcastSeekers } from '../fixtures/broadcast-seekers.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });
const redis = useTestRedis();

describe('expandBroadcast', () => {
  let store: Store;
  let queues: Queues;

  beforeEach(async () => {
    store = new Store(new SqliteBackend({ file: ':memory:' }));
    await storeBroadcastSeekers(store);
    // A prefix of its own per test: no test sees another's jobs.
    queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('fanout') });
  });
  afterEach(async () => {
    await queues.close();
    await store.close();
  });

  const deps = () => ({ store, queues, logger: silent });
  const create = (segment: Partial<Broadcast['segment']> = {}, extra: Record<string, unknown> = {}) =>
    createBroadcast({ store, queues }, { kind: 'job-fair', title: 'Job fair Jababeka', body: { id: 'Datang ya' }, segment: { ...EVERYONE, ...segment }, ...extra }, 'tok-admin');

  /** Every job id in the send queues (any state), per channel, sorted. */
  async function jobIds(): Promise<Record<Channel, string[]>> {
    const entries = await Promise.all(
      CHANNELS.map(async (channel) => {
        const ids = await queues.queue(SEND_QUEUES[channel]).getRanges(['waiting', 'delayed', 'active', 'prioritized'], 0, -1);
        return [channel, ids.sort()] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<Channel, string[]>;
  }

  const idOf = (broadcastId: string, seekerId: string, channel: Channel) =>
    sendJobId({ kind: 'broadcast', sourceId: broadcastSourceId(broadcastId), broadcastId, seekerId, channel });

  it('enqueues one job per (seeker, channel) of the people reached, with the deterministic id, into the channel\'s queue', async () => {
    const broadcast = await create();
    const result = await expandBroadcast(broadcast.id, deps());
    // skr-dedi opted out; skr-eka is inactive (never read); the rest are reached on each channel they have.
    expect(result).toEqual({ enqueued: 5, skipped: 1 });
    expect(await jobIds()).toEqual({
      whatsapp: [idOf(broadcast.id, 'skr-ani', 'whatsapp')],
      telegram: [idOf(broadcast.id, 'skr-ani', 'telegram'), idOf(broadcast.id, 'skr-budi', 'telegram'), idOf(broadcast.id, 'skr-fajar', 'telegram')].sort(),
      web: [idOf(broadcast.id, 'skr-citra', 'web')],
    });
    const job = await queues.queue<SendJobData>(SEND_QUEUES.telegram).getJob(idOf(broadcast.id, 'skr-budi', 'telegram'));
    // Store ids only: no chat id or phone number in Redis.
    expect(job?.data).toEqual({ kind: 'broadcast', sourceId: `broadcast-${broadcast.id}`, broadcastId: broadcast.id, seekerId: 'skr-budi', channel: 'telegram' });
    expect(job?.opts.attempts).toBe(SEND_JOB_OPTIONS.attempts);
    const stored = await store.broadcasts.require(broadcast.id);
    expect(stored).toMatchObject({ status: 'sending', recipients: 5 });
    expect((await store.audit.listForTarget('broadcast', broadcast.id)).map((a) => [a.actor, a.action])).toEqual([
      ['tok-admin', 'broadcast.create'],
      ['system', 'broadcast.send'],
    ]);
  });

  it('keeps only the segment: channels, kecamatan (by table entry), education by rank, skills, KTP Bekasi', async () => {
    const broadcast = await create({ channels: ['telegram', 'web'], kecamatan: ['cikarang utara'], minEducation: 'SMA', skills: ['las smaw'], ktpBekasiOnly: true });
    expect(await expandBroadcast(broadcast.id, deps())).toEqual({ enqueued: 1, skipped: 4 });
    // skr-ani only, and only on telegram (whatsapp is not in the segment's channels); skr-fajar is SD.
    expect(await jobIds()).toEqual({ whatsapp: [], telegram: [idOf(broadcast.id, 'skr-ani', 'telegram')], web: [] });
  });

  it('adds nothing new when expanded again (a redelivered event, a crashed worker)', async () => {
    const broadcast = await create();
    await expandBroadcast(broadcast.id, deps());
    const first = await jobIds();
    const again = await expandBroadcast(broadcast.id, deps());
    expect(again.enqueued).toBe(5);
    expect(await jobIds()).toEqual(first);
    const counts = await Promise.all(CHANNELS.map((c) => queues.queue(SEND_QUEUES[c]).count()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect((await store.broadcasts.require(broadcast.id)).recipients).toBe(5);
  });

  it('expands nothing for a cancelled broadcast', async () => {
    const broadcast = await create();
    await store.broadcasts.update(broadcast.id, (b) => ({ ...b, status: 'cancelled' }));
    expect(await expandBroadcast(broadcast.id, deps())).toEqual({ enqueued: 0, skipped: 0 });
    expect(await jobIds()).toEqual({ whatsapp: [], telegram: [], web: [] });
    expect((await store.broadcasts.require(broadcast.id)).status).toBe('cancelled');
  });

  it('expands nothing for a broadcast that does not exist (erased): the event counts as handled', async () => {
    expect(await expandBroadcast('brc-gone', deps())).toEqual({ enqueued: 0, skipped: 0 });
  });

  it('stops and takes its jobs out again when the broadcast is cancelled while it expands, and stays cancelled', async () => {
    const broadcast = await create();
    const telegram = queues.queue(SEND_QUEUES.telegram);
    const whatsapp = queues.queue(SEND_QUEUES.whatsapp);
    const original = whatsapp.addBulk.bind(whatsapp);
    // The cancel lands right after the first chunk is in Redis.
    vi.spyOn(whatsapp, 'addBulk').mockImplementationOnce(async (jobs) => {
      const added = await original(jobs);
      await store.broadcasts.update(broadcast.id, (b) => ({ ...b, status: 'cancelled' }));
      return added;
    });
    const addTelegram = vi.spyOn(telegram, 'addBulk');
    await expandBroadcast(broadcast.id, { ...deps(), chunkSize: 2 });
    expect(await jobIds()).toEqual({ whatsapp: [], telegram: [], web: [] });
    // skr-ani's two jobs were the first chunk; no chunk after the cancel was added.
    expect(addTelegram.mock.calls.length).toBeLessThanOrEqual(1);
    expect((await store.broadcasts.require(broadcast.id)).status).toBe('cancelled');
  });

  it('adds in chunks of at most chunkSize jobs per addBulk', async () => {
    const broadcast = await create();
    const spies = CHANNELS.map((c) => vi.spyOn(queues.queue(SEND_QUEUES[c]), 'addBulk'));
    await expandBroadcast(broadcast.id, { ...deps(), chunkSize: 2 });
    const sizes = spies.flatMap((spy) => spy.mock.calls.map(([jobs]) => jobs.length));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
  });

  it('delays the jobs of a scheduled broadcast until its time', async () => {
    const at = new Date(Date.now() + 3600_000);
    const broadcast = await create({}, { scheduledAt: at.toISOString() });
    await expandBroadcast(broadcast.id, deps());
    const telegram = queues.queue(SEND_QUEUES.telegram);
    expect(await telegram.getDelayedCount()).toBe(3);
    expect(await telegram.getWaitingCount()).toBe(0);
    const job = await telegram.getJob(idOf(broadcast.id, 'skr-budi', 'telegram'));
    expect(Math.abs((job?.timestamp ?? 0) + (job?.delay ?? 0) - at.getTime())).toBeLessThan(5_000);
  });
});
