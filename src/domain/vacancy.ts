import { z } from 'zod';
import {
  educationLevelSchema,
  employmentTypeSchema,
  idSchema,
  isoDateTimeSchema,
  rupiahSchema,
  textSchema,
  timestampsShape,
} from './common.js';
import { reviewAllowsOpen, vacancyReviewSchema } from './vacancy-review.js';

export const VACANCY_STATUSES = ['draft', 'open', 'closed'] as const;
export const VACANCY_SOURCES = ['admin', 'company', 'import', 'demo'] as const;

export const vacancySchema = z
  .object({
    id: idSchema,
    company: z.object({
      id: idSchema.optional(),
      name: textSchema(150).pipe(z.string().min(1)),
    }),
    title: textSchema(150).pipe(z.string().min(1)),
    description: textSchema(10_000),
    requirements: textSchema(10_000),
    /** Skill phrases as written (the matcher canonicalises them). */
    requiredSkills: z.array(textSchema(100).pipe(z.string().min(1))).max(50),
    preferredSkills: z.array(textSchema(100).pipe(z.string().min(1))).max(50),
    minEducation: educationLevelSchema.optional(),
    minExperienceYears: z.number().min(0).max(40),
    kecamatan: textSchema(60).pipe(z.string().min(1)),
    /** Industrial estate such as MM2100, Jababeka, EJIP, Delta Silicon, GIIC. */
    estate: textSchema(80).optional(),
    salaryMin: rupiahSchema.optional(),
    salaryMax: rupiahSchema.optional(),
    employmentType: employmentTypeSchema,
    quota: z.number().int().min(1).max(100_000),
    /** Places reserved for holders of a Bekasi KTP. */
    localQuota: z.number().int().min(0).max(100_000),
    deadline: isoDateTimeSchema.optional(),
    status: z.enum(VACANCY_STATUSES),
    source: z.enum(VACANCY_SOURCES),
    /** KBJI (Indonesian ISCO) occupation code. */
    occupationCode: z.string().regex(/^\d{1,6}$/).optional(),
    openedAt: isoDateTimeSchema.optional(),
    /** Set when the fee and scam detector flagged it: it waits for staff before it may be open. */
    review: vacancyReviewSchema.optional(),
    ...timestampsShape,
  })
  .refine((v) => v.salaryMin === undefined || v.salaryMax === undefined || v.salaryMin <= v.salaryMax, {
    message: 'salaryMin must not exceed salaryMax',
    path: ['salaryMin'],
  })
  .refine((v) => v.localQuota <= v.quota, { message: 'localQuota must not exceed quota', path: ['localQuota'] })
  .refine((v) => v.status !== 'open' || reviewAllowsOpen(v.review), { message: 'a vacancy flagged for review cannot be open until staff approve it', path: ['status'] });
export type Vacancy = z.infer<typeof vacancySchema>;
