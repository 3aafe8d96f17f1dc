import { z } from 'zod';
import {
  channelIdentitySchema,
  educationLevelSchema,
  employmentTypeSchema,
  idSchema,
  localeSchema,
  textSchema,
  timestampsShape,
} from './common.js';

const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (WIB)');

export const subscriptionSchema = z.object({
  id: idSchema,
  subscriber: channelIdentitySchema,
  /** Derived `channel/userId`, for lookups. */
  subscriberKey: z.string().min(1),
  seekerId: idSchema.optional(),
  filters: z.object({
    /** Skill or keyword phrases; empty means any. */
    keywords: z.array(textSchema(100).pipe(z.string().min(1))).max(30),
    kecamatan: z.array(textSchema(60).pipe(z.string().min(1))).max(30),
    /** The subscriber's own education: vacancies asking more are left out. */
    education: educationLevelSchema.optional(),
    jobTypes: z.array(employmentTypeSchema).max(4),
  }),
  mode: z.enum(['instant', 'daily']),
  /** No instant alert between start and end (WIB); they wait for the end. */
  quietHours: z.object({ start: clockSchema, end: clockSchema }).optional(),
  locale: localeSchema,
  active: z.boolean(),
  ...timestampsShape,
});
export type Subscription = z.infer<typeof subscriptionSchema>;
