import { z } from 'zod';
import { APPLICATION_DECISIONS, applicationSchema, idSchema, parse, textSchema, type AdminToken, type Application, type Seeker, type Vacancy } from '../domain/index.js';
import { InvalidStateError, NotFoundError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';

/*
 * Applicants, as the company that posted a vacancy and the office see them, and the decisions they
 * make: viewed, invited to interview, hired (a placement), rejected. Each decision is stored with
 * its "application-status-changed" outbox event in one write (ApplicationRepository.changeStatus),
 * so the applicant hears of it exactly once, on their channel and in their language, through the
 * same queues and Delivery rows as the alerts. A company token reaches only the applicants of its
 * own company's vacancies; anything else is "not found" to it.
 */

/**
 * What an applicant shows to the company they applied to: what the privacy notice says is shared
 * when one applies (name, domicile, KTP Bekasi, education, skills, experience, certificates, job
 * wishes). Never their chat ids or phone number. Null once the applicant erased their data.
 */
export const applicantSchema = z.object({
  seekerId: idSchema,
  name: z.string(),
  kecamatan: z.string(),
  ktpBekasi: z.boolean(),
  education: z.object({ level: z.string(), major: z.string().optional() }),
  skills: z.string(),
  experience: z.object({ years: z.number(), text: z.string() }),
  certifications: z.array(z.string()),
  wantedPositions: z.array(z.string()),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const applicationViewSchema = z.object({ application: applicationSchema, applicant: applicantSchema.nullable() });
export interface ApplicationView {
  readonly application: Application;
  readonly applicant: Applicant | null;
}

export const applicationListQuerySchema = z.strictObject({
  /** `limit` default 50, at most 200. */
  ...pageQueryShape(50, 200),
  status: applicationSchema.shape.status.optional(),
});

export const statusChangeSchema = z.strictObject({
  status: z.enum(APPLICATION_DECISIONS),
  /** Told to the applicant with the news, e.g. the interview's time and place. */
  note: textSchema(500).optional(),
});

export interface StatusChangeResult extends ApplicationView {
  /** False when the application already had this status: nothing was stored, nobody told again. */
  readonly changed: boolean;
}

/** A vacancy's applicants, newest first, a page at a time, optionally of one status. */
export async function listApplicants(store: Store, vacancyId: string, query: unknown, token: AdminToken): Promise<Page<ApplicationView>> {
  const vacancy = await vacancyFor(store, vacancyId, token);
  const { limit, cursor, status } = parse(applicationListQuerySchema, query, 'applicant list query');
  const page = await newestFirst((f, o) => store.applications.find(f, o), { vacancyId: vacancy.id, ...(status ? { status } : {}) }, { limit, cursor });
  return { items: await Promise.all(page.items.map((application) => view(store, application))), nextCursor: page.nextCursor };
}

export async function getApplication(store: Store, id: string, token: AdminToken): Promise<ApplicationView> {
  return view(store, await readable(store, id, token));
}

/**
 * Sets a decision and, with it, the news to the applicant. The same status again changes nothing.
 * A withdrawn application takes no decision (409); an erased applicant's neither (there is nobody
 * to decide on).
 */
export async function changeApplicationStatus(store: Store, id: string, input: unknown, token: AdminToken): Promise<StatusChangeResult> {
  const { status, note } = parse(statusChangeSchema, input, 'status change');
  await readable(store, id, token);
  let previous: Application['status'] = status;
  const { application, event } = await store.applications.changeStatus(id, (current) => {
    previous = current.status;
    if (current.status === 'withdrawn' || !current.seekerId) throw new InvalidStateError('application', id, current.seekerId ? 'withdrawn' : 'anonymous', status);
    return current.status === status ? undefined : { status, ...(note ? { note } : {}) };
  });
  if (event) {
    await store.audit.record({ actor: token.id, action: 'application.status', target: { type: 'application', id }, details: { from: previous, to: status, event: event.id, note: note !== undefined } });
  }
  return { ...(await view(store, application)), changed: event !== undefined };
}

/** The application, if the token may see it: a company token sees those of its own company's vacancies only. */
async function readable(store: Store, id: string, token: AdminToken): Promise<Application> {
  const applicationId = parse(idSchema, id, 'application id');
  const application = await store.applications.require(applicationId);
  if (token.role === 'company') {
    const vacancy = await store.vacancies.get(application.vacancyId);
    if (vacancy?.company.id !== token.companyId) throw new NotFoundError('application', applicationId);
  }
  return application;
}

async function vacancyFor(store: Store, id: string, token: AdminToken): Promise<Vacancy> {
  const vacancyId = parse(idSchema, id, 'vacancy id');
  const vacancy = await store.vacancies.require(vacancyId);
  if (token.role === 'company' && vacancy.company.id !== token.companyId) throw new NotFoundError('vacancy', vacancyId);
  return vacancy;
}

async function view(store: Store, application: Application): Promise<ApplicationView> {
  const seeker = application.seekerId ? await store.seekers.get(application.seekerId) : undefined;
  return { application, applicant: seeker ? applicantOf(seeker) : null };
}

function applicantOf(seeker: Seeker): Applicant {
  return {
    seekerId: seeker.id,
    name: seeker.name,
    kecamatan: seeker.domicile.kecamatan,
    ktpBekasi: seeker.domicile.ktpBekasi,
    education: seeker.education,
    skills: seeker.skills.raw,
    experience: seeker.experience,
    certifications: seeker.certifications,
    wantedPositions: seeker.wantedPositions,
  };
}
