import { z } from 'zod';
import { channelSchema, idSchema, textSchema, timestampsShape } from './common.js';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/** One alert or broadcast to one recipient. Unique per source × recipient, so nothing is sent twice. */
export const deliverySchema = z.object({
  id: idSchema,
  /** The vacancy or broadcast that caused it, e.g. `vacancy-v123` or `broadcast-b7`. */
  sourceId: idSchema,
  /** `channel/userId` of the recipient. */
  recipient: z.string().min(1).max(200),
  channel: channelSchema,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int().min(0),
  lastError: textSchema(500).optional(),
  ...timestampsShape,
});
export type Delivery = z.infer<typeof deliverySchema>;
