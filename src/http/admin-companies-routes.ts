import { z } from 'zod';
import {
  companyInputSchema,
  companyListQuerySchema,
  companyPatchSchema,
  createCompany,
  getCompany,
  listCompanies,
  unverifyBodySchema,
  unverifyCompany,
  updateCompany,
  verifyBodySchema,
  verifyCompany,
} from '../admin/companies.js';
import { companySchema, idSchema } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

const EVERYONE = ['admin', 'operator', 'company'] as const;
const STAFF = ['admin', 'operator'] as const;
const idParams = z.object({ id: idSchema });
const one = { description: 'the company as stored', schema: companySchema };

/**
 * Employers and their verification. Staff list, create, edit, verify and withdraw; a company token
 * reads and edits its own record only (another's is 404) and cannot verify it. Every write is in
 * the audit log.
 */
export function companyRoutes(store: Store): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/companies',
      tag: 'companies',
      summary: 'Companies a page at a time (by id, descending), optionally only verified (`verified=true`) or unverified ones; a company token gets its own',
      roles: EVERYONE,
      query: companyListQuerySchema,
      responses: { 200: pageResponse(companySchema) },
      handler: async (input, res) => {
        res.json(await listCompanies(store, input.query, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/companies',
      tag: 'companies',
      summary: 'Record a company (unverified): name, NIB, address, HR contact, KBLI code; `id` as company tokens name it, or a new one',
      roles: STAFF,
      body: companyInputSchema,
      responses: { 201: one },
      handler: async (input, res) => {
        const company = await createCompany(store, input.body, tokenOf(input));
        res.status(201).location(`${input.req.baseUrl}/companies/${company.id}`).json(company);
      },
    }),
    route({
      method: 'get',
      path: '/companies/:id',
      tag: 'companies',
      summary: 'A company and its verification',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await getCompany(store, input.params.id, tokenOf(input)));
      },
    }),
    route({
      method: 'patch',
      path: '/companies/:id',
      tag: 'companies',
      summary: 'Edit a company (`null` clears an optional field); when the company itself changes what staff checked, its verification is withdrawn',
      roles: EVERYONE,
      params: idParams,
      body: companyPatchSchema,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await updateCompany(store, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/companies/:id/verify',
      tag: 'companies',
      summary: 'Mark it verified (NIB, address and HR contact checked), by this token\'s label, now; its vacancies carry the verified mark in chat',
      roles: STAFF,
      params: idParams,
      body: verifyBodySchema,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await verifyCompany(store, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/companies/:id/unverify',
      tag: 'companies',
      summary: 'Withdraw the verification, with a reason; its vacancies say "not verified" in chat again',
      roles: STAFF,
      params: idParams,
      body: unverifyBodySchema,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await unverifyCompany(store, input.params.id, input.body, tokenOf(input)));
      },
    }),
  ];
}
