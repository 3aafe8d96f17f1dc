import { z } from 'zod';
import { computeTrainingDemand, TRAINING_DEMAND_TABLE_NAMES, trainingDemandCsv, trainingDemandSchema } from '../admin/training-demand.js';
import {
  createProgramme,
  deleteProgramme,
  getProgramme,
  listProgrammes,
  programmeInputSchema,
  programmeListQuerySchema,
  programmePatchSchema,
  updateProgramme,
  type TrainingVocabulary,
} from '../admin/training-programmes.js';
import { idSchema, trainingProgrammeSchema } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { route, tokenOf, type AdminRoute } from './admin-route.js';

const STAFF = ['admin', 'operator'] as const;
const idParams = z.object({ id: idSchema });
const one = { description: 'the programme as stored', schema: trainingProgrammeSchema };

/** Training programmes (BLK/LPK courses, internships, the Japan apprenticeship) and the seekers' interest in them, for staff. */
export function trainingRoutes(deps: { readonly store: Store; readonly vocabulary: TrainingVocabulary }): AdminRoute[] {
  const { store, vocabulary } = deps;
  return [
    route({
      method: 'get',
      path: '/training-programmes',
      tag: 'training',
      summary: 'Every training programme by name, optionally only open or closed ones (`status`)',
      roles: STAFF,
      query: programmeListQuerySchema,
      responses: { 200: { description: 'the programmes', schema: z.object({ items: z.array(trainingProgrammeSchema) }) } },
      handler: async (input, res) => {
        res.json(await listProgrammes(store, input.query));
      },
    }),
    route({
      method: 'post',
      path: '/training-programmes',
      tag: 'training',
      summary: 'Add a programme: name, provider, kind, the skills it teaches (skills dictionary ids), schedule, quota, requirements, kecamatan and place',
      roles: STAFF,
      body: programmeInputSchema,
      responses: { 201: one },
      handler: async (input, res) => {
        const programme = await createProgramme(store, vocabulary, input.body, tokenOf(input));
        res.status(201).location(`${input.req.baseUrl}/training-programmes/${programme.id}`).json(programme);
      },
    }),
    route({
      method: 'get',
      path: '/training-programmes/:id',
      tag: 'training',
      summary: 'One programme',
      roles: STAFF,
      params: idParams,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await getProgramme(store, input.params.id));
      },
    }),
    route({
      method: 'patch',
      path: '/training-programmes/:id',
      tag: 'training',
      summary: 'Edit a programme (`status: "closed"` stops offering it in chat; `location: null` clears the place)',
      roles: STAFF,
      params: idParams,
      body: programmePatchSchema,
      responses: { 200: one },
      handler: async (input, res) => {
        res.json(await updateProgramme(store, vocabulary, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'delete',
      path: '/training-programmes/:id',
      tag: 'training',
      summary: 'Delete a programme and the interests registered in it (close it instead to keep them)',
      roles: STAFF,
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async (input, res) => {
        await deleteProgramme(store, input.params.id, tokenOf(input));
        res.status(204).end();
      },
    }),
    route({
      method: 'get',
      path: '/training-demand',
      tag: 'training',
      summary: 'Seekers interested in each programme, and per programme in each kecamatan they live in',
      roles: STAFF,
      responses: { 200: { description: 'the demand', schema: trainingDemandSchema } },
      handler: async (_input, res) => {
        res.json(await computeTrainingDemand(store));
      },
    }),
    route({
      method: 'get',
      path: '/training-demand/:table.csv',
      tag: 'training',
      summary: `One table of the demand as CSV: ${TRAINING_DEMAND_TABLE_NAMES.join(', ')}`,
      roles: STAFF,
      params: z.object({ table: z.enum(TRAINING_DEMAND_TABLE_NAMES) }),
      responses: { 200: { description: 'the table with a header row', contentType: 'text/csv' } },
      handler: async (input, res) => {
        const demand = await computeTrainingDemand(store);
        res.type('text/csv').attachment(`lokerbot-training-${input.params.table}.csv`).send(trainingDemandCsv(demand, input.params.table));
      },
    }),
  ];
}
