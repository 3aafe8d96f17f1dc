import { z } from 'zod';
import { channelSchema, idSchema, textSchema, timestampsShape } from './common.js';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why nothing was sent to a recipient. Broadcast progress counts them apart ("skipped because
 * opted out"), so they are a closed list rather than free text.
 */
export const DELIVERY_SKIP_REASONS = [
  /** The subscription or the seeker no longer exists (stopped, erased). */
  'recipient-gone',
  /** The subscription is paused or the seeker inactive (blocked the bot, for instance). */
  'recipient-inactive',
  /** The seeker has no identity on the job's channel (any more). */
  'no-identity-on-channel',
  /** The seeker asked for no more broadcasts. */
  'opted-out',
  /** The seeker's job search is paused (by choice, or the refresh question went unanswered) or they found work: no vacancy alerts. */
  'not-seeking',
  /** The vacancy closed, the broadcast was cancelled, or none of a digest's vacancies is open. */
  'nothing-to-say',
] as const;
export type DeliverySkipReason = (typeof DELIVERY_SKIP_REASONS)[number];

/**
 * What caused a delivery: `vacancy-<id>`, `broadcast-<id>`, `digest-<yyyymmdd>-<subscriptionId>`,
 * `refresh-<seekerId>-<confirmed ms>`. A
 * store id with a prefix (and a day), so it may be longer than a store id; the same characters.
 */
export const deliverySourceIdSchema = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, _ . -');

/** One alert or broadcast to one recipient. Unique per source × recipient, so nothing is sent twice. */
export const deliverySchema = z.object({
  id: idSchema,
  /** The vacancy or broadcast that caused it, e.g. `vacancy-v123` or `broadcast-b7`. */
  sourceId: deliverySourceIdSchema,
  /**
   * `channel/userId` of the recipient; `subscription/<id>` or `seeker/<id>/<channel>` for a
   * skipped job whose recipient could not be found any more.
   */
  recipient: z.string().min(1).max(200),
  channel: channelSchema,
  status: z.enum(DELIVERY_STATUSES),
  /** How many times a send worker began sending it (a repeat after a lost outcome shows here). */
  attempts: z.number().int().min(0),
  /**
   * The BullMQ job that owns a `pending` row (it claimed it and is sending). Another job for the
   * same person and source (a duplicate, or another subscription of theirs) leaves the row alone;
   * a re-run of the same job (a retry, or after a crashed worker) claims it again.
   */
  jobId: z.string().min(1).max(300).optional(),
  skipReason: z.enum(DELIVERY_SKIP_REASONS).optional(),
  /** Why the last attempt failed: an error code and a short reason, never personal data. */
  lastError: textSchema(500).optional(),
  ...timestampsShape,
});
export type Delivery = z.infer<typeof deliverySchema>;
