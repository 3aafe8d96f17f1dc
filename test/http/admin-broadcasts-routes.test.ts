import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandBroadcast } from '../../src/alerts/broadcast-fanout.js';
import { SEND_QUEUES } from '../../src/alerts/send-job.js';
import { CHANNELS, type Broadcast, type Delivery } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { Queues } from '../../src/runtime/queues.js';
import { newId, type Store } from '../../src/store/index.js';
import { BROADCAST_SEEKERS, EVERYONE, storeBroadcastSeekers } from '../fixtures/broadcast-seekers.js';
import { makeDelivery } from '../fixtures/domain.js';
import { AdminApiHarness, bearer } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });
const redis = useTestRedis();

interface ErrorBody {
  error: { code: string; message: string; details?: { issues: string[] } };
}
interface Preview {
  seekers: number;
  messages: number;
  byChannel: Record<string, number>;
  optedOut: number;
}

describe('admin API: broadcasts', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let queues: Queues;
  let url = '';

  beforeEach(async () => {
    await admin.open();
    ({ store, queues } = admin);
    await storeBroadcastSeekers(store);
    url = `${admin.api}/broadcasts`;
  });
  afterEach(() => admin.close());

  const json = (body: unknown, role: 'admin' | 'operator' | 'company' = 'operator'): RequestInit => ({
    method: 'POST',
    headers: { ...bearer(role), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const draft = (segment: Partial<Broadcast['segment']> = {}, extra: Record<string, unknown> = {}) => ({
    kind: 'training',
    title: 'Pelatihan las BLK Cikarang',
    body: { id: 'Daftar pelatihan las SMAW gratis di BLK.', en: 'Free SMAW welding training at BLK.' },
    segment,
    ...extra,
  });
  async function post(body: unknown, role: 'admin' | 'operator' | 'company' = 'operator'): Promise<Broadcast> {
    const response = await fetch(url, json(body, role));
    expect(response.status).toBe(201);
    return ((await response.json()) as { broadcast: Broadcast }).broadcast;
  }
  async function preview(segment: Partial<Broadcast['segment']>): Promise<Preview> {
    const response = await fetch(`${url}/preview`, json(segment));
    expect(response.status).toBe(200);
    return (await response.json()) as Preview;
  }

  describe('POST /', () => {
    it('stores a queued broadcast and its broadcast-created outbox event, audited with the token id', async () => {
      const response = await fetch(url, json(draft({ kecamatan: ['cikarang utara'], skills: ['las smaw'] })));
      expect(response.status).toBe(201);
      const { broadcast } = (await response.json()) as { broadcast: Broadcast };
      expect(response.headers.get('location')).toBe(`/api/admin/broadcasts/${broadcast.id}`);
      expect(broadcast).toMatchObject({
        kind: 'training',
        status: 'queued',
        createdBy: 'tok-operator',
        // Stored under the table's name; the defaults filled in.
        segment: { channels: [], kecamatan: ['Cikarang Utara'], skills: ['las smaw'], ktpBekasiOnly: false },
      });
      expect(broadcast.scheduledAt).toBeUndefined();
      expect(await store.broadcasts.require(broadcast.id)).toEqual(broadcast);
      const events = await store.outbox.pending();
      expect(events).toEqual([expect.objectContaining({ type: 'broadcast-created', subjectId: broadcast.id })]);
      const audit = await store.audit.listForTarget('broadcast', broadcast.id);
      expect(audit).toEqual([expect.objectContaining({ actor: 'tok-operator', action: 'broadcast.create', details: { event: events[0]?.id, kind: 'training', scheduled: false } })]);
    });

    it('takes a time to send at', async () => {
      const at = new Date(Date.now() + 86_400_000).toISOString();
      expect((await post(draft({}, { scheduledAt: at }))).scheduledAt).toBe(at);
    });

    it('refuses what the domain schema refuses, in the one error shape, and writes nothing', async () => {
      const cases: [unknown, RegExp][] = [
        [{ ...draft(), title: '' }, /title/],
        [{ ...draft(), kind: 'party' }, /kind/],
        [{ ...draft(), body: { en: 'only English' } }, /body\.id/],
        [draft({ channels: ['sms' as never] }), /segment\.channels/],
        [draft({ minEducation: 'PhD' as never }), /segment\.minEducation/],
        // A misspelt filter is refused, not ignored (it would reach everybody).
        [draft({ kecamtan: ['Setu'] } as never), /kecamtan/],
        [draft({ kecamatan: ['Jakarta Pusat'] }), /segment\.kecamatan\.0: "Jakarta Pusat" is not a kecamatan/],
        [draft({}, { scheduledAt: '2020-01-01T00:00:00Z' }), /scheduledAt.*in the past/],
        [draft({}, { scheduledAt: 'tomorrow' }), /scheduledAt/],
      ];
      for (const [body, issue] of cases) {
        const response = await fetch(url, json(body));
        expect(response.status, JSON.stringify(body)).toBe(400);
        const { error } = (await response.json()) as ErrorBody;
        expect(error.code).toBe('loker:validation');
        expect(error.details?.issues.join('\n')).toMatch(issue);
      }
      expect(await store.broadcasts.count()).toBe(0);
      expect(await store.outbox.count()).toBe(0);
    });

    it('answers 415 to a body that is not JSON, and 400 to broken JSON', async () => {
      const form = await fetch(url, { method: 'POST', headers: { ...bearer('admin'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=x' });
      expect(form.status).toBe(415);
      expect(((await form.json()) as ErrorBody).error.code).toBe('loker:unsupported-media-type');
      const broken = await fetch(url, { method: 'POST', headers: { ...bearer('admin'), 'content-type': 'application/json' }, body: '{"title":' });
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as ErrorBody).error.code).toBe('loker:bad-request');
    });
  });

  describe('preview', () => {
    it('counts who a segment reaches per channel, honouring every filter and the opt-outs, and writes nothing', async () => {
      // Everyone reachable: ani (whatsapp + telegram), budi, citra, fajar; dedi opted out; eka inactive.
      expect(await preview({})).toEqual({ seekers: 4, messages: 5, byChannel: { whatsapp: 1, telegram: 3, web: 1 }, optedOut: 1 });
      expect(await preview({ channels: ['whatsapp'] })).toEqual({ seekers: 1, messages: 1, byChannel: { whatsapp: 1, telegram: 0, web: 0 }, optedOut: 1 });
      expect(await preview({ channels: ['telegram'] })).toMatchObject({ seekers: 3, optedOut: 0 });
      // "Kec. Cikarang Utara" (fajar) is the same kecamatan.
      expect(await preview({ kecamatan: ['Cikarang Utara'] })).toMatchObject({ seekers: 2, messages: 3, optedOut: 1 });
      expect(await preview({ kecamatan: ['Tambun Selatan', 'Cikarang Barat'] })).toMatchObject({ seekers: 2, byChannel: { whatsapp: 0, telegram: 1, web: 1 } });
      // SMA and SMK share a rank; S1 is above both; SD below.
      expect(await preview({ minEducation: 'SMA' })).toMatchObject({ seekers: 3 });
      expect(await preview({ minEducation: 'SMK' })).toMatchObject({ seekers: 3 });
      expect(await preview({ minEducation: 'D4' })).toMatchObject({ seekers: 1, byChannel: { web: 1 } });
      // Skill text is compared as canonical ids: any one of the segment's.
      expect(await preview({ skills: ['las smaw'] })).toMatchObject({ seekers: 2, optedOut: 1 });
      expect(await preview({ skills: ['operator forklift'] })).toMatchObject({ seekers: 2, byChannel: { whatsapp: 1, telegram: 1, web: 1 } });
      expect(await preview({ skills: ['microsoft excel', 'forklift'] })).toMatchObject({ seekers: 3 });
      expect(await preview({ ktpBekasiOnly: true })).toMatchObject({ seekers: 3, optedOut: 1 });
      expect(await preview({ channels: ['telegram'], kecamatan: ['Cikarang Utara'], minEducation: 'SMK', skills: ['las smaw'], ktpBekasiOnly: true })).toEqual({
        seekers: 1,
        messages: 1,
        byChannel: { whatsapp: 0, telegram: 1, web: 0 },
        optedOut: 0,
      });
      expect(await store.broadcasts.count()).toBe(0);
      expect(await store.outbox.count()).toBe(0);
    });

    it('reads the segment from a GET query too (lists repeated or comma-separated)', async () => {
      const query = new URLSearchParams([['channels', 'telegram,web'], ['skills', 'operator forklift'], ['skills', 'las smaw'], ['ktpBekasiOnly', 'true']]);
      const response = await fetch(`${url}/preview?${query.toString()}`, { headers: bearer('operator') });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ seekers: 3, messages: 3, byChannel: { whatsapp: 0, telegram: 2, web: 1 }, optedOut: 0 });
      const bad = await fetch(`${url}/preview?minEducation=PhD`, { headers: bearer('operator') });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.details?.issues.join()).toMatch(/minEducation/);
    });

    it('reaches the same people the fan-out enqueues', async () => {
      const segment = { kecamatan: ['Cikarang Utara'], skills: ['las smaw'] };
      const counted = await preview(segment);
      const broadcast = await post(draft(segment));
      const { enqueued } = await expandBroadcast(broadcast.id, { store, queues, logger: silent });
      expect(enqueued).toBe(counted.messages);
    });
  });

  describe('GET /:id', () => {
    /** Writes the Delivery row a send worker would, for the nth job of the broadcast. */
    async function delivery(broadcastId: string, n: number, status: Delivery['status'], skipReason?: string): Promise<void> {
      const recipient = BROADCAST_SEEKERS[n]?.identityKeys[0] ?? `web/x${n}`;
      await store.deliveries.create({ ...makeDelivery(newId('dlv'), { sourceId: `broadcast-${broadcastId}`, recipient, channel: 'telegram', status }), ...(skipReason ? { skipReason } : {}) });
    }
    const get = async (id: string) => (await (await fetch(`${url}/${id}`, { headers: bearer('operator') })).json()) as { broadcast: Broadcast; progress: Record<string, unknown> };

    it('shows the broadcast with its progress counted from its Delivery rows, and marks it done when every job has an outcome', async () => {
      const broadcast = await post(draft());
      expect((await get(broadcast.id)).progress).toEqual({ recipients: null, queued: 0, pending: 0, sent: 0, failed: 0, skipped: 0, skippedBy: {}, cancelled: 0, finished: false });
      await expandBroadcast(broadcast.id, { store, queues, logger: silent });
      await delivery(broadcast.id, 0, 'sent');
      await delivery(broadcast.id, 1, 'sent');
      await delivery(broadcast.id, 2, 'failed');
      await delivery(broadcast.id, 3, 'skipped', 'opted-out');
      // Another broadcast's rows are not counted.
      await store.deliveries.create(makeDelivery('dlv-other', { sourceId: 'broadcast-brc-other', status: 'sent' }));
      const during = await get(broadcast.id);
      expect(during.broadcast.status).toBe('sending');
      expect(during.progress).toEqual({ recipients: 5, queued: 1, pending: 0, sent: 2, failed: 1, skipped: 1, skippedBy: { 'opted-out': 1 }, cancelled: 0, finished: false });
      await delivery(broadcast.id, 5, 'pending');
      expect((await get(broadcast.id)).progress).toMatchObject({ queued: 0, pending: 1, finished: false });
      await store.deliveries.update((await store.deliveries.find({ status: 'pending' }))[0]!.id, (d) => ({ ...d, status: 'sent' }));
      const after = await get(broadcast.id);
      expect(after.progress).toMatchObject({ queued: 0, pending: 0, sent: 3, finished: true });
      expect(after.broadcast.status).toBe('done');
      expect((await store.broadcasts.require(broadcast.id)).status).toBe('done');
      expect((await store.audit.listForTarget('broadcast', broadcast.id)).map((a) => a.action)).toEqual(['broadcast.create', 'broadcast.send', 'broadcast.done']);
    });

    it('answers 404 for an unknown broadcast and 400 for an id that cannot be one', async () => {
      const missing = await fetch(`${url}/brc-nope`, { headers: bearer('operator') });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as ErrorBody).error.code).toBe('loker:broadcast-not-found');
      expect((await fetch(`${url}/${encodeURIComponent('a:b')}`, { headers: bearer('operator') })).status).toBe(400);
    });
  });

  describe('POST /:id/cancel', () => {
    const cancel = (id: string) => fetch(`${url}/${id}/cancel`, { method: 'POST', headers: bearer('admin') });
    const queued = () => Promise.all(CHANNELS.map((c) => queues.queue(SEND_QUEUES[c]).count())).then((n) => n.reduce((a, b) => a + b, 0));

    it('cancels: its waiting jobs leave the queues, progress counts them cancelled, audited; twice changes nothing', async () => {
      const broadcast = await post(draft());
      await expandBroadcast(broadcast.id, { store, queues, logger: silent });
      expect(await queued()).toBe(5);
      const response = await cancel(broadcast.id);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { broadcast: Broadcast; alreadyCancelled: boolean; removedJobs: number };
      expect(body).toMatchObject({ broadcast: { id: broadcast.id, status: 'cancelled' }, alreadyCancelled: false, removedJobs: 5 });
      expect(await queued()).toBe(0);
      const view = (await (await fetch(`${url}/${broadcast.id}`, { headers: bearer('operator') })).json()) as { progress: Record<string, unknown> };
      expect(view.progress).toMatchObject({ recipients: 5, queued: 0, cancelled: 5, finished: true });
      expect(await (await cancel(broadcast.id)).json()).toMatchObject({ alreadyCancelled: true, removedJobs: 0 });
      const audit = await store.audit.listForTarget('broadcast', broadcast.id);
      expect(audit.filter((a) => a.action === 'broadcast.cancel')).toEqual([expect.objectContaining({ actor: 'tok-admin', details: { previousStatus: 'sending' } })]);
    });

    it('leaves another broadcast\'s jobs alone, even one whose id starts the same', async () => {
      const first = await post(draft());
      await store.broadcasts.createQueued({ ...first, id: `${first.id}-2` });
      await expandBroadcast(first.id, { store, queues, logger: silent });
      await expandBroadcast(`${first.id}-2`, { store, queues, logger: silent });
      expect(await queued()).toBe(10);
      expect(await (await cancel(first.id)).json()).toMatchObject({ removedJobs: 5 });
      expect(await queued()).toBe(5);
    });

    it('takes out the delayed jobs of a scheduled broadcast too', async () => {
      const broadcast = await post(draft({}, { scheduledAt: new Date(Date.now() + 3600_000).toISOString() }));
      await expandBroadcast(broadcast.id, { store, queues, logger: silent });
      expect(await queues.queue(SEND_QUEUES.telegram).getDelayedCount()).toBe(3);
      expect(await (await cancel(broadcast.id)).json()).toMatchObject({ removedJobs: 5 });
      expect(await queued()).toBe(0);
    });

    it('cancels a broadcast before its fan-out ran, so the fan-out expands nothing', async () => {
      const broadcast = await post(draft());
      expect((await cancel(broadcast.id)).status).toBe(200);
      expect(await expandBroadcast(broadcast.id, { store, queues, logger: silent })).toEqual({ enqueued: 0, skipped: 0 });
      expect(await queued()).toBe(0);
    });

    it('answers 409 for a broadcast that is done, and 404 for an unknown one', async () => {
      const broadcast = await post(draft());
      await store.broadcasts.update(broadcast.id, (b) => ({ ...b, status: 'done' }));
      const response = await cancel(broadcast.id);
      expect(response.status).toBe(409);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'loker:broadcast-done' });
      expect((await cancel('brc-nope')).status).toBe(404);
    });
  });

  it('lists broadcasts newest first, a page at a time, optionally by status', async () => {
    const made: Broadcast[] = [];
    for (const title of ['pertama', 'kedua', 'ketiga']) made.push(await post({ ...draft(), title }));
    await store.broadcasts.update(made[0]!.id, (b) => ({ ...b, status: 'cancelled' }));
    const page = async (query: string) => (await (await fetch(`${url}?${query}`, { headers: bearer('operator') })).json()) as { items: Broadcast[]; nextCursor: string | null };
    const first = await page('limit=2');
    expect(first.items.map((b) => b.title)).toEqual(['ketiga', 'kedua']);
    expect(first.nextCursor).toBe(made[1]!.id);
    const second = await page(`limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ title: 'pertama' })], nextCursor: null });
    expect((await page('status=cancelled')).items.map((b) => b.title)).toEqual(['pertama']);
    expect((await fetch(`${url}?limit=500`, { headers: bearer('operator') })).status).toBe(400);
  });

  describe('auth', () => {
    const routes: [string, string][] = [
      ['GET', ''],
      ['POST', ''],
      ['GET', '/preview'],
      ['POST', '/preview'],
      ['GET', '/brc-x'],
      ['POST', '/brc-x/cancel'],
    ];

    it('answers 401 without a token or with an unknown one, before reading any body', async () => {
      for (const [method, path] of routes) {
        for (const headers of [{}, { authorization: 'Bearer not-a-token-we-know-of-at-all' }] as Record<string, string>[]) {
          const response = await fetch(`${url}${path}`, { method, headers: { ...headers, 'content-type': 'text/plain' }, ...(method === 'POST' ? { body: 'x' } : {}) });
          expect(response.status, `${method} ${path}`).toBe(401);
          expect(((await response.json()) as ErrorBody).error.code).toBe('loker:unauthorized');
        }
      }
    });

    it('answers 403 to a company token, and lets admin and operator tokens in', async () => {
      for (const [method, path] of routes) {
        const response = await fetch(`${url}${path}`, { method, headers: bearer('company') });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(((await response.json()) as ErrorBody).error.code).toBe('loker:forbidden');
      }
      expect((await post(draft(), 'admin')).createdBy).toBe('tok-admin');
      expect((await post(draft(), 'operator')).createdBy).toBe('tok-operator');
      expect(await store.broadcasts.count()).toBe(2);
    });

    it('marks every answer no-store', async () => {
      const response = await fetch(url, { headers: bearer('operator') });
      expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });

  it('keeps EVERYONE in the fixture meaning every seeker', () => {
    expect(EVERYONE).toEqual({ channels: [], kecamatan: [], skills: [], ktpBekasiOnly: false });
  });
});
