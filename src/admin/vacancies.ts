import { z } from 'zod';
import type { SegmentVocabulary } from '../alerts/broadcast-segment.js';
import type { PostingWarningPolicy } from '../config/index.js';
import { idSchema, parse, textSchema, VACANCY_STATUSES, vacancySchema, type AdminToken, type ScamReason, type Vacancy } from '../domain/index.js';
import { ForbiddenError, NotFoundError, PostingNeedsReasonError, ValidationError } from '../errors/index.js';
import { newId, type Filter } from '../store/index.js';
import { ensureCompany } from './companies.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';
import { hasDiscriminatingWording, lintPosting, type LintWarning } from './posting-linter.js';
import { approveBodySchema, approveReview, companyIsVerified, screenDraft, screenPosting, type ScreeningDeps } from './vacancy-review.js';

/*
 * Vacancies as the office and companies post them: create (a draft, or open at once), edit, open,
 * close, read and list. Opening writes the "vacancy opened" outbox event in the same store write
 * (VacancyRepository.open), so subscribers hear of it. Every write runs the posting linter and
 * answers its warnings; under the `reason` policy a vacancy with discriminating wording is opened
 * (or kept open through an edit) only with an `overrideReason`, which goes to the audit log.
 * A company token sees and changes only its own company's vacancies; another's are "not found".
 * Every write is also read by the fee and scam detector: a flagged vacancy waits for review as a
 * draft (vacancy-review.ts), and an open one an edit makes suspect goes back to draft to wait.
 */

export interface VacancyDeps extends ScreeningDeps {
  /** Kecamatan names are stored under their table name ("cikbar" → "Cikarang Barat"); unknown ones are a 400. */
  readonly vocabulary: Pick<SegmentVocabulary, 'kecamatan'>;
  /** Whether discriminating wording needs a reason to be published (see PostingWarningPolicy). Default: `reason`. */
  readonly policy?: PostingWarningPolicy;
}

const shape = vacancySchema.shape;
const overrideReasonSchema = textSchema(200).pipe(z.string().min(5, 'say in a few words why it is published as written'));

/** The fields a poster writes; the server sets the id, source, status history and timestamps. */
const editableShape = {
  title: shape.title,
  company: z.strictObject({ id: idSchema.optional(), name: shape.company.shape.name }),
  description: shape.description,
  requirements: shape.requirements,
  requiredSkills: shape.requiredSkills,
  preferredSkills: shape.preferredSkills,
  minEducation: shape.minEducation,
  minExperienceYears: shape.minExperienceYears,
  kecamatan: shape.kecamatan,
  estate: shape.estate,
  salaryMin: shape.salaryMin,
  salaryMax: shape.salaryMax,
  employmentType: shape.employmentType,
  quota: shape.quota,
  localQuota: shape.localQuota,
  deadline: shape.deadline,
  occupationCode: shape.occupationCode,
};

/** `POST /vacancies`: a new vacancy, a draft unless `status` is `open`. */
export const vacancyInputSchema = z.strictObject({
  ...editableShape,
  description: shape.description.default(''),
  requirements: shape.requirements.default(''),
  requiredSkills: shape.requiredSkills.default([]),
  preferredSkills: shape.preferredSkills.default([]),
  minExperienceYears: shape.minExperienceYears.default(0),
  employmentType: shape.employmentType.default('PKWT'),
  quota: shape.quota.default(1),
  localQuota: shape.localQuota.default(0),
  /** `open` opens it at once (through the outbox). Default: `draft`. */
  status: z.enum(['draft', 'open']).default('draft'),
  /** Why it is published despite discriminating wording (the `reason` policy asks for one). */
  overrideReason: overrideReasonSchema.optional(),
});

/** Fields that may be cleared in an edit by sending `null`. */
const CLEARABLE = ['minEducation', 'estate', 'salaryMin', 'salaryMax', 'deadline', 'occupationCode'] as const;

/** `PATCH /vacancies/:id`: the fields to change; `null` clears an optional one. Status changes go through open and close. */
export const vacancyPatchSchema = z.strictObject({
  title: shape.title.optional(),
  company: editableShape.company.optional(),
  description: shape.description.optional(),
  requirements: shape.requirements.optional(),
  requiredSkills: shape.requiredSkills.optional(),
  preferredSkills: shape.preferredSkills.optional(),
  minEducation: shape.minEducation.nullable(),
  minExperienceYears: shape.minExperienceYears.optional(),
  kecamatan: shape.kecamatan.optional(),
  estate: shape.estate.nullable(),
  salaryMin: shape.salaryMin.nullable(),
  salaryMax: shape.salaryMax.nullable(),
  employmentType: shape.employmentType.optional(),
  quota: shape.quota.optional(),
  localQuota: shape.localQuota.optional(),
  deadline: shape.deadline.nullable(),
  occupationCode: shape.occupationCode.nullable(),
  overrideReason: overrideReasonSchema.optional(),
});

export const openVacancyBodySchema = z.strictObject({ overrideReason: overrideReasonSchema.optional() });

/** `GET /vacancies`: newest first, narrowed by status, company, kecamatan and words. */
export const vacancyListQuerySchema = z.strictObject({
  /** `limit` default 20, at most 100. */
  ...pageQueryShape(20, 100),
  status: z.enum(VACANCY_STATUSES).optional(),
  companyId: idSchema.optional(),
  kecamatan: textSchema(60).optional(),
  /** Words that must all appear in the title, company, description, requirements, skills or estate. */
  q: textSchema(100).optional(),
});

/** Most vacancies a text search reads for one page; past it the page ends early with a cursor to go on. */
export const TEXT_SCAN_LIMIT = 5000;

export interface VacancyView {
  readonly vacancy: Vacancy;
  readonly warnings: readonly LintWarning[];
}

export interface OpenResult extends VacancyView {
  /** True when it was open before: nothing was written, nobody is told again. */
  readonly alreadyOpen: boolean;
}

export async function createVacancy(deps: VacancyDeps, input: unknown, token: AdminToken): Promise<VacancyView> {
  const { status, overrideReason, ...fields } = parse(vacancyInputSchema, input, 'vacancy');
  const at = new Date().toISOString();
  const companyId = companyScope(token) ?? fields.company.id;
  const draft = {
    ...fields,
    id: newId('vac'),
    company: { name: fields.company.name, ...(companyId ? { id: companyId } : {}) },
    kecamatan: canonicalKecamatan(deps, fields.kecamatan),
    status: 'draft' as const,
    source: token.role === 'company' ? ('company' as const) : ('admin' as const),
    createdAt: at,
    updatedAt: at,
  };
  const warnings = lintPosting(draft);
  const review = await screenPosting(deps, draft, undefined, at);
  if (status === 'open' && !review) requireReason(deps, draft.id, warnings, overrideReason);
  await ensureCompany(deps.store, draft.company);
  const created = await deps.store.vacancies.create(review ? { ...draft, review } : draft);
  await audit(deps, token, 'vacancy.create', created.id, warnings, review ? { review: reviewCodes(review) } : {});
  if (status !== 'open' || review) return { vacancy: created, warnings };
  return openVacancy(deps, created.id, { overrideReason }, token);
}

export async function getVacancy(deps: VacancyDeps, id: string, token: AdminToken): Promise<VacancyView> {
  const vacancy = await readable(deps, id, token);
  return { vacancy, warnings: lintPosting(vacancy) };
}

/** Applies an edit; under the `reason` policy an open vacancy keeps discriminating wording only with a reason. */
export async function updateVacancy(deps: VacancyDeps, id: string, input: unknown, token: AdminToken): Promise<VacancyView> {
  const { overrideReason, ...patch } = parse(vacancyPatchSchema, input, 'vacancy edit');
  await readable(deps, id, token);
  const changes: Record<string, unknown> = { ...patch };
  if (patch.kecamatan !== undefined) changes.kecamatan = canonicalKecamatan(deps, patch.kecamatan);
  const companyId = companyScope(token);
  const verified = new Map<string, boolean>();
  const isVerifiedCompany = async (cid: string) => verified.get(cid) ?? verified.set(cid, await companyIsVerified(deps.store, cid)).get(cid) === true;
  const at = new Date().toISOString();
  let warnings: LintWarning[] = [];
  let heldForReview = false;
  const vacancy = await deps.store.vacancies.update(id, async (current) => {
    const next: Record<string, unknown> = { ...current, ...changes };
    for (const key of CLEARABLE) if (next[key] === null) delete next[key];
    const company = patch.company ?? current.company;
    next.company = companyId ? { name: company.name, id: companyId } : company;
    warnings = lintPosting(next);
    const review = await screenPosting(deps, next as Vacancy, current.review, at, isVerifiedCompany);
    if (review) next.review = review;
    else delete next.review;
    // An open vacancy the edit made suspect leaves searches and alerts until staff look at it.
    heldForReview = current.status === 'open' && review?.state === 'pending';
    if (heldForReview) next.status = 'draft';
    else if (current.status === 'open') requireReason(deps, id, warnings, overrideReason);
    return next as Vacancy;
  });
  await ensureCompany(deps.store, vacancy.company);
  const review: Record<string, string> = vacancy.review?.state === 'pending' ? { review: reviewCodes(vacancy.review) } : {};
  await audit(deps, token, 'vacancy.update', id, warnings, { fields: Object.keys(patch).join(',').slice(0, 200), ...(overrideReason ? { overrideReason } : {}), ...review, ...(heldForReview ? { heldForReview: 'true' } : {}) });
  return { vacancy, warnings };
}

/** Opens it with its "vacancy opened" outbox event (one store write); opening an open one changes nothing. */
export async function openVacancy(deps: VacancyDeps, id: string, input: unknown, token: AdminToken): Promise<OpenResult> {
  const { overrideReason } = parse(openVacancyBodySchema, input ?? {}, 'open');
  const current = await readable(deps, id, token);
  const warnings = lintPosting(current);
  if (current.status === 'open') return { vacancy: current, warnings, alreadyOpen: true };
  requireReason(deps, id, warnings, overrideReason);
  const { vacancy, event } = await deps.store.vacancies.open(id);
  await audit(deps, token, 'vacancy.open', id, warnings, { event: event.id, ...(overrideReason && hasDiscriminatingWording(warnings) ? { overrideReason } : {}) });
  return { vacancy, warnings, alreadyOpen: false };
}

/** Approves a vacancy waiting for review (admin and operator tokens) and, unless `open: false`, opens it. */
export async function approveVacancy(deps: VacancyDeps, id: string, input: unknown, token: AdminToken): Promise<VacancyView & { readonly opened: boolean }> {
  const { note, open, overrideReason } = parse(approveBodySchema, input ?? {}, 'approve');
  const approved = await approveReview(deps, id, note, token);
  if (!open) return { vacancy: approved, warnings: lintPosting(approved), opened: false };
  const { vacancy, warnings } = await openVacancy(deps, id, overrideReason ? { overrideReason } : {}, token);
  return { vacancy, warnings, opened: true };
}

export async function closeVacancy(deps: VacancyDeps, id: string, token: AdminToken): Promise<VacancyView & { readonly alreadyClosed: boolean }> {
  await readable(deps, id, token);
  let previous: Vacancy['status'] = 'closed';
  const vacancy = await deps.store.vacancies.update(id, (current) => {
    previous = current.status;
    return current.status === 'closed' ? current : { ...current, status: 'closed' };
  });
  const alreadyClosed = previous === 'closed';
  if (!alreadyClosed) await deps.store.audit.record({ actor: token.id, action: 'vacancy.close', target: { type: 'vacancy', id }, details: { previousStatus: previous } });
  return { vacancy, warnings: lintPosting(vacancy), alreadyClosed };
}

/**
 * A page of vacancies newest first. Status, company and kecamatan are store queries; words (`q`)
 * are matched as the pages are read, at most {@link TEXT_SCAN_LIMIT} vacancies per page asked for
 * (a page may then hold fewer than `limit`, with a cursor to read on). A company token lists only
 * its own company's.
 */
export async function listVacancies(deps: VacancyDeps, query: unknown, token: AdminToken): Promise<Page<VacancyView>> {
  const { limit, cursor, status, companyId, kecamatan, q } = parse(vacancyListQuerySchema, query, 'vacancy list query');
  const scope = companyScope(token);
  if (scope && companyId && companyId !== scope) throw new ForbiddenError("a company token lists only its own company's vacancies");
  const company = scope ?? companyId;
  const filter: Filter = {
    ...(status ? { status } : {}),
    ...(company ? { 'company.id': company } : {}),
    ...(kecamatan ? { kecamatan: canonicalKecamatan(deps, kecamatan, 'kecamatan') } : {}),
  };
  const words = q ? fold(q).split(/\s+/).filter(Boolean) : [];
  const keep = words.length > 0 ? (v: Vacancy) => containsAll(searchText(v), words) : undefined;
  const page = await newestFirst((f, o) => deps.store.vacancies.find(f, o), filter, { limit, cursor }, keep ? { keep, maxScan: TEXT_SCAN_LIMIT } : undefined);
  return { items: page.items.map((vacancy) => ({ vacancy, warnings: lintPosting(vacancy) })), nextCursor: page.nextCursor };
}

/**
 * The linter's warnings of a draft and the reasons the fee and scam detector would hold it for
 * review, nothing stored (the dashboard's form shows both as the poster types).
 */
export async function lintDraft(deps: ScreeningDeps, input: unknown): Promise<{ warnings: LintWarning[]; review: readonly ScamReason[] }> {
  const draft = parse(lintDraftSchema, input, 'draft');
  return { warnings: lintPosting(draft), review: await screenDraft(deps, draft) };
}

export const lintDraftSchema = z.object({
  title: z.string().max(10_000).optional(),
  companyName: z.string().max(200).optional(),
  /** A recorded company: a verified one's agency wording is not held against it. */
  companyId: idSchema.optional(),
  minEducation: z.string().max(20).optional(),
  description: z.string().max(10_000).optional(),
  requirements: z.string().max(10_000).optional(),
  salaryMin: z.number().nullable().optional(),
  salaryMax: z.number().nullable().optional(),
  deadline: z.string().nullable().optional(),
  kecamatan: z.string().nullable().optional(),
});

function companyScope(token: AdminToken): string | undefined {
  return token.role === 'company' ? token.companyId : undefined;
}

/** The vacancy, if the token may see it: a company token's view of another company's is "not found". */
async function readable(deps: VacancyDeps, id: string, token: AdminToken): Promise<Vacancy> {
  const vacancyId = parse(idSchema, id, 'vacancy id');
  const vacancy = await deps.store.vacancies.require(vacancyId);
  const scope = companyScope(token);
  if (scope && vacancy.company.id !== scope) throw new NotFoundError('vacancy', vacancyId);
  return vacancy;
}

function requireReason(deps: VacancyDeps, id: string, warnings: readonly LintWarning[], reason: string | undefined): void {
  if ((deps.policy ?? 'reason') !== 'reason' || reason || !hasDiscriminatingWording(warnings)) return;
  throw new PostingNeedsReasonError(id, warnings.filter((w) => w.discriminating));
}

function canonicalKecamatan(deps: VacancyDeps, name: string, field = 'kecamatan'): string {
  const found = deps.vocabulary.kecamatan.lookup(name);
  if (!found) throw new ValidationError('vacancy', [`${field}: "${name}" is not a kecamatan of Kabupaten Bekasi we know (e.g. "Cikarang Utara")`]);
  return found.name;
}

async function audit(deps: VacancyDeps, token: AdminToken, action: string, id: string, warnings: readonly LintWarning[], extra: Record<string, string> = {}): Promise<void> {
  const discriminating = warnings.filter((w) => w.discriminating).map((w) => w.code);
  await deps.store.audit.record({
    actor: token.id,
    action,
    target: { type: 'vacancy', id },
    details: { warnings: warnings.length, ...(discriminating.length > 0 ? { discriminating: [...new Set(discriminating)].join(',') } : {}), ...extra },
  });
}

function reviewCodes(review: NonNullable<Vacancy['review']>): string {
  return [...new Set(review.reasons.map((r) => r.code))].join(',').slice(0, 200);
}

function searchText(v: Vacancy): string {
  return fold([v.title, v.company.name, v.description, v.requirements, v.estate ?? '', ...v.requiredSkills, ...v.preferredSkills].join(' '));
}

/** Lower case without accents, so "Operator" finds "operator" and "Café" finds "cafe". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function containsAll(text: string, words: readonly string[]): boolean {
  return words.every((word) => text.includes(word));
}
