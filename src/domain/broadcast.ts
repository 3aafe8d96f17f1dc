import { z } from 'zod';
import {
  channelSchema,
  educationLevelSchema,
  idSchema,
  isoDateTimeSchema,
  textSchema,
  timestampsShape,
} from './common.js';

export const BROADCAST_KINDS = ['job-fair', 'training', 'apprenticeship', 'news'] as const;

export const broadcastSchema = z.object({
  id: idSchema,
  kind: z.enum(BROADCAST_KINDS),
  title: textSchema(150).pipe(z.string().min(1)),
  /** Message per locale; `id` is required, `en` falls back to `id`. */
  body: z.object({ id: textSchema(3000).pipe(z.string().min(1)), en: textSchema(3000).optional() }),
  segment: z.object({
    channels: z.array(channelSchema).max(3),
    kecamatan: z.array(textSchema(60)).max(30),
    minEducation: educationLevelSchema.optional(),
    skills: z.array(textSchema(100)).max(30),
    ktpBekasiOnly: z.boolean(),
    /** Only seekers who registered interest in this training programme. */
    trainingProgrammeId: idSchema.optional(),
  }),
  status: z.enum(['draft', 'queued', 'sending', 'done', 'cancelled']),
  scheduledAt: isoDateTimeSchema.optional(),
  /**
   * Send jobs the fan-out enqueued (one per seeker and channel), set when it has finished. Unset
   * until then: progress can only tell "queued" (enqueued, not yet picked up) once it is known.
   */
  recipients: z.number().int().min(0).optional(),
  createdBy: idSchema,
  ...timestampsShape,
});
export type Broadcast = z.infer<typeof broadcastSchema>;
