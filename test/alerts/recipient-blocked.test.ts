import { describe, expect, it } from 'vitest';
import { markRecipientBlocked } from '../../src/alerts/recipient-blocked.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeSeeker, makeSubscription } from '../fixtures/domain.js';

describe('markRecipientBlocked', () => {
  it('switches off the person’s alerts and profile on that channel, and leaves others alone', async () => {
    const store = new Store(new SqliteBackend({ file: ':memory:' }));
    const blocked = { channel: 'telegram' as const, userId: '777' };
    await store.seekers.create(makeSeeker('skr-1', { identities: [blocked], identityKeys: ['telegram/777'] }));
    await store.subscriptions.create(makeSubscription('sub-1', { subscriber: blocked, subscriberKey: 'telegram/777' }));
    await store.subscriptions.create(makeSubscription('sub-2'));

    await markRecipientBlocked(store, 'telegram', '777');

    expect((await store.seekers.require('skr-1')).status).toBe('inactive');
    expect((await store.subscriptions.require('sub-1')).active).toBe(false);
    expect((await store.subscriptions.require('sub-2')).active).toBe(true);
    const [entry] = await store.audit.listForTarget('channel', 'telegram');
    expect(entry?.action).toBe('recipient.blocked');
    expect(JSON.stringify(entry)).not.toContain('777');
    await store.close();
  });
});
