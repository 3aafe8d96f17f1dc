import type express from 'express';
import { z } from 'zod';
import { broadcastInputSchema, cancelBroadcast, createBroadcast, getBroadcast, listBroadcastsQuerySchema, listBroadcasts, previewBroadcast, segmentInputSchema } from '../admin/broadcasts.js';
import type { SegmentVocabulary } from '../alerts/broadcast-segment.js';
import { broadcastSchema, CHANNELS, idSchema } from '../domain/index.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

export interface BroadcastRoutesOptions {
  readonly store: Store;
  /** The send queues (a cancel takes the broadcast's waiting jobs out). */
  readonly queues: Queues;
  /** Skill and kecamatan vocabulary for segments. Default: the reference data; pass the service's Matcher to share it. */
  readonly vocabulary?: SegmentVocabulary;
}

/** Lists in a GET query: repeated (`skills=las&skills=forklift`) or comma-separated (`channels=telegram,web`). */
const LIST_PARAMS = ['channels', 'kecamatan', 'skills'] as const;

const STAFF = ['admin', 'operator'] as const;
const idParams = z.object({ id: idSchema });
const broadcastBody = z.object({ broadcast: broadcastSchema });
const previewSchema = z.object({
  seekers: z.number().int(),
  messages: z.number().int(),
  byChannel: z.record(z.enum(CHANNELS), z.number().int()),
  optedOut: z.number().int(),
});
/** A GET query reads every value as text: lists and the flag are taken apart before the segment schema checks them. */
const segmentQuerySchema = z.preprocess((query) => segmentFromQuery(query as express.Request['query']), segmentInputSchema);

/**
 * The broadcasts, for staff (admin, operator):
 *
 * - `GET /broadcasts` → `{ items, nextCursor }`, newest first (`?limit=20&cursor=…&status=…`)
 * - `POST /broadcasts` (kind, title, body {id, en?}, segment, scheduledAt?) → 201 `{ broadcast }`
 * - `POST /broadcasts/preview` (a segment) or `GET /broadcasts/preview?channels=…&kecamatan=…&skills=…&minEducation=…&ktpBekasiOnly=true` → recipient counts
 * - `GET /broadcasts/:id` → `{ broadcast, progress }`
 * - `POST /broadcasts/:id/cancel` → `{ broadcast, alreadyCancelled, removedJobs }` (409 when it is done)
 *
 * Writes are audited with the admin token's id as the actor.
 */
export function broadcastRoutes(options: BroadcastRoutesOptions): AdminRoute[] {
  const { store, queues } = options;
  const deps = { store, queues, ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}) };
  return [
    route({
      method: 'get',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'Broadcasts, newest first',
      roles: STAFF,
      query: listBroadcastsQuerySchema,
      responses: { 200: pageResponse(broadcastSchema) },
      handler: async (input, res) => {
        res.json(await listBroadcasts(deps, input.query));
      },
    }),
    route({
      method: 'post',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'Send an announcement to a segment, now or at `scheduledAt` (through the outbox)',
      roles: STAFF,
      body: broadcastInputSchema,
      responses: { 201: { description: 'queued', schema: broadcastBody } },
      handler: async (input, res) => {
        const broadcast = await createBroadcast(deps, input.body, tokenOf(input).id);
        res.status(201).location(`${input.req.baseUrl}/broadcasts/${broadcast.id}`).json({ broadcast });
      },
    }),
    route({
      method: 'post',
      path: '/broadcasts/preview',
      tag: 'broadcasts',
      summary: 'How many a segment reaches now, per channel (nothing is written)',
      roles: STAFF,
      body: segmentInputSchema,
      responses: { 200: { description: 'the counts', schema: previewSchema } },
      handler: async (input, res) => {
        res.json(await previewBroadcast(deps, input.body));
      },
    }),
    route({
      method: 'get',
      path: '/broadcasts/preview',
      tag: 'broadcasts',
      summary: 'The same, with the segment in the query (lists repeated or comma-separated)',
      roles: STAFF,
      query: segmentQuerySchema,
      responses: { 200: { description: 'the counts', schema: previewSchema } },
      handler: async (input, res) => {
        res.json(await previewBroadcast(deps, input.query));
      },
    }),
    route({
      method: 'get',
      path: '/broadcasts/:id',
      tag: 'broadcasts',
      summary: 'A broadcast and its progress (queued, pending, sent, failed, skipped by reason, cancelled)',
      roles: STAFF,
      params: idParams,
      responses: { 200: { description: 'the broadcast and its progress', schema: broadcastBody.extend({ progress: z.record(z.string(), z.unknown()) }) } },
      handler: async (input, res) => {
        res.json(await getBroadcast(deps, input.params.id));
      },
    }),
    route({
      method: 'post',
      path: '/broadcasts/:id/cancel',
      tag: 'broadcasts',
      summary: 'Stop what is not sent yet (409 when it is done)',
      roles: STAFF,
      params: idParams,
      responses: { 200: { description: 'cancelled', schema: broadcastBody.extend({ alreadyCancelled: z.boolean(), removedJobs: z.number().int() }) } },
      handler: async (input, res) => {
        res.json(await cancelBroadcast(deps, input.params.id, tokenOf(input).id));
      },
    }),
  ];
}

/** A GET query as a segment, for segmentInputSchema to validate (so its errors read the same as a body's). */
function segmentFromQuery(query: express.Request['query']): Record<string, unknown> {
  const segment: Record<string, unknown> = { ...query };
  for (const key of LIST_PARAMS) {
    const value = query[key];
    if (value === undefined) continue;
    const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    segment[key] = items.flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  }
  const ktp = query.ktpBekasiOnly;
  if (ktp !== undefined) segment.ktpBekasiOnly = ktp === 'true' || ktp === '1' ? true : ktp === 'false' || ktp === '0' ? false : ktp;
  return segment;
}
