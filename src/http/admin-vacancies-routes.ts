import { z } from 'zod';
import { lintWarningSchema } from '../admin/posting-linter.js';
import {
  closeVacancy,
  createVacancy,
  getVacancy,
  lintDraft,
  lintDraftSchema,
  listVacancies,
  openVacancy,
  openVacancyBodySchema,
  updateVacancy,
  vacancyInputSchema,
  vacancyListQuerySchema,
  vacancyPatchSchema,
  type VacancyDeps,
} from '../admin/vacancies.js';
import { idSchema, vacancySchema } from '../domain/index.js';
import { route, tokenOf, type AdminRoute } from './admin-route.js';

const EVERYONE = ['admin', 'operator', 'company'] as const;
const idParams = z.object({ id: idSchema });
const warnings = z.array(lintWarningSchema);
const view = z.object({ vacancy: vacancySchema, warnings });

/**
 * Vacancies, for staff and for company tokens (their own company's only; another company's are
 * 404). Every answer about a vacancy carries the posting linter's warnings. 422
 * `loker:posting-needs-reason` when opening discriminating wording without `overrideReason`
 * under the `reason` policy.
 */
export function vacancyRoutes(deps: VacancyDeps): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/vacancies',
      tag: 'vacancies',
      summary: 'Vacancies newest first, by status, company, kecamatan and words (`q`)',
      roles: EVERYONE,
      query: vacancyListQuerySchema,
      responses: { 200: { description: 'a page (a word search may end a page early, with a cursor)', schema: z.object({ items: z.array(view), nextCursor: z.string().nullable() }) } },
      handler: async (input, res) => {
        res.json(await listVacancies(deps, input.query, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies',
      tag: 'vacancies',
      summary: 'Post a vacancy: a draft, or `status: open` to open it at once (subscribers are told through the outbox)',
      roles: EVERYONE,
      body: vacancyInputSchema,
      responses: { 201: { description: 'stored, with the linter\'s warnings', schema: view } },
      handler: async (input, res) => {
        const created = await createVacancy(deps, input.body, tokenOf(input));
        res.status(201).location(`${input.req.baseUrl}/vacancies/${created.vacancy.id}`).json(created);
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/lint',
      tag: 'vacancies',
      summary: 'The linter\'s warnings for a draft, nothing stored',
      roles: EVERYONE,
      body: lintDraftSchema,
      responses: { 200: { description: 'the warnings', schema: z.object({ warnings }) } },
      handler: (input, res) => {
        res.json({ warnings: lintDraft(input.body) });
      },
    }),
    route({
      method: 'get',
      path: '/vacancies/:id',
      tag: 'vacancies',
      summary: 'A vacancy and its warnings',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: { description: 'the vacancy', schema: view } },
      handler: async (input, res) => {
        res.json(await getVacancy(deps, input.params.id, tokenOf(input)));
      },
    }),
    route({
      method: 'patch',
      path: '/vacancies/:id',
      tag: 'vacancies',
      summary: 'Edit a vacancy (`null` clears an optional field); an open one stays open',
      roles: EVERYONE,
      params: idParams,
      body: vacancyPatchSchema,
      responses: { 200: { description: 'the vacancy as stored, with its warnings', schema: view } },
      handler: async (input, res) => {
        res.json(await updateVacancy(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/open',
      tag: 'vacancies',
      summary: 'Open it: stored with its "vacancy opened" outbox event, so matching subscribers are alerted',
      roles: EVERYONE,
      params: idParams,
      body: openVacancyBodySchema,
      responses: { 200: { description: 'open', schema: view.extend({ alreadyOpen: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await openVacancy(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/close',
      tag: 'vacancies',
      summary: 'Close it: it leaves searches, and alerts not yet sent for it are not sent',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: { description: 'closed', schema: view.extend({ alreadyClosed: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await closeVacancy(deps, input.params.id, tokenOf(input)));
      },
    }),
  ];
}
