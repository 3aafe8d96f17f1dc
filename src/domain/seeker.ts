import { z } from 'zod';
import {
  channelIdentitySchema,
  educationLevelSchema,
  employmentTypeSchema,
  idSchema,
  isoDateTimeSchema,
  localeSchema,
  rupiahSchema,
  textSchema,
  timestampsShape,
} from './common.js';
import { jobSearchSchema } from './job-search.js';

export const SEEKER_STATUSES = ['active', 'inactive'] as const;

export const seekerSchema = z.object({
  id: idSchema,
  identities: z.array(channelIdentitySchema).min(1).max(5),
  /** Derived from identities (`channel/userId`); kept for unique lookups. */
  identityKeys: z.array(z.string()).min(1),
  name: textSchema(100).pipe(z.string().min(1)),
  domicile: z.object({
    kecamatan: textSchema(60).pipe(z.string().min(1)),
    desa: textSchema(60).optional(),
    /** Holder of a Kabupaten Bekasi KTP: gets priority on vacancies with a local quota. */
    ktpBekasi: z.boolean(),
  }),
  education: z.object({ level: educationLevelSchema, major: textSchema(100).optional() }),
  skills: z.object({
    /** Canonical skill ids from the skills dictionary, plus free tokens the dictionary does not know. */
    ids: z.array(z.string().min(1).max(80)).max(100),
    /** What the person typed. */
    raw: textSchema(2000),
  }),
  experience: z.object({ years: z.number().min(0).max(60), text: textSchema(2000) }),
  certifications: z.array(textSchema(120).pipe(z.string().min(1))).max(30),
  wantedPositions: z.array(textSchema(100).pipe(z.string().min(1))).max(20),
  wantedJobTypes: z.array(employmentTypeSchema).max(4),
  expectedSalary: rupiahSchema.optional(),
  shiftWilling: z.boolean().optional(),
  locale: localeSchema,
  consent: z.object({ at: isoDateTimeSchema, version: z.string().min(1).max(20) }),
  /**
   * When the person agreed, separately from the consent to be stored, that their profile may be
   * shared with the province and the ministry (the office's exports). Absent: not agreed, and the
   * exports leave them out.
   */
  sharingConsentAt: isoDateTimeSchema.optional(),
  /** When the person asked for no more announcements ("berhenti" to a broadcast); vacancy alerts are their subscriptions' business. */
  broadcastsOptedOutAt: isoDateTimeSchema.optional(),
  status: z.enum(SEEKER_STATUSES),
  /** Looking for work, paused or placed (the profile refresh asks every few weeks). Absent on older profiles: active; read it with `jobSearchOf`. */
  jobSearch: jobSearchSchema.optional(),
  ...timestampsShape,
});
export type Seeker = z.infer<typeof seekerSchema>;
