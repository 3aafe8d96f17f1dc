import { z } from 'zod';
import { applicationListQuerySchema, applicationViewSchema, changeApplicationStatus, getApplication, listApplicants, statusChangeSchema } from '../admin/applications.js';
import { idSchema } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

const EVERYONE = ['admin', 'operator', 'company'] as const;
const idParams = z.object({ id: idSchema });

/**
 * Applicants per vacancy and the decisions on them, for staff and for the company that posted the
 * vacancy (another company's applicants are 404 to a company token). Each change of status is
 * told to the applicant through the alert queues, once.
 */
export function applicationRoutes(store: Store): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/vacancies/:id/applications',
      tag: 'applications',
      summary: "A vacancy's applicants, newest first (what the privacy notice shares with the company: never chat ids or phone numbers)",
      roles: EVERYONE,
      params: idParams,
      query: applicationListQuerySchema,
      responses: { 200: pageResponse(applicationViewSchema) },
      handler: async (input, res) => {
        res.json(await listApplicants(store, input.params.id, input.query, tokenOf(input)));
      },
    }),
    route({
      method: 'get',
      path: '/applications/:id',
      tag: 'applications',
      summary: 'An application, its history, and its applicant',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: { description: 'the application', schema: applicationViewSchema } },
      handler: async (input, res) => {
        res.json(await getApplication(store, input.params.id, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/applications/:id/status',
      tag: 'applications',
      summary: 'Decide: viewed, interview, hired (a placement) or rejected, with an optional note; the applicant is told on their channel, in their language',
      roles: EVERYONE,
      params: idParams,
      body: statusChangeSchema,
      responses: { 200: { description: 'the application as stored; `changed` false when it already had that status', schema: applicationViewSchema.extend({ changed: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await changeApplicationStatus(store, input.params.id, input.body, tokenOf(input)));
      },
    }),
  ];
}
