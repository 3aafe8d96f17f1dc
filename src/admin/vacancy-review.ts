import { z } from 'zod';
import { DEFAULT_UMK_RUPIAH } from '../config/index.js';
import { idSchema, isVerified, parse, textSchema, type AdminToken, type ScamReason, type Vacancy, type VacancyReview } from '../domain/index.js';
import { InvalidStateError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';
import { assessPosting, type ScamInput } from './scam-detector.js';

/*
 * Posting review: every vacancy is read by the fee and scam detector when it is created, edited or
 * imported. A flagged one gets a `review` (pending, with the reasons) and stays a draft: the store
 * refuses to open it (VacancyRepository.open, and the vacancy schema itself) until staff approve
 * it here; rejecting it closes it for good. An approved vacancy is asked about again only when an
 * edit brings a reason that was not approved. Decisions go to the audit log.
 */

export interface ScreeningDeps {
  readonly store: Store;
  /** Kabupaten Bekasi's UMK (`UMK_RUPIAH`), the yardstick for pay. Default: {@link DEFAULT_UMK_RUPIAH}. */
  readonly umkRupiah?: number;
}

/** What the detector reads of a vacancy. */
export type Screened = Pick<Vacancy, 'title' | 'company' | 'description' | 'requirements' | 'salaryMin' | 'salaryMax' | 'minEducation'>;

/** Looks the company up (a verified employer's agency wording says nothing), then {@link reviewAfter}. */
export async function screenPosting(deps: ScreeningDeps, posting: Screened, previous: VacancyReview | undefined, at: string, verified?: (companyId: string) => Promise<boolean>): Promise<VacancyReview | undefined> {
  const companyId = posting.company.id;
  const companyVerified = companyId === undefined ? false : await (verified ?? ((id) => companyIsVerified(deps.store, id)))(companyId);
  return reviewAfter(posting, previous, at, { umkRupiah: deps.umkRupiah ?? DEFAULT_UMK_RUPIAH, companyVerified });
}

/**
 * What the detector would say of a draft, nothing stored (the dashboard's form, as the poster
 * types): the reasons it would be held for review, or none.
 */
export async function screenDraft(deps: ScreeningDeps, draft: ScamInput & { readonly companyId?: string | undefined }): Promise<readonly ScamReason[]> {
  const companyVerified = draft.companyId === undefined ? false : await companyIsVerified(deps.store, draft.companyId);
  const { flagged, reasons } = assessPosting(draft, { umkRupiah: deps.umkRupiah ?? DEFAULT_UMK_RUPIAH, companyVerified });
  return flagged ? reasons : [];
}

export async function companyIsVerified(store: Store, companyId: string): Promise<boolean> {
  return isVerified(await store.companies.get(companyId));
}

/**
 * The review a posting has after a write: a rejection stands; a flagged posting waits (again) for
 * review unless it was approved with the same reasons; a posting no longer flagged needs none.
 */
export function reviewAfter(posting: Screened, previous: VacancyReview | undefined, at: string, options: { umkRupiah: number; companyVerified: boolean }): VacancyReview | undefined {
  if (previous?.state === 'rejected') return previous;
  const { flagged, reasons } = assessPosting(
    { title: posting.title, companyName: posting.company.name, description: posting.description, requirements: posting.requirements, salaryMin: posting.salaryMin, salaryMax: posting.salaryMax, minEducation: posting.minEducation },
    options,
  );
  if (!flagged) return previous?.state === 'approved' ? previous : undefined;
  if (previous?.state === 'approved' && reasons.every((r) => previous.reasons.some((p) => p.code === r.code))) return previous;
  return { state: 'pending', reasons: reasons.slice(0, 50), flaggedAt: previous?.state === 'pending' ? previous.flaggedAt : at };
}

/** `GET /vacancies/review`: vacancies waiting for review, newest first. */
export const reviewListQuerySchema = z.strictObject({
  /** `limit` default 20, at most 100. */
  ...pageQueryShape(20, 100),
});

/** `POST /vacancies/:id/approve`: it may be opened; `open` (default true) opens it now. */
export const approveBodySchema = z.strictObject({
  note: textSchema(500).optional(),
  /** Open it at once (subscribers are told). Default: true. */
  open: z.boolean().default(true),
  /** Passed on to opening, for wording the posting linter warns about (see `POST /vacancies/:id/open`). */
  overrideReason: textSchema(200).pipe(z.string().min(5)).optional(),
});

/** `POST /vacancies/:id/reject`: closed for good, with why. */
export const rejectBodySchema = z.strictObject({
  note: textSchema(500).pipe(z.string().min(5, 'say in a few words why it is rejected')),
});

export async function listReviewQueue(deps: ScreeningDeps, query: unknown): Promise<Page<Vacancy>> {
  const { limit, cursor } = parse(reviewListQuerySchema, query, 'review list query');
  return newestFirst((f, o) => deps.store.vacancies.find(f, o), { 'review.state': 'pending' }, { limit, cursor });
}

/** Marks a pending vacancy approved (audit-logged); opening it is the caller's next step. */
export async function approveReview(deps: ScreeningDeps, id: string, note: string | undefined, token: AdminToken): Promise<Vacancy> {
  return decide(deps, id, token, 'approved', note, (current) => current);
}

/** Rejects a pending vacancy: closed, and it can never be opened (audit-logged). */
export async function rejectReview(deps: ScreeningDeps, id: string, input: unknown, token: AdminToken): Promise<Vacancy> {
  const { note } = parse(rejectBodySchema, input ?? {}, 'reject');
  return decide(deps, id, token, 'rejected', note, (current) => ({ ...current, status: 'closed' }));
}

async function decide(deps: ScreeningDeps, id: string, token: AdminToken, state: 'approved' | 'rejected', note: string | undefined, change: (v: Vacancy) => Vacancy): Promise<Vacancy> {
  const vacancyId = parse(idSchema, id, 'vacancy id');
  const at = new Date().toISOString();
  const vacancy = await deps.store.vacancies.update(vacancyId, (current) => {
    if (current.review?.state !== 'pending') throw new InvalidStateError('vacancy', vacancyId, current.review ? current.review.state : 'not-flagged', state);
    const review: VacancyReview = { ...current.review, state, decidedBy: token.id, decidedAt: at, ...(note ? { note } : {}) };
    return change({ ...current, review });
  });
  const reasons = [...new Set(vacancy.review?.reasons.map((r) => r.code) ?? [])].join(',');
  await deps.store.audit.record({ actor: token.id, action: `vacancy.review.${state === 'approved' ? 'approve' : 'reject'}`, target: { type: 'vacancy', id: vacancyId }, details: { reasons, ...(note ? { note: note.slice(0, 200) } : {}) } });
  return vacancy;
}
