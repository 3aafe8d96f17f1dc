/*
 * The fee and scam detector: reads a vacancy as posted (title, company, description, requirements,
 * pay) and says whether it looks like a job scam, with every reason found. A flagged vacancy is
 * not opened until staff have looked at it (see vacancy-review.ts).
 *
 * Signs weigh differently. A request for money, a harvest of identity or bank data, a job sold
 * through an insider, or "work from home" with high pay for anyone each flag a posting alone
 * (weight 2). Pay far above the market (1.5), an agency placing people in unnamed factories,
 * only a personal WhatsApp, "tanpa tes/interview", a move to Telegram or DMs (1 each), and
 * pressure such as "slot tinggal 3" (0.5) flag only together: honest small businesses post with
 * a WhatsApp number, honest outsourcing firms recruit, honest welders earn 11 juta.
 *
 * Pure: text in, assessment out. The measured rates are in the README (`npm run eval:trust`).
 */
import type { ScamReason, ScamReasonCode } from '../domain/index.js';
import {
  AMOUNT,
  CREDIBLE_AGENCY,
  dataHarvest,
  EARNINGS,
  ENTRY_LEVEL_WORK,
  feeRequest,
  insiderPlacement,
  LOW_BARRIER,
  noInterview,
  offPlatform,
  PER_DAY,
  QUALIFIED,
  personalContactOnly,
  pressure,
  unknownAgency,
  WORK_FROM_HOME,
  type Find,
} from './scam-signals.js';

/** What the detector reads of a vacancy or a draft. */
export interface ScamInput {
  readonly title?: string | undefined;
  readonly companyName?: string | undefined;
  readonly description?: string | undefined;
  readonly requirements?: string | undefined;
  readonly salaryMin?: number | null | undefined;
  readonly salaryMax?: number | null | undefined;
  readonly minEducation?: string | undefined;
}

export interface ScamDetectorOptions {
  /** Kabupaten Bekasi's monthly minimum wage (config `UMK_RUPIAH`): the yardstick for pay. */
  readonly umkRupiah: number;
  /** The company is one staff verified: an agency sign then says nothing. Default: false. */
  readonly companyVerified?: boolean;
}

export interface ScamAssessment {
  readonly flagged: boolean;
  /** The weights of the reasons found, summed (each code counted once, at its strongest). */
  readonly score: number;
  readonly reasons: readonly ScamReason[];
}

/** A posting is flagged from this score. */
export const FLAG_SCORE = 2;
/** Entry-level work (operators, warehouse, cleaning; or open to any schooling) pays at most this many UMK. */
export const ENTRY_PAY_CEILING_UMK = 1.2;
/** Any other local job pays at most this many UMK. */
export const SKILLED_PAY_CEILING_UMK = 5;
/** A title that leads others ("Supervisor Produksi", "Chief Security") is not entry-level work. */
const LEAD_ROLE = /\b(?:supervisor|spv|leader|kepala|chief|manager|foreman|koordinator|head)\b/;
/** Working days a month, to read "500rb per hari" as monthly pay. */
const WORKING_DAYS = 25;

const TEXT_FIELDS = [
  ['title', 'title'],
  ['company', 'companyName'],
  ['description', 'description'],
  ['requirements', 'requirements'],
] as const;

const SENTENCE_FINDERS: readonly (readonly [ScamReasonCode, (sentence: string) => Find | undefined])[] = [
  ['fee-request', feeRequest],
  ['data-harvest', dataHarvest],
  ['insider-placement', insiderPlacement],
  ['unknown-agency', unknownAgency],
  ['no-interview', noInterview],
  ['off-platform', offPlatform],
  ['pressure', pressure],
];

interface Weighed {
  readonly reason: ScamReason;
  readonly weight: number;
}

export function assessPosting(input: ScamInput, options: ScamDetectorOptions): ScamAssessment {
  const fields = TEXT_FIELDS.map(([field, key]) => ({ field, text: fold(input[key] ?? '') }));
  const all = fields.map((f) => f.text).join('\n');
  const found: Weighed[] = [];
  for (const { field, text } of fields) {
    for (const sentence of sentences(text)) {
      for (const [code, finder] of SENTENCE_FINDERS) {
        const find = finder(sentence);
        if (find) found.push({ reason: { code, field, words: find.words.slice(0, 200), ...(find.kind ? { details: { kind: find.kind } } : {}) }, weight: find.weight });
      }
    }
  }
  const contact = personalContactOnly(all);
  if (contact) found.push({ reason: { code: 'personal-contact-only', field: 'description', details: { kind: contact.words } }, weight: contact.weight });
  found.push(...payReasons(input, fields, all, options));
  const credibleAgency = options.companyVerified === true || CREDIBLE_AGENCY.test(all);
  const kept = found.filter((f) => !(f.reason.code === 'unknown-agency' && credibleAgency));
  return decide(kept);
}

function decide(found: readonly Weighed[]): ScamAssessment {
  const strongest = new Map<ScamReasonCode, number>();
  const reasons: ScamReason[] = [];
  const seen = new Set<string>();
  for (const { reason, weight } of found) {
    strongest.set(reason.code, Math.max(strongest.get(reason.code) ?? 0, weight));
    const key = `${reason.code}\n${reason.field}\n${reason.words ?? ''}`;
    if (!seen.has(key)) reasons.push(reason);
    seen.add(key);
  }
  const score = [...strongest.values()].reduce((sum, w) => sum + w, 0);
  return { flagged: score >= FLAG_SCORE, score, reasons };
}

/**
 * Pay far above the market: above {@link ENTRY_PAY_CEILING_UMK} × UMK for entry-level work or
 * work open to anyone, above {@link SKILLED_PAY_CEILING_UMK} × UMK for any other; and work from
 * home at UMK or more for anyone (no experience, degree, test or interview asked). Pay is the highest of the salary fields and the amounts the
 * text calls pay ("gaji 9 juta", "500rb per hari" × 25 days).
 */
function payReasons(input: ScamInput, fields: readonly { field: string; text: string }[], all: string, options: ScamDetectorOptions): Weighed[] {
  const monthlyPay = Math.max(input.salaryMax ?? 0, input.salaryMin ?? 0, ...fields.flatMap((f) => payInText(f.text)));
  if (monthlyPay <= 0) return [];
  const umk = options.umkRupiah;
  const lowBarrier = LOW_BARRIER.test(all) || input.minEducation === 'SD' || input.minEducation === 'SMP';
  const title = fold(input.title ?? '');
  const entry = lowBarrier || (ENTRY_LEVEL_WORK.test(title) && !LEAD_ROLE.test(title));
  const ceiling = Math.round(umk * (entry ? ENTRY_PAY_CEILING_UMK : SKILLED_PAY_CEILING_UMK));
  const out: Weighed[] = [];
  if (monthlyPay > ceiling) out.push({ reason: { code: 'unrealistic-pay', field: 'salary', details: { monthlyPay, ceiling } }, weight: 1.5 });
  const home = WORK_FROM_HOME.exec(all);
  if (home && (lowBarrier || !QUALIFIED.test(all)) && monthlyPay >= umk) out.push({ reason: { code: 'work-from-home-pay', field: 'description', words: home[0], details: { monthlyPay, umk } }, weight: 2 });
  return out;
}

/** Monthly pay named in a text: amounts in sentences about pay, per-day ones times the working days. */
function payInText(text: string): number[] {
  const out: number[] = [];
  for (const sentence of sentences(text)) {
    if (!EARNINGS.test(sentence) && !PER_DAY.test(sentence)) continue;
    const perDay = PER_DAY.test(sentence);
    for (const match of sentence.matchAll(AMOUNT)) {
      const rupiah = readAmount(match[0]);
      if (rupiah !== undefined) out.push(perDay && rupiah < 5_000_000 ? rupiah * WORKING_DAYS : rupiah);
    }
  }
  return out;
}

/** "rp 1.450.000" → 1450000, "1,5jt" → 1500000, "500rb" → 500000. */
function readAmount(text: string): number | undefined {
  const unit = /(rb|ribu|k|jt|juta)$/.exec(text.replace(/\s+/g, ''))?.[1];
  const digits = text.replace(/^rp\.?\s*/, '').replace(/\s*(?:rb|ribu|k|jt|juta)$/, '').trim();
  if (unit) {
    const value = Number(digits.replace(',', '.'));
    if (!Number.isFinite(value)) return undefined;
    return Math.round(value * (unit === 'jt' || unit === 'juta' ? 1_000_000 : 1_000));
  }
  const whole = Number(digits.replace(/[.,](?=\d{3}\b)/g, '').replace(/[.,]$/, ''));
  return Number.isFinite(whole) && whole >= 1000 ? whole : undefined;
}

/** Sentences and list items: a dot between digits ("Rp 1.450.000", "Km 2.5") or in "a.n." does not end one. */
function sentences(text: string): string[] {
  return text.split(/(?<!\d|\ba|\ban|\bjl|\bno)[.!?](?!\d)|[\n•‼⚠]+/u).map((s) => s.trim()).filter((s) => s !== '');
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
