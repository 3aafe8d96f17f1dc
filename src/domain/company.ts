import { z } from 'zod';
import { idSchema, isoDateTimeSchema, textSchema, timestampsShape } from './common.js';

/**
 * An employer as the office knows it. Vacancies name it by `company.id`. A company is verified
 * once staff have checked its registration (NIB), address and HR contact; until then every
 * vacancy of it says so to seekers.
 */
export const companySchema = z.object({
  id: idSchema,
  name: textSchema(150).pipe(z.string().min(1)),
  /** Nomor Induk Berusaha: 13 digits, issued through OSS. */
  registrationNumber: z.string().regex(/^\d{13}$/, 'must be the 13 digits of an NIB').optional(),
  address: textSchema(300).optional(),
  hrContact: z
    .object({
      name: textSchema(100).pipe(z.string().min(1)),
      phone: textSchema(30).optional(),
      email: z.email().max(200).optional(),
    })
    .optional(),
  /** Standard industry code (KBLI 2020, 5 digits), where known. */
  industryCode: z.string().regex(/^\d{5}$/).optional(),
  verification: z
    .object({
      /** The staff member (admin token label) who checked the company. */
      verifiedBy: textSchema(100).pipe(z.string().min(1)),
      verifiedAt: isoDateTimeSchema,
      note: textSchema(500).optional(),
    })
    .optional(),
  ...timestampsShape,
});
export type Company = z.infer<typeof companySchema>;

export function isVerified(company: Company | undefined): boolean {
  return company?.verification !== undefined;
}
