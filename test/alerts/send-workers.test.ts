import { afterEach, describe, expect, it } from 'vitest';
import { broadcastSourceId, vacancySourceId, type SendJobData } from '../../src/alerts/send-job.js';
import { RateLimitedError, RecipientBlockedError, TemporarySendError } from '../../src/channels/channel-sender.js';
import { SendRejectedError } from '../../src/channels/send-rejected-error.js';
import { identityKey } from '../../src/domain/index.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useTestRedis } from '../helpers/redis.js';
import { sleep, waitForAsync } from '../helpers/wait.js';
import { makeSeeker, makeSubscription } from '../fixtures/domain.js';
import { FakeSender, createHarness, type Harness } from './send-harness.js';

/*
 * The send workers against this file's redis-server, an in-memory SQLite store and fake senders at
 * the platform boundary. Each test runs its own BullMQ prefix.
 */

const CHAT = '5551001';
const TELEGRAM = { channel: 'telegram' as const, userId: CHAT };

function alert(subscriptionId: string, vacancyId = 'vac-1'): SendJobData {
  return { kind: 'vacancy-alert', sourceId: vacancySourceId(vacancyId), vacancyId, subscriptionId };
}

function broadcast(seekerId: string, channel: 'telegram' | 'web' | 'whatsapp' = 'telegram', broadcastId = 'brc-1'): SendJobData {
  return { kind: 'broadcast', sourceId: broadcastSourceId(broadcastId), broadcastId, seekerId, channel };
}

describe('send workers', () => {
  const redis = useTestRedis();
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(sender: FakeSender, options: Parameters<typeof createHarness>[1] = {}): Promise<Harness> {
    harness = await createHarness(redis, { telegram: { perChatMs: 0 }, ...options });
    await harness.workers.startChannel(sender.channel, sender);
    return harness;
  }

  it('sends an alert once, records it as sent, and tells onSent', async () => {
    const heard: string[] = [];
    const sender = new FakeSender();
    const h = await start(sender, { onSent: (recipient, job, message) => void heard.push(`${recipient.key} ${job.sourceId} ${message.text}`) });
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}`, locale: 'en' }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state, job } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(state).toBe('completed');
    expect(job.returnvalue).toBe('sent');
    expect(sender.calls.map((c) => [c.userId, c.message.text])).toEqual([[CHAT, 'New: vacancy-vac-1']]);
    const row = await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, channel: 'telegram', jobId: 'vacancy-vac-1-sub-1' });
    expect(row?.lastError).toBeUndefined();
    expect(heard).toEqual([`telegram/${CHAT} vacancy-vac-1 New: vacancy-vac-1`]);
  });

  it('switches off a recipient who blocked the bot and does not retry', async () => {
    const { logger, raw } = captureLogs('debug');
    const sender = new FakeSender().then(new RecipientBlockedError('telegram'));
    const h = await start(sender, { logger });
    await h.store.seekers.create(makeSeeker('skr-1', { identities: [TELEGRAM], identityKeys: [`telegram/${CHAT}`] }));
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}`, seekerId: 'skr-1' }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state, job } = await h.settled('telegram', 'vacancy-vac-1-sub-1');
    await sleep(200);

    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(sender.calls).toHaveLength(1);
    expect((await h.store.subscriptions.require('sub-1')).active).toBe(false);
    expect((await h.store.seekers.require('skr-1')).status).toBe('inactive');
    const row = await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`);
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/^loker:recipient-blocked/);
    // Neither the logs nor what BullMQ keeps in Redis name the chat.
    expect(raw.join('\n')).not.toContain(CHAT);
    expect(`${job.failedReason} ${JSON.stringify(job.stacktrace)} ${JSON.stringify(job.data)}`).not.toContain(CHAT);
  });

  it('retries a passing failure with backoff and then delivers', async () => {
    const sender = new FakeSender().then(new TemporarySendError('telegram', 'Bot API answered 502'), new TemporarySendError('telegram', 'Bot API answered 502'));
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state, job } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(state).toBe('completed');
    // BullMQ counts the successful try too.
    expect(job.attemptsMade).toBe(3);
    expect(sender.calls).toHaveLength(3);
    expect(await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up after the last attempt with the reason, without personal data, and keeps working', async () => {
    // An unexpected error whose message quotes the chat (as a library's might).
    const leaky = new TypeError(`cannot reach chat ${CHAT}`);
    const sender = new FakeSender().then(new TemporarySendError('telegram', 'Bot API answered 503'), leaky, leaky);
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    await h.store.subscriptions.create(makeSubscription('sub-2', { subscriber: { channel: 'telegram', userId: '5551002' }, subscriberKey: 'telegram/5551002' }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state, job } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(state).toBe('failed');
    expect(sender.calls).toHaveLength(3);
    const row = await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'unexpected TypeError' });
    expect(`${job.failedReason} ${JSON.stringify(job.stacktrace)}`).not.toContain(CHAT);

    // The worker is still there for the next job.
    await h.enqueue('telegram', alert('sub-2'));
    expect((await h.settled('telegram', 'vacancy-vac-1-sub-2')).state).toBe('completed');
  });

  it('fails a message the platform refuses at once, without retrying', async () => {
    const sender = new FakeSender().then(new SendRejectedError('telegram', 'Bot API answered 400'));
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(state).toBe('failed');
    expect(sender.calls).toHaveLength(1);
    expect(await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'failed', lastError: 'loker:send-rejected: telegram: message rejected: Bot API answered 400' });
    expect((await h.store.subscriptions.require('sub-1')).active).toBe(true);
  });

  it('sends once for five duplicate jobs of one alert, with one Delivery row', async () => {
    const sender = new FakeSender().then({ delayMs: 50 });
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));

    // Different job ids (BullMQ would fold equal ones): a repeated expansion after the first job was removed.
    const ids = [1, 2, 3, 4, 5].map((n) => `dup${n}-vacancy-vac-1-sub-1`);
    await Promise.all(ids.map((jobId) => h.enqueue('telegram', alert('sub-1'), { jobId })));
    const results = await Promise.all(ids.map((id) => h.settled('telegram', id)));

    expect(results.map((r) => r.state)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
    expect(sender.calls).toHaveLength(1);
    const outcomes = results.map((r) => r.job.returnvalue as string);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'sent').every((o) => /^not-claimed:(sent|owned-by-another-job)$/.test(o))).toBe(true);
    expect(await h.store.deliveries.count({ sourceId: 'vacancy-vac-1' })).toBe(1);
  });

  it('sends once to a person with two matching subscriptions', async () => {
    // A slow send, so the second job meets the first one's claim while it is still pending.
    const sender = new FakeSender().then({ delayMs: 150 });
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    await h.store.subscriptions.create(makeSubscription('sub-2', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}`, filters: { keywords: ['las'], kecamatan: [], jobTypes: [] } }));

    await Promise.all([h.enqueue('telegram', alert('sub-1')), h.enqueue('telegram', alert('sub-2'))]);
    const results = await Promise.all([h.settled('telegram', 'vacancy-vac-1-sub-1'), h.settled('telegram', 'vacancy-vac-1-sub-2')]);

    expect(results.map((r) => r.state)).toEqual(['completed', 'completed']);
    expect(sender.calls).toHaveLength(1);
    const rows = await h.store.deliveries.find({ sourceId: 'vacancy-vac-1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('repeats at most once when a job is re-run after its outcome was lost, and records it', async () => {
    const sender = new FakeSender();
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    // What a worker killed between its send and its record leaves: the claim, owned by the job.
    const at = new Date().toISOString();
    await h.store.deliveries.create({ id: 'dlv-crashed', sourceId: 'vacancy-vac-1', recipient: `telegram/${CHAT}`, channel: 'telegram', status: 'pending', attempts: 1, jobId: 'vacancy-vac-1-sub-1', createdAt: at, updatedAt: at });

    await h.enqueue('telegram', alert('sub-1'));
    await h.settled('telegram', 'vacancy-vac-1-sub-1');
    // Run again (a second stall, a repeated event after the job was removed): nothing more.
    await (await h.queue('telegram').getJob('vacancy-vac-1-sub-1'))?.remove();
    await h.enqueue('telegram', alert('sub-1'));
    expect((await h.settled('telegram', 'vacancy-vac-1-sub-1')).job.returnvalue).toBe('not-claimed:sent');

    expect(sender.calls).toHaveLength(1);
    expect(await h.store.deliveries.require('dlv-crashed')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('leaves a send another job has claimed to that job', async () => {
    const sender = new FakeSender();
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    const at = new Date().toISOString();
    await h.store.deliveries.create({ id: 'dlv-other', sourceId: 'vacancy-vac-1', recipient: `telegram/${CHAT}`, channel: 'telegram', status: 'pending', attempts: 1, jobId: 'vacancy-vac-1-sub-9', createdAt: at, updatedAt: at });

    await h.enqueue('telegram', alert('sub-1'));
    const { job } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(job.returnvalue).toBe('not-claimed:owned-by-another-job');
    expect(sender.calls).toHaveLength(0);
    expect(await h.store.deliveries.require('dlv-other')).toMatchObject({ status: 'pending', attempts: 1, jobId: 'vacancy-vac-1-sub-9' });
  });

  it('skips a broadcast to a seeker who opted out of broadcasts', async () => {
    const sender = new FakeSender();
    const h = await start(sender);
    await h.store.seekers.create(makeSeeker('skr-1', { identities: [TELEGRAM], identityKeys: [`telegram/${CHAT}`], broadcastsOptedOutAt: '2026-11-21T02:00:00.000Z' }));

    await h.enqueue('telegram', broadcast('skr-1'));
    const { state, job } = await h.settled('telegram', 'broadcast-brc-1-skr-1-telegram');

    expect(state).toBe('completed');
    expect(job.returnvalue).toBe('skipped:opted-out');
    expect(sender.calls).toHaveLength(0);
    expect(await h.store.deliveries.findOne('broadcast-brc-1', `telegram/${CHAT}`)).toMatchObject({ status: 'skipped', skipReason: 'opted-out', attempts: 0 });
  });

  it('skips, with the reason, a job whose recipient is gone or whose content has nothing to say', async () => {
    const sender = new FakeSender();
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    await h.store.subscriptions.create(makeSubscription('sub-2', { subscriber: { channel: 'telegram', userId: '5551002' }, subscriberKey: 'telegram/5551002', active: false }));
    h.content.nothingFor.add('vacancy-vac-closed');

    await h.enqueue('telegram', alert('sub-1', 'vac-closed'));
    await h.enqueue('telegram', alert('sub-2'));
    await h.enqueue('telegram', alert('sub-gone'));
    const results = await Promise.all(['vacancy-vac-closed-sub-1', 'vacancy-vac-1-sub-2', 'vacancy-vac-1-sub-gone'].map((id) => h.settled('telegram', id)));

    expect(results.map((r) => r.job.returnvalue as string)).toEqual(['skipped:nothing-to-say', 'skipped:recipient-inactive', 'skipped:recipient-gone']);
    expect(sender.calls).toHaveLength(0);
    expect(await h.store.deliveries.findOne('vacancy-vac-closed', `telegram/${CHAT}`)).toMatchObject({ status: 'skipped', skipReason: 'nothing-to-say' });
    expect(await h.store.deliveries.findOne('vacancy-vac-1', 'telegram/5551002')).toMatchObject({ status: 'skipped', skipReason: 'recipient-inactive' });
    // Nobody is known any more: the row names the subscription, not a person.
    expect(await h.store.deliveries.findOne('vacancy-vac-1', 'subscription/sub-gone')).toMatchObject({ status: 'skipped', skipReason: 'recipient-gone' });
  });

  it('pauses the whole queue for a 429’s retry_after without losing or failing the job', async () => {
    const sender = new FakeSender().then(new RateLimitedError('telegram', 1000));
    const h = await start(sender, { concurrency: 1 });
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));
    await h.store.subscriptions.create(makeSubscription('sub-2', { subscriber: { channel: 'telegram', userId: '5551002' }, subscriberKey: 'telegram/5551002' }));

    await h.enqueue('telegram', alert('sub-1'));
    await waitForAsync(() => Promise.resolve(sender.calls.length === 1), 'the first send');
    await h.enqueue('telegram', alert('sub-2'));
    const results = await Promise.all([h.settled('telegram', 'vacancy-vac-1-sub-1'), h.settled('telegram', 'vacancy-vac-1-sub-2')]);

    expect(results.map((r) => r.state)).toEqual(['completed', 'completed']);
    // Only the try that succeeded counts: the rate-limited one cost no attempt.
    expect(results[0]?.job.attemptsMade).toBe(1);
    expect(sender.calls).toHaveLength(3);
    const [limited, ...after] = sender.calls;
    // Nothing went out, to anybody, until the platform's retry_after had passed.
    for (const call of after) expect(call.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('logs a failing onSent hook without failing the sent job', async () => {
    const { logger, lines } = captureLogs('debug');
    const sender = new FakeSender();
    const h = await start(sender, { logger, onSent: () => Promise.reject(new Error('state store away')) });
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));

    await h.enqueue('telegram', alert('sub-1'));
    const { state } = await h.settled('telegram', 'vacancy-vac-1-sub-1');

    expect(state).toBe('completed');
    expect(await h.store.deliveries.findOne('vacancy-vac-1', `telegram/${CHAT}`)).toMatchObject({ status: 'sent' });
    expect(lines.some((l) => l.msg === 'onSent hook failed; the message was sent')).toBe(true);
  });

  it('refuses a job whose recipient is on another channel than its queue', async () => {
    const sender = new FakeSender('whatsapp');
    const h = await start(sender);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: TELEGRAM, subscriberKey: `telegram/${CHAT}` }));

    await h.enqueue('whatsapp', alert('sub-1'));
    const { state, job } = await h.settled('whatsapp', 'vacancy-vac-1-sub-1');

    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(sender.calls).toHaveLength(0);
  });

  it('sends WhatsApp alerts one at a time', async () => {
    const sender = new FakeSender('whatsapp').then({ delayMs: 40 }, { delayMs: 40 }, { delayMs: 40 }, { delayMs: 40 });
    const h = await start(sender, { concurrency: 10 });
    for (const n of [1, 2, 3, 4]) {
      const subscriber = { channel: 'whatsapp' as const, userId: `+6281200000${n}` };
      await h.store.subscriptions.create(makeSubscription(`sub-${n}`, { subscriber, subscriberKey: identityKey(subscriber) }));
    }

    await Promise.all([1, 2, 3, 4].map((n) => h.enqueue('whatsapp', alert(`sub-${n}`))));
    await Promise.all([1, 2, 3, 4].map((n) => h.settled('whatsapp', `vacancy-vac-1-sub-${n}`)));

    expect(sender.calls).toHaveLength(4);
    expect(sender.maxInFlight).toBe(1);
  });

  it('starts and stops a channel on demand, and lets a send in flight finish at close', async () => {
    const sender = new FakeSender('whatsapp').then({ delayMs: 300 });
    harness = await createHarness(redis);
    const h = harness;
    const subscriber = { channel: 'whatsapp' as const, userId: '+6281200001' };
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber, subscriberKey: identityKey(subscriber) }));
    await h.store.subscriptions.create(makeSubscription('sub-2', { subscriber: { ...subscriber, userId: '+6281200002' }, subscriberKey: 'whatsapp/+6281200002' }));

    // Nobody holds the WhatsApp session yet: the job waits in Redis.
    await h.enqueue('whatsapp', alert('sub-1'));
    await sleep(300);
    expect(sender.calls).toHaveLength(0);
    expect(await h.queue('whatsapp').getJobState('vacancy-vac-1-sub-1')).toBe('waiting');

    await h.workers.startChannel('whatsapp', sender);
    expect(h.workers.channels).toEqual(['whatsapp']);
    await waitForAsync(() => Promise.resolve(sender.calls.length === 1), 'the send to start');
    await h.workers.stopChannel('whatsapp');
    // The send that was under way finished and was recorded before the stop returned.
    expect(await h.store.deliveries.findOne('vacancy-vac-1', 'whatsapp/+6281200001')).toMatchObject({ status: 'sent' });
    expect(h.workers.channels).toEqual([]);

    await h.enqueue('whatsapp', alert('sub-2'));
    await sleep(300);
    expect(sender.calls).toHaveLength(1);
    await h.workers.startChannel('whatsapp', sender);
    expect((await h.settled('whatsapp', 'vacancy-vac-1-sub-2')).state).toBe('completed');
    await h.workers.close();
    expect(h.workers.channels).toEqual([]);
  });
});
