import { z } from 'zod';
import { companySchema, idSchema, parse, textSchema, type AdminToken, type Company } from '../domain/index.js';
import { DuplicateError, NotFoundError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';

/*
 * Employers as the office knows them, and their verification: staff check a company's NIB,
 * address and HR contact and mark it verified (who, when, a note), or withdraw that. A company
 * token reads and edits only its own record and can never verify it; an edit it makes to what
 * staff checked (name, NIB, address, HR contact) withdraws the verification, so staff check again.
 */

const shape = companySchema.shape;

/** What staff or the company write; the server keeps the verification and the timestamps. */
const factsShape = {
  name: shape.name,
  registrationNumber: shape.registrationNumber,
  address: shape.address,
  hrContact: shape.hrContact.unwrap().strict().optional(),
  industryCode: shape.industryCode,
};

/** The fields whose change by the company itself undoes a verification. */
const CHECKED_FIELDS = ['name', 'registrationNumber', 'address', 'hrContact'] as const;

/** `POST /companies`: a new company, unverified. `id` is the one company tokens name (`cmp-…`); a new one is made when left out. */
export const companyInputSchema = z.strictObject({ id: idSchema.optional(), ...factsShape });

/** `PATCH /companies/:id`: the fields to change; `null` clears an optional one. */
export const companyPatchSchema = z.strictObject({
  name: shape.name.optional(),
  registrationNumber: shape.registrationNumber.nullable(),
  address: shape.address.nullable(),
  hrContact: factsShape.hrContact.nullable(),
  industryCode: shape.industryCode.nullable(),
});

/** `POST /companies/:id/verify`: what was checked, in a few words (e.g. "NIB checked in OSS, visited 3 Dec"). */
export const verifyBodySchema = z.strictObject({ note: textSchema(500).optional() });

/** `POST /companies/:id/unverify`: why the verification is withdrawn. */
export const unverifyBodySchema = z.strictObject({ reason: textSchema(500).pipe(z.string().min(3, 'say in a few words why')) });

/** `GET /companies`: a page at a time by id, descending (generated ids sort by creation time), optionally only verified or only unverified ones. */
export const companyListQuerySchema = z.strictObject({
  /** `limit` default 50, at most 200. */
  ...pageQueryShape(50, 200),
  verified: z.enum(['true', 'false']).optional(),
});

export async function listCompanies(store: Store, query: unknown, token: AdminToken): Promise<Page<Company>> {
  const { limit, cursor, verified } = parse(companyListQuerySchema, query, 'company list query');
  if (token.role === 'company') {
    const own = token.companyId ? await store.companies.get(token.companyId) : undefined;
    return { items: own ? [own] : [], nextCursor: null };
  }
  const keep = verified === undefined ? undefined : (c: Company) => (c.verification !== undefined) === (verified === 'true');
  return newestFirst((f, o) => store.companies.find(f, o), {}, { limit, cursor }, keep ? { keep, maxScan: 5000 } : undefined);
}

export async function getCompany(store: Store, id: string, token: AdminToken): Promise<Company> {
  return readable(store, id, token);
}

export async function createCompany(store: Store, input: unknown, token: AdminToken): Promise<Company> {
  const { id, ...facts } = parse(companyInputSchema, input, 'company');
  const companyId = id ?? newId('cmp');
  if (await store.companies.get(companyId)) throw new DuplicateError('company', companyId);
  const at = new Date().toISOString();
  const company = await store.companies.create({ ...facts, id: companyId, createdAt: at, updatedAt: at });
  await store.audit.record({ actor: token.id, action: 'company.create', target: { type: 'company', id: companyId } });
  return company;
}

export async function updateCompany(store: Store, id: string, input: unknown, token: AdminToken): Promise<Company> {
  const patch = parse(companyPatchSchema, input, 'company edit');
  await readable(store, id, token);
  let withdrawn = false;
  const company = await store.companies.update(id, (current) => {
    const next: Record<string, unknown> = { ...current, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === null) delete next[key];
    withdrawn = token.role === 'company' && current.verification !== undefined && CHECKED_FIELDS.some((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]));
    if (withdrawn) delete next.verification;
    return next as Company;
  });
  await store.audit.record({
    actor: token.id,
    action: 'company.update',
    target: { type: 'company', id },
    details: { fields: Object.keys(patch).join(',').slice(0, 200), ...(withdrawn ? { verificationWithdrawn: 'edited by the company' } : {}) },
  });
  return company;
}

/** Marks it verified by the token's label, now; verifying again renews who and when. */
export async function verifyCompany(store: Store, id: string, input: unknown, token: AdminToken): Promise<Company> {
  const { note } = parse(verifyBodySchema, input ?? {}, 'verification');
  const verifiedAt = new Date().toISOString();
  const company = await store.companies.update(requireId(id), (current) => ({ ...current, verification: { verifiedBy: token.label || token.id, verifiedAt, ...(note ? { note } : {}) } }));
  await store.audit.record({ actor: token.id, action: 'company.verify', target: { type: 'company', id: company.id }, details: note ? { note } : {} });
  return company;
}

export async function unverifyCompany(store: Store, id: string, input: unknown, token: AdminToken): Promise<Company> {
  const { reason } = parse(unverifyBodySchema, input, 'withdrawal');
  const company = await store.companies.update(requireId(id), (current) => {
    const { verification: _withdrawn, ...rest } = current;
    return rest;
  });
  await store.audit.record({ actor: token.id, action: 'company.unverify', target: { type: 'company', id: company.id }, details: { reason } });
  return company;
}

/**
 * A vacancy naming a company id the office has no record of gets one, unverified, under the name
 * the vacancy gives: the company shows as "not verified" to seekers until staff check it.
 */
export async function ensureCompany(store: Store, company: { readonly id?: string | undefined; readonly name: string }): Promise<void> {
  if (!company.id || (await store.companies.get(company.id))) return;
  const at = new Date().toISOString();
  try {
    await store.companies.create({ id: company.id, name: company.name, createdAt: at, updatedAt: at });
  } catch (error) {
    // Another request made it in between: that one is as good.
    if (!(error instanceof DuplicateError)) throw error;
  }
}

function requireId(id: string): string {
  return parse(idSchema, id, 'company id');
}

/** The company, if the token may see it: to a company token another company is "not found". */
async function readable(store: Store, id: string, token: AdminToken): Promise<Company> {
  const companyId = requireId(id);
  if (token.role === 'company' && token.companyId !== companyId) throw new NotFoundError('company', companyId);
  return store.companies.require(companyId);
}
