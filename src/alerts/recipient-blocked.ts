import type { Channel } from '../domain/index.js';
import type { Store } from '../store/index.js';

/**
 * A person blocked the bot (or left the platform): no more alerts or broadcasts to them. Their
 * subscriptions are switched off and their profile marked inactive; nothing is deleted, so
 * unblocking and writing again brings them back.
 */
export async function markRecipientBlocked(store: Store, channel: Channel, userId: string): Promise<void> {
  const identity = { channel, userId };
  for (const subscription of await store.subscriptions.listBySubscriber(identity)) {
    if (subscription.active) await store.subscriptions.update(subscription.id, (s) => ({ ...s, active: false }));
  }
  const seeker = await store.seekers.findByIdentity(identity);
  if (seeker && seeker.status === 'active' && seeker.identities.length === 1) {
    await store.seekers.update(seeker.id, (s) => ({ ...s, status: 'inactive' }));
  }
  await store.audit.record({ actor: 'system', action: 'recipient.blocked', target: { type: 'channel', id: channel } });
}
