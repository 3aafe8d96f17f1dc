import { z } from 'zod';
import { getReport, listReports, reportDetailSchema, reportListQuerySchema, reportSummarySchema, resolveReportSchema, resolveReport } from '../admin/reports.js';
import type { VacancyDeps } from '../admin/vacancies.js';
import { idSchema } from '../domain/index.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

const STAFF = ['admin', 'operator'] as const;
const idParams = z.object({ id: idSchema });

/**
 * Reports of a fee asked or a fake vacancy, for staff only (company tokens get 403): the list, one
 * report with the chat the reporter agreed to attach, and its resolution, which is told to the
 * reporter through the alert queues, once.
 */
export function reportRoutes(deps: VacancyDeps): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/reports',
      tag: 'reports',
      summary: 'Reports of a fee asked or a fake vacancy, newest first, by status and vacancy',
      roles: STAFF,
      query: reportListQuerySchema,
      responses: { 200: pageResponse(reportSummarySchema) },
      handler: async (input, res) => {
        res.json(await listReports(deps, input.query));
      },
    }),
    route({
      method: 'get',
      path: '/reports/:id',
      tag: 'reports',
      summary: "A report with its vacancy, the reporter's channel (never their chat id), what they wrote and the chat they agreed to attach",
      roles: STAFF,
      params: idParams,
      responses: { 200: { description: 'the report', schema: reportDetailSchema } },
      handler: async (input, res) => {
        res.json(await getReport(deps, input.params.id));
      },
    }),
    route({
      method: 'post',
      path: '/reports/:id/resolve',
      tag: 'reports',
      summary: 'Resolve a report: vacancy-closed (closes the vacancy), no-violation or other, with a note; the reporter is told on their channel, in their language (409 when already resolved)',
      roles: STAFF,
      params: idParams,
      body: resolveReportSchema,
      responses: { 200: { description: 'the report as resolved, and whether this closed the vacancy', schema: z.object({ report: reportDetailSchema, closedVacancy: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await resolveReport(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
  ];
}
