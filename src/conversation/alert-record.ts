import { z } from 'zod';

export const ALERT_KINDS = ['vacancy-alert', 'digest', 'broadcast', 'profile-refresh'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What the last alert or broadcast sent to a person offered, kept in their conversation state so a
 * typed "2" (WhatsApp's numbered list) or "berhenti" can answer it. Written by the send side after
 * sending (ConversationStateStore.rememberAlert); the person's next turn uses it and drops it, since
 * from then on the numbers on their screen are that turn's.
 */
export const alertRecordSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  /** When it was remembered (just after sending). */
  at: z.string(),
  /** After this a typed number or "berhenti" no longer answers it. */
  until: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })).max(10),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** The record while it can still be answered at `now`, else undefined. */
export function answerableAlert(record: AlertRecord | undefined, now: Date): AlertRecord | undefined {
  return record !== undefined && Date.parse(record.until) > now.getTime() ? record : undefined;
}
