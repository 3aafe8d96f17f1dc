import { z } from 'zod';
import { educationLevelSchema, idSchema, isoDateTimeSchema, textSchema, timestampsShape } from './common.js';

/** BLK (Balai Latihan Kerja) and LPK (Lembaga Pelatihan Kerja) courses, internships, the Japan apprenticeship (IM Japan / LPK sending). */
export const TRAINING_KINDS = ['blk', 'lpk', 'internship', 'apprenticeship-japan', 'other'] as const;

/** A calendar day, `YYYY-MM-DD` (WIB). */
export const calendarDateSchema = z.iso.date();

/**
 * When a programme runs: dates, a text ("setiap Senin, 3 bulan"), or both; at least one of them.
 * An end date never comes before the start.
 */
export const trainingScheduleSchema = z
  .object({
    startDate: calendarDateSchema.optional(),
    endDate: calendarDateSchema.optional(),
    text: textSchema(200).pipe(z.string().min(1)).optional(),
  })
  .refine((s) => s.startDate !== undefined || s.text !== undefined, { message: 'give a startDate or a text (e.g. "setiap Senin, 3 bulan")' })
  .refine((s) => s.startDate === undefined || s.endDate === undefined || s.endDate >= s.startDate, { message: 'endDate must not come before startDate', path: ['endDate'] });

/**
 * A training programme staff manage and seekers can register interest in. `skills` are canonical
 * skill ids of the skills dictionary (the admin use case checks them against it; the schema
 * checks only their form, as the domain reads no files).
 */
export const trainingProgrammeSchema = z.object({
  id: idSchema,
  name: textSchema(150).pipe(z.string().min(1)),
  /** Who runs it, e.g. "BLK Kabupaten Bekasi", "LPK Sakura Cikarang". */
  provider: textSchema(150).pipe(z.string().min(1)),
  kind: z.enum(TRAINING_KINDS),
  skills: z.array(idSchema).min(1).max(20),
  schedule: trainingScheduleSchema,
  /** Places in one intake. */
  quota: z.number().int().min(1).max(10_000),
  requirements: z.object({
    text: textSchema(1000),
    minEducation: educationLevelSchema.optional(),
  }),
  kecamatan: textSchema(60).pipe(z.string().min(1)),
  /** Address or place, e.g. "Jl. Raya Industri, Cikarang Barat". */
  location: textSchema(200).optional(),
  status: z.enum(['open', 'closed']),
  ...timestampsShape,
});
export type TrainingProgramme = z.infer<typeof trainingProgrammeSchema>;

/** A seeker's interest in one programme; one per seeker and programme, erased with the profile. */
export const trainingInterestSchema = z.object({
  id: idSchema,
  seekerId: idSchema,
  programmeId: idSchema,
  createdAt: isoDateTimeSchema,
});
export type TrainingInterest = z.infer<typeof trainingInterestSchema>;
