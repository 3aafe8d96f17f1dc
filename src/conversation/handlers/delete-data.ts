import { identityKey } from '../../domain/index.js';
import type { CompleteHandler, TurnContext } from '../handlers.js';

/**
 * "Hapus data saya" (UU 27/2022): removes the profile, subscriptions, training interests, delivery
 * records and the conversation state; applications stay only as anonymous counts (no seeker id),
 * reports as the vacancy, reason and resolution (no reporter, text or chat).
 */
export const deleteData: CompleteHandler = async (ctx) => {
  if (ctx.state.data.confirm !== true) return { replies: [{ text: ctx.t('delete.kept') }], then: 'menu' };
  await eraseEverything(ctx);
  return { replies: [{ text: ctx.t('delete.done') }] };
};

async function eraseEverything(ctx: TurnContext): Promise<void> {
  const { store } = ctx;
  const seeker = ctx.seeker;
  if (seeker) {
    for (const application of await store.applications.listBySeeker(seeker.id)) {
      await store.applications.update(application.id, ({ seekerId: _dropped, ...rest }) => rest);
    }
    for (const subscription of await store.subscriptions.find({ seekerId: seeker.id })) await store.subscriptions.delete(subscription.id);
    for (const interest of await store.trainingInterests.listBySeeker(seeker.id)) await store.trainingInterests.delete(interest.id);
    await store.seekers.delete(seeker.id);
    await store.audit.record({ actor: `seeker:${seeker.id}`, action: 'seeker.erase', target: { type: 'seeker', id: seeker.id } });
  }
  // A profile may be linked to several chat identities (WhatsApp and Telegram); alerts and their delivery
  // records are kept per identity, so every one of them is cleared.
  for (const identity of seeker?.identities ?? [ctx.identity]) {
    for (const subscription of await store.subscriptions.listBySubscriber(identity)) await store.subscriptions.delete(subscription.id);
    for (const delivery of await store.deliveries.find({ recipient: identityKey(identity) }, { limit: 10_000 })) await store.deliveries.delete(delivery.id);
    for (const report of await store.reports.listByReporter(identity)) await store.reports.anonymise(report.id);
  }
  ctx.forget();
}
