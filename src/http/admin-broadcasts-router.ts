import express, { Router, type RequestHandler } from 'express';
import { cancelBroadcast, createBroadcast, getBroadcast, listBroadcasts, previewBroadcast } from '../admin/broadcasts.js';
import type { SegmentVocabulary } from '../alerts/broadcast-segment.js';
import { UnauthorizedError, UnsupportedMediaTypeError } from '../errors/index.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { adminTokenOf, requireAdmin } from './admin-auth.js';

export interface AdminBroadcastsRouterOptions {
  readonly store: Store;
  /** The send queues (a cancel takes the broadcast's waiting jobs out). */
  readonly queues: Queues;
  /** Skill and kecamatan vocabulary for segments. Default: the reference data; pass the service's Matcher to share it. */
  readonly vocabulary?: SegmentVocabulary;
  /** Who may use these routes. Default: `requireAdmin(store, ['admin', 'operator'])`. */
  readonly auth?: RequestHandler;
  /** Largest JSON body read. Default: `64kb` (a broadcast is at most a few kB of text). */
  readonly bodyLimit?: string;
}

/** Lists in a GET query: repeated (`skills=las&skills=forklift`) or comma-separated (`channels=telegram,web`). */
const LIST_PARAMS = ['channels', 'kecamatan', 'skills'] as const;

/**
 * The admin API's broadcasts, to be mounted at `/api/admin/broadcasts`:
 *
 * - `GET /` → `{ items, nextCursor }`, newest first (`?limit=20&cursor=…&status=…`)
 * - `POST /` (JSON: kind, title, body {id, en?}, segment, scheduledAt?) → 201 `{ broadcast }`
 * - `POST /preview` (JSON: a segment) or `GET /preview?channels=…&kecamatan=…&skills=…&minEducation=…&ktpBekasiOnly=true` → recipient counts
 * - `GET /:id` → `{ broadcast, progress }`
 * - `POST /:id/cancel` → `{ broadcast, alreadyCancelled, removedJobs }` (409 when it is done)
 *
 * Each request goes: token (401, 403 for a company token) → content type (415 for a body that is
 * not JSON) → body (read here: there is no app-wide parser) → validation (400). Errors take the one
 * shape `{ error: { code, message, details? } }` (error-middleware.ts). Writes are audited with the
 * admin token's id as the actor.
 */
export function adminBroadcastsRouter(options: AdminBroadcastsRouterOptions): Router {
  const router = Router();
  const { store, queues } = options;
  const deps = { store, queues, ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}) };
  const json = [requireJson, express.json({ limit: options.bodyLimit ?? '64kb' })];
  router.use(options.auth ?? requireAdmin(store, ['admin', 'operator']));
  // Admin answers are for this token only: never kept by a cache on the way.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/', async (req, res) => {
    res.json(await listBroadcasts(deps, req.query));
  });
  router.post('/', ...json, async (req, res) => {
    const broadcast = await createBroadcast(deps, req.body, actorOf(req));
    res.status(201).location(`${req.baseUrl}/${broadcast.id}`).json({ broadcast });
  });
  router.post('/preview', ...json, async (req, res) => {
    res.json(await previewBroadcast(deps, req.body));
  });
  router.get('/preview', async (req, res) => {
    res.json(await previewBroadcast(deps, segmentFromQuery(req.query)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getBroadcast(deps, req.params.id));
  });
  router.post('/:id/cancel', async (req, res) => {
    res.json(await cancelBroadcast(deps, req.params.id, actorOf(req)));
  });
  return router;
}

/** The admin token's id: the audit log's actor. The auth middleware ran, so there is one. */
function actorOf(req: express.Request): string {
  const token = adminTokenOf(req);
  if (!token) throw new UnauthorizedError();
  return token.id;
}

/** Only JSON is read: a form post (another site's CSRF attempt, or a mistake) is told what to send. */
const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : new UnsupportedMediaTypeError('application/json'));
};

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
