import { z } from 'zod';
import { channelSchema, idSchema, parse } from '../domain/index.js';
import { DIGEST_MAX_ITEMS, type SendJobData } from './send-job.js';

const sourceIdSchema = z.string().min(1).max(200);

/** SendJobData as read back from Redis: checked before a worker acts on it. */
const sendJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vacancy-alert'), sourceId: sourceIdSchema, vacancyId: idSchema, subscriptionId: idSchema }),
  z.object({ kind: z.literal('digest'), sourceId: sourceIdSchema, subscriptionId: idSchema, vacancyIds: z.array(idSchema).max(DIGEST_MAX_ITEMS) }),
  z.object({ kind: z.literal('broadcast'), sourceId: sourceIdSchema, broadcastId: idSchema, seekerId: idSchema, channel: channelSchema }),
]);

/**
 * A job's data, parsed. Throws a ValidationError (unrecoverable: a retry reads the same bytes) for
 * anything else, such as a job written by an older or newer version of the producer.
 */
export function parseSendJob(data: unknown): SendJobData {
  return parse(sendJobSchema, data, 'send job');
}
