import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { channelSchema, deliverySourceIdSchema, idSchema, parse, type Channel } from '../domain/index.js';
import type { Queues } from '../runtime/queues.js';

/**
 * The contract between fan-out (outbox events → jobs) and the send workers (jobs → messages).
 *
 * A job names its recipient by store ids only (a subscription, or a seeker and a channel), never by
 * chat id or phone number: Redis and its append-only file hold no personal data, and a job whose
 * recipient was erased finds nobody and sends nothing. The message is rendered when it is sent,
 * from fresh data, in the recipient's language. Exactly once per person is kept by the Delivery
 * row (unique per source × recipient), which the send worker claims before it sends.
 */
export type SendJobData = VacancyAlertJob | DigestJob | BroadcastJob | ApplicationStatusJob | ProfileRefreshJob | ReportOutcomeJob;

/** Most vacancies one digest job carries. */
export const DIGEST_MAX_ITEMS = 10;

/** One new vacancy to one instant subscriber. `sourceId`: `vacancy-<vacancyId>`, the Delivery row's. */
const vacancyAlertJobSchema = z.object({ kind: z.literal('vacancy-alert'), sourceId: deliverySourceIdSchema, vacancyId: idSchema, subscriptionId: idSchema }).readonly();
export type VacancyAlertJob = z.infer<typeof vacancyAlertJobSchema>;

/** A day's new matches (at most DIGEST_MAX_ITEMS, newest first) to one daily subscriber. `sourceId`: `digest-<yyyymmdd WIB>-<subscriptionId>`. */
const digestJobSchema = z.object({ kind: z.literal('digest'), sourceId: deliverySourceIdSchema, subscriptionId: idSchema, vacancyIds: z.array(idSchema).max(DIGEST_MAX_ITEMS).readonly() }).readonly();
export type DigestJob = z.infer<typeof digestJobSchema>;

/** One announcement to one seeker on one of their channels. `sourceId`: `broadcast-<broadcastId>`. */
const broadcastJobSchema = z.object({ kind: z.literal('broadcast'), sourceId: deliverySourceIdSchema, broadcastId: idSchema, seekerId: idSchema, channel: channelSchema }).readonly();
export type BroadcastJob = z.infer<typeof broadcastJobSchema>;

/**
 * One change of an application's status to its applicant, on one of their channels. `step` is the
 * application's history entry that says what changed. `sourceId`: `application-<applicationId>-<step>`.
 */
const applicationStatusJobSchema = z
  .object({ kind: z.literal('application-status'), sourceId: deliverySourceIdSchema, applicationId: idSchema, step: z.number().int().min(0), seekerId: idSchema, channel: channelSchema })
  .readonly();
export type ApplicationStatusJob = z.infer<typeof applicationStatusJobSchema>;

/**
 * The question whether a seeker still looks for work, on the channel they came in by.
 * `sourceId`: `refresh-<seekerId>-<ms of the confirmation it follows>`, one per cycle.
 */
const profileRefreshJobSchema = z.object({ kind: z.literal('profile-refresh'), sourceId: deliverySourceIdSchema, seekerId: idSchema, channel: channelSchema }).readonly();
export type ProfileRefreshJob = z.infer<typeof profileRefreshJobSchema>;

/** The outcome of a person's report to them, on the channel they reported from. `sourceId`: `report-<reportId>`. */
const reportOutcomeJobSchema = z.object({ kind: z.literal('report-outcome'), sourceId: deliverySourceIdSchema, reportId: idSchema, channel: channelSchema }).readonly();
export type ReportOutcomeJob = z.infer<typeof reportOutcomeJobSchema>;

const sendJobSchema = z.discriminatedUnion('kind', [vacancyAlertJobSchema, digestJobSchema, broadcastJobSchema, applicationStatusJobSchema, profileRefreshJobSchema, reportOutcomeJobSchema]);

/**
 * A job's data as read back from Redis, parsed. Throws a ValidationError (unrecoverable: a retry
 * reads the same bytes) for anything else, such as a job written by an older or newer producer.
 */
export function parseSendJob(data: unknown): SendJobData {
  return parse(sendJobSchema, data, 'send job');
}

/** One BullMQ queue per channel, so each is paced under its own platform's limits. */
export const SEND_QUEUES: Readonly<Record<Channel, string>> = Object.freeze({
  telegram: 'send-telegram',
  whatsapp: 'send-whatsapp',
  web: 'send-web',
});

/** Outbox events waiting to be expanded into send jobs; one job per event (its id is the event's). */
export const FANOUT_QUEUE = 'fanout';
/** The daily digest's scheduler and its runs. */
export const DIGEST_QUEUE = 'digest';
/** The daily profile refresh's scheduler and its runs. */
export const PROFILE_REFRESH_QUEUE = 'profile-refresh';

export function vacancySourceId(vacancyId: string): string {
  return `vacancy-${vacancyId}`;
}

export function broadcastSourceId(broadcastId: string): string {
  return `broadcast-${broadcastId}`;
}

/** One refresh question per cycle: the cycle is named by the confirmation it follows (`confirmedSince`). */
export function profileRefreshSourceId(seekerId: string, confirmedSince: string): string {
  return `refresh-${seekerId}-${Date.parse(confirmedSince)}`;
}

export function applicationSourceId(applicationId: string, step: number): string {
  return `application-${applicationId}-${step}`;
}

export function reportSourceId(reportId: string): string {
  return `report-${reportId}`;
}

/**
 * The deterministic BullMQ job id of one send: `<source id>-<recipient ref>` (store ids only). A
 * repeated expansion of the same event adds nothing new while the first job is kept. BullMQ
 * refuses `:` in custom ids; store ids cannot hold one (idSchema), and it is replaced to be sure.
 */
export function sendJobId(job: SendJobData): string {
  return `${job.kind === 'digest' ? job.sourceId : `${job.sourceId}-${recipientRef(job)}`}`.replaceAll(':', '_');
}

function recipientRef(job: Exclude<SendJobData, DigestJob>): string {
  switch (job.kind) {
    case 'broadcast':
    case 'application-status':
    case 'profile-refresh':
      return `${job.seekerId}-${job.channel}`;
    case 'report-outcome':
      return job.channel;
    case 'vacancy-alert':
      return job.subscriptionId;
  }
}

/**
 * How send jobs retry and how long they are kept. Completed jobs are kept a week so a repeated
 * expansion within it is a no-op at BullMQ already; after that the Delivery rows still hold.
 */
export const SEND_JOB_OPTIONS: Readonly<JobsOptions> = Object.freeze({
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
});

/** Adds one job for one person to their channel's send queue, under its deterministic id (a repeat adds nothing). */
export async function enqueueSend(queues: Queues, name: string, job: SendJobData & { readonly channel: Channel }): Promise<void> {
  await queues.queue<SendJobData>(SEND_QUEUES[job.channel]).add(name, job, { ...SEND_JOB_OPTIONS, jobId: sendJobId(job) });
}
