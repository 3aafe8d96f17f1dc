import { describe, expect, it } from 'vitest';
import { resolveJob } from '../../src/alerts/recipient-resolver.js';
import type { Recipient } from '../../src/alerts/alert-content.js';
import type { SendJobData } from '../../src/alerts/send-job.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeSeeker, makeSubscription } from '../fixtures/domain.js';

/** The recipient a job resolves to, or undefined when nobody gets it. */
async function resolveRecipient(job: SendJobData, store: Store): Promise<Recipient | undefined> {
  const resolution = await resolveJob(job, store);
  return 'recipient' in resolution ? resolution.recipient : undefined;
}

const alert = (subscriptionId: string): SendJobData => ({ kind: 'vacancy-alert', sourceId: 'vacancy-vac-1', vacancyId: 'vac-1', subscriptionId });
const digest = (subscriptionId: string): SendJobData => ({ kind: 'digest', sourceId: `digest-20261121-${subscriptionId}`, subscriptionId, vacancyIds: ['vac-1'] });
const broadcast = (seekerId: string, channel: 'telegram' | 'whatsapp' | 'web'): SendJobData => ({ kind: 'broadcast', sourceId: 'broadcast-brc-1', broadcastId: 'brc-1', seekerId, channel });

describe('resolveRecipient', () => {
  const newStore = () => new Store(new SqliteBackend({ file: ':memory:' }));

  it('sends alerts and digests to the subscription, in its language', async () => {
    const store = newStore();
    await store.subscriptions.create(makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: '42' }, subscriberKey: 'telegram/42', locale: 'en' }));
    const expected = { identity: { channel: 'telegram', userId: '42' }, key: 'telegram/42', locale: 'en' };
    expect(await resolveRecipient(alert('sub-1'), store)).toEqual(expected);
    expect(await resolveRecipient(digest('sub-1'), store)).toEqual(expected);
  });

  it('finds nobody for a subscription that is gone or paused', async () => {
    const store = newStore();
    await store.subscriptions.create(makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: '42' }, subscriberKey: 'telegram/42', active: false }));
    expect(await resolveRecipient(alert('sub-1'), store)).toBeUndefined();
    expect(await resolveJob(alert('sub-1'), store)).toEqual({ unreachable: { reason: 'recipient-inactive', key: 'telegram/42' } });
    expect(await resolveJob(digest('sub-9'), store)).toEqual({ unreachable: { reason: 'recipient-gone', key: 'subscription/sub-9' } });
  });

  it('sends a broadcast to the seeker’s identity on the job’s channel, in their language', async () => {
    const store = newStore();
    const identities = [{ channel: 'whatsapp' as const, userId: '+6281234567890' }, { channel: 'telegram' as const, userId: '77' }];
    await store.seekers.create(makeSeeker('skr-1', { identities, identityKeys: identities.map((i) => `${i.channel}/${i.userId}`), locale: 'en' }));
    expect(await resolveRecipient(broadcast('skr-1', 'telegram'), store)).toEqual({ identity: identities[1], key: 'telegram/77', locale: 'en' });
    expect(await resolveRecipient(broadcast('skr-1', 'whatsapp'), store)).toEqual({ identity: identities[0], key: 'whatsapp/+6281234567890', locale: 'en' });
  });

  it('finds nobody for a broadcast to a seeker who is gone, inactive, not on that channel, or opted out', async () => {
    const store = newStore();
    const tg = (userId: string) => ({ identities: [{ channel: 'telegram' as const, userId }], identityKeys: [`telegram/${userId}`] });
    await store.seekers.create(makeSeeker('skr-inactive', { ...tg('1'), status: 'inactive' }));
    await store.seekers.create(makeSeeker('skr-out', { ...tg('2'), broadcastsOptedOutAt: '2026-11-21T00:00:00.000Z' }));
    await store.seekers.create(makeSeeker('skr-tg', tg('3')));

    expect(await resolveJob(broadcast('skr-gone', 'telegram'), store)).toEqual({ unreachable: { reason: 'recipient-gone', key: 'seeker/skr-gone/telegram' } });
    expect(await resolveJob(broadcast('skr-inactive', 'telegram'), store)).toEqual({ unreachable: { reason: 'recipient-inactive', key: 'telegram/1' } });
    expect(await resolveJob(broadcast('skr-out', 'telegram'), store)).toEqual({ unreachable: { reason: 'opted-out', key: 'telegram/2' } });
    expect(await resolveJob(broadcast('skr-tg', 'web'), store)).toEqual({ unreachable: { reason: 'no-identity-on-channel', key: 'seeker/skr-tg/web' } });
    for (const id of ['skr-gone', 'skr-inactive', 'skr-out']) expect(await resolveRecipient(broadcast(id, 'telegram'), store)).toBeUndefined();
  });

  it('finds nobody for alerts and digests of a seeker who paused or found work, whether the subscription names them or was made on their chat', async () => {
    const store = newStore();
    const tg = (userId: string) => ({ identities: [{ channel: 'telegram' as const, userId }], identityKeys: [`telegram/${userId}`] });
    const at = '2026-11-21T00:00:00.000Z';
    await store.seekers.create(makeSeeker('skr-paused', { ...tg('11'), jobSearch: { state: 'paused', pausedAt: at, pausedBy: 'no-answer' } }));
    await store.seekers.create(makeSeeker('skr-placed', { ...tg('12'), jobSearch: { state: 'placed', confirmedAt: at, placement: { at } } }));
    await store.seekers.create(makeSeeker('skr-looking', { ...tg('13'), jobSearch: { state: 'active', confirmedAt: at } }));
    const on = (userId: string) => ({ subscriber: { channel: 'telegram' as const, userId }, subscriberKey: `telegram/${userId}` });
    await store.subscriptions.create(makeSubscription('sub-paused', { ...on('11'), seekerId: 'skr-paused' }));
    // Made before registering: no seeker id, the same chat.
    await store.subscriptions.create(makeSubscription('sub-placed', on('12')));
    await store.subscriptions.create(makeSubscription('sub-looking', { ...on('13'), seekerId: 'skr-looking' }));

    expect(await resolveJob(alert('sub-paused'), store)).toEqual({ unreachable: { reason: 'not-seeking', key: 'telegram/11' } });
    expect(await resolveJob(digest('sub-placed'), store)).toEqual({ unreachable: { reason: 'not-seeking', key: 'telegram/12' } });
    expect(await resolveRecipient(alert('sub-looking'), store)).toMatchObject({ key: 'telegram/13' });
    // A paused seeker hears no announcement either; one in work still gets the office's news.
    expect(await resolveJob(broadcast('skr-paused', 'telegram'), store)).toEqual({ unreachable: { reason: 'not-seeking', key: 'telegram/11' } });
    expect(await resolveRecipient(broadcast('skr-placed', 'telegram'), store)).toMatchObject({ key: 'telegram/12' });
    // The refresh question and application news reach them whatever they chose.
    const refresh: SendJobData = { kind: 'profile-refresh', sourceId: 'refresh-skr-paused-1', seekerId: 'skr-paused', channel: 'telegram' };
    expect(await resolveRecipient(refresh, store)).toMatchObject({ key: 'telegram/11' });
  });
});
