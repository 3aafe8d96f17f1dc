import { z } from 'zod';
import { EDUCATION_LEVELS, EMPLOYMENT_TYPES } from '../vocabulary.js';

// The lists are defined once in src/vocabulary.ts (matching reads them too); the domain adds schemas.
export { EDUCATION_LEVELS, EMPLOYMENT_TYPES, educationRank, type EducationLevel, type EmploymentType } from '../vocabulary.js';

export const CHANNELS = ['whatsapp', 'telegram', 'web'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const LOCALES = ['id', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const educationLevelSchema = z.enum(EDUCATION_LEVELS);
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);

export const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, _ . -');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** A short human text: trimmed, bounded, no control characters. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s), 'must not contain control characters');

/** Tabs and line breaks are fine in free text; other C0 control characters are not. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
  }
  return false;
}
export const rupiahSchema = z.number().int().min(0).max(1_000_000_000);

/** One person on one channel: the platform's user id (Telegram chat id, WhatsApp E.164 number, web id). */
export const channelIdentitySchema = z.object({
  channel: channelSchema,
  userId: z.string().trim().min(1).max(128),
});
export type ChannelIdentity = z.infer<typeof channelIdentitySchema>;

/** The flat key an identity is stored and looked up under, e.g. `telegram/12345`. */
export function identityKey(identity: ChannelIdentity): string {
  return `${identity.channel}/${identity.userId}`;
}

export const timestampsShape = {
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
};
