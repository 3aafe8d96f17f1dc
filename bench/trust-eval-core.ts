/**
 * The labelled trust postings (test/fixtures/trust-postings) and the detector's scores on them:
 * shared by `npm run eval:trust` and the quality floors in test/admin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { assessPosting, type ScamAssessment } from '../src/admin/scam-detector.js';
import { SCAM_REASON_CODES, type ScamReasonCode } from '../src/domain/index.js';
import { DEFAULT_UMK_RUPIAH } from '../src/config/index.js';

export const TRUST_SETS = { dev: 'dev.jsonl (developed on)', test: 'test.jsonl (held out, measured only)' } as const;
export type TrustSetName = keyof typeof TRUST_SETS;

const postingSchema = z.object({
  id: z.string(),
  title: z.string(),
  company: z.string().nullable().optional(),
  description: z.string(),
  requirements: z.string().nullable().optional(),
  contact: z.string().nullable().optional(),
  salaryMin: z.number().nullable().optional(),
  salaryMax: z.number().nullable().optional(),
  label: z.enum(['fraud', 'honest']),
  signals: z.array(z.string()),
});
export type TrustPosting = z.infer<typeof postingSchema>;

export function loadPostings(set: TrustSetName): TrustPosting[] {
  const file = fileURLToPath(new URL(`../test/fixtures/trust-postings/${set}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => postingSchema.parse(JSON.parse(line)));
}

/** The vacancy form has no contact field: posters write the contact into the description, as here. */
export function assess(posting: TrustPosting): ScamAssessment {
  return assessPosting(
    {
      title: posting.title,
      companyName: posting.company ?? undefined,
      description: posting.contact ? `${posting.description}\nKontak: ${posting.contact}` : posting.description,
      requirements: posting.requirements ?? undefined,
      salaryMin: posting.salaryMin,
      salaryMax: posting.salaryMax,
    },
    { umkRupiah: DEFAULT_UMK_RUPIAH },
  );
}

export interface TrustScores {
  readonly postings: number;
  readonly fraud: number;
  readonly honest: number;
  readonly flaggedFraud: number;
  readonly flaggedHonest: number;
  readonly precision: number;
  readonly recall: number;
  readonly falsePositiveRate: number;
  /** Per reason, the fraud and honest postings it fired on. */
  readonly perReason: readonly { readonly code: ScamReasonCode; readonly fraud: number; readonly honest: number }[];
  /** Postings the detector got wrong, with what it found. */
  readonly errors: readonly { readonly posting: TrustPosting; readonly assessment: ScamAssessment }[];
}

export function scoreSet(postings: readonly TrustPosting[]): TrustScores {
  const results = postings.map((posting) => ({ posting, assessment: assess(posting) }));
  const fraud = results.filter((r) => r.posting.label === 'fraud');
  const honest = results.filter((r) => r.posting.label === 'honest');
  const flaggedFraud = fraud.filter((r) => r.assessment.flagged).length;
  const flaggedHonest = honest.filter((r) => r.assessment.flagged).length;
  const fires = (rs: typeof results, code: ScamReasonCode) => rs.filter((r) => r.assessment.reasons.some((x) => x.code === code)).length;
  return {
    postings: postings.length,
    fraud: fraud.length,
    honest: honest.length,
    flaggedFraud,
    flaggedHonest,
    precision: flaggedFraud / Math.max(1, flaggedFraud + flaggedHonest),
    recall: flaggedFraud / Math.max(1, fraud.length),
    falsePositiveRate: flaggedHonest / Math.max(1, honest.length),
    perReason: SCAM_REASON_CODES.map((code) => ({ code, fraud: fires(fraud, code), honest: fires(honest, code) })),
    errors: results.filter((r) => r.assessment.flagged !== (r.posting.label === 'fraud')),
  };
}
