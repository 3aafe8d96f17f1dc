import { z } from 'zod';

export const CHANNELS = ['whatsapp', 'telegram', 'web'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const LOCALES = ['id', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Indonesian education levels, lowest first. SMA and SMK share a rank, as do D4 and S1. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export const educationLevelSchema = z.enum(EDUCATION_LEVELS);
export type EducationLevel = z.infer<typeof educationLevelSchema>;

const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};

export function educationRank(level: EducationLevel): number {
  return EDUCATION_RANK[level];
}

/** PKWT: fixed-term contract; PKWTT: permanent; magang: apprenticeship; harian: daily worker. */
export const EMPLOYMENT_TYPES = ['PKWT', 'PKWTT', 'magang', 'harian'] as const;
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

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
