import { z } from 'zod';
import { computeStatistics, statisticsQuerySchema, statisticsSchema, type StatisticsDeps } from '../admin/statistics.js';
import { STATISTICS_TABLE_NAMES, statisticsCsv } from '../admin/statistics-csv.js';
import { route, type AdminRoute } from './admin-route.js';

const STAFF = ['admin', 'operator'] as const;

/** The office's numbers, for staff: all of them as JSON, and each table as CSV. */
export function statisticsRoutes(deps: StatisticsDeps): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/statistics',
      tag: 'statistics',
      summary: 'Seekers by kecamatan, education, KTP Bekasi, job search status and skills; open vacancies by estate, sector, kecamatan; matches, applications and placements (placed applications and self-reported jobs) per week; local share of placements against the target; the skill gap',
      roles: STAFF,
      query: statisticsQuerySchema,
      responses: { 200: { description: 'the statistics', schema: statisticsSchema } },
      handler: async (input, res) => {
        res.json(await computeStatistics(deps, input.query));
      },
    }),
    route({
      method: 'get',
      path: '/statistics/:table.csv',
      tag: 'statistics',
      summary: `One table as CSV: ${STATISTICS_TABLE_NAMES.join(', ')}`,
      roles: STAFF,
      params: z.object({ table: z.enum(STATISTICS_TABLE_NAMES) }),
      query: statisticsQuerySchema,
      responses: { 200: { description: 'the table with a header row', contentType: 'text/csv' } },
      handler: async (input, res) => {
        const statistics = await computeStatistics(deps, input.query);
        res.type('text/csv').attachment(`lokerbot-${input.params.table}.csv`).send(statisticsCsv(statistics, input.params.table));
      },
    }),
  ];
}
