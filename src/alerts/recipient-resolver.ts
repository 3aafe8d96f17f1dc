import { identityKey, isSeekingWork, jobSearchOf, type Channel, type DeliverySkipReason, type Seeker, type Subscription } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { Recipient } from './alert-content.js';
import type { SendJobData } from './send-job.js';

/** Nobody to send a job to, why, and the Delivery row's recipient key to record that under. */
export interface Unreachable {
  readonly reason: Exclude<DeliverySkipReason, 'nothing-to-say'>;
  /** `channel/userId` when the person is still known, else a store reference (no personal data). */
  readonly key: string;
}

export type Resolution = { readonly recipient: Recipient } | { readonly unreachable: Unreachable };

/**
 * Who a send job goes to, read from the store when the job runs (the person may have paused,
 * opted out or been erased since it was enqueued), or why nobody: vacancy alerts and digests go to their
 * subscription (gone or inactive → nobody; its seeker no longer looking for work, paused or placed
 * → nobody); broadcasts to the seeker's identity on the job's channel (gone, inactive, no identity
 * there, opted out of broadcasts, or paused → nobody); application news and the refresh question
 * to the seeker's identity likewise, whatever their broadcast choice or search state. The language
 * is the subscription's or the seeker's.
 */
export async function resolveJob(job: SendJobData, store: Store): Promise<Resolution> {
  if (job.kind === 'broadcast') return resolveSeeker(job.seekerId, job.channel, store, true);
  // News of one's own application is no announcement, nor is the question whether one still looks for work.
  if (job.kind === 'application-status' || job.kind === 'profile-refresh') return resolveSeeker(job.seekerId, job.channel, store, false);
  if (job.kind === 'report-outcome') return resolveReporter(job.reportId, store);
  const subscription = await store.subscriptions.get(job.subscriptionId);
  if (!subscription) return { unreachable: { reason: 'recipient-gone', key: `subscription/${job.subscriptionId}` } };
  const key = identityKey(subscription.subscriber);
  if (!subscription.active) return { unreachable: { reason: 'recipient-inactive', key } };
  const seeker = await seekerOf(subscription, store);
  if (seeker && !isSeekingWork(seeker)) return { unreachable: { reason: 'not-seeking', key } };
  return { recipient: { identity: subscription.subscriber, key, locale: subscription.locale } };
}

/** The profile a subscription belongs to: the one it names, or the one of the chat it was made on (made before registering). */
async function seekerOf(subscription: Subscription, store: Store): Promise<Seeker | undefined> {
  if (subscription.seekerId !== undefined) return store.seekers.get(subscription.seekerId);
  return store.seekers.findByIdentity(subscription.subscriber);
}

/** The reporter's own chat, in the language they reported in; nobody once they erased their data (the report keeps no reporter). */
async function resolveReporter(reportId: string, store: Store): Promise<Resolution> {
  const report = await store.reports.get(reportId);
  if (!report?.reporter) return { unreachable: { reason: 'recipient-gone', key: `report/${reportId}` } };
  return { recipient: { identity: report.reporter, key: identityKey(report.reporter), locale: report.locale } };
}

async function resolveSeeker(seekerId: string, channel: Channel, store: Store, announcement: boolean): Promise<Resolution> {
  const seeker = await store.seekers.get(seekerId);
  const ref = `seeker/${seekerId}/${channel}`;
  if (!seeker) return { unreachable: { reason: 'recipient-gone', key: ref } };
  const identity = seeker.identities.find((i) => i.channel === channel);
  const key = identity ? identityKey(identity) : ref;
  if (seeker.status !== 'active') return { unreachable: { reason: 'recipient-inactive', key } };
  if (!identity) return { unreachable: { reason: 'no-identity-on-channel', key } };
  if (announcement && seeker.broadcastsOptedOutAt) return { unreachable: { reason: 'opted-out', key } };
  // A paused seeker hears nothing until they come back; one who found work may still want the office's news.
  if (announcement && jobSearchOf(seeker).state === 'paused') return { unreachable: { reason: 'not-seeking', key } };
  return { recipient: { identity, key, locale: seeker.locale } };
}
