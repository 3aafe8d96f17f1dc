import { Router } from 'express';
import type { SkillVocabulary } from '../admin/statistics.js';
import type { SegmentVocabulary } from '../alerts/broadcast-segment.js';
import { OccupationCoder } from '../admin/occupation-code.js';
import { createDefaultMatcher, loadOccupationCodes } from '../matching/index.js';
import type { PostingWarningPolicy } from '../config/index.js';
import type { Queues } from '../runtime/queues.js';
import type { RedisClient } from '../runtime/redis-client.js';
import type { Store } from '../store/index.js';
import { applicationRoutes } from './admin-applications-routes.js';
import { authenticateAdmin } from './admin-auth.js';
import { companyRoutes } from './admin-companies-routes.js';
import { broadcastRoutes } from './admin-broadcasts-routes.js';
import { exportRoutes } from './admin-exports-routes.js';
import { openApiDocument, type ExternalRouteDoc } from './admin-openapi.js';
import { adminLimiters, DEFAULT_ADMIN_LIMITS, type AdminLimiters, type AdminLimits } from './admin-rate-limits.js';
import { mountRoutes, route, type AdminRoute } from './admin-route.js';
import { reportRoutes } from './admin-reports-routes.js';
import { statisticsRoutes } from './admin-statistics-routes.js';
import { tokenRoutes } from './admin-tokens-routes.js';
import { trainingRoutes } from './admin-training-routes.js';
import { dashboardAuth, type DashboardAuthOptions } from './queue-dashboard-auth.js';
import { vacancyRoutes } from './admin-vacancies-routes.js';

export interface AdminApiOptions {
  readonly store: Store;
  /** The send queues (broadcast cancels take waiting jobs out). */
  readonly queues: Queues;
  /** Counts the rate limits, shared by every web process. */
  readonly redis: RedisClient;
  /** Skill and kecamatan vocabulary and the skills dictionary. Default: a matcher on the reference data; pass the service's Matcher to share it. */
  readonly vocabulary?: SegmentVocabulary & SkillVocabulary;
  /** KBJI codes of vacancies (the WLPP export). Default: reference/kbji.json over `vocabulary`. */
  readonly occupations?: OccupationCoder;
  /** Local placements aimed for in a year (`PLACEMENT_TARGET`). Default: 3,000. */
  readonly placementTarget?: number;
  /** Default: {@link DEFAULT_ADMIN_LIMITS}. */
  readonly limits?: AdminLimits;
  /** Limiters made elsewhere (the service shares them with the dashboards' logins). Default: made from `limits`. */
  readonly limiters?: AdminLimiters;
  /** Whether discriminating wording needs a reason to be published (`POSTING_WARNINGS`). Default: `reason`. */
  readonly postingPolicy?: PostingWarningPolicy;
  /** Kabupaten Bekasi's UMK (`UMK_RUPIAH`): the fee and scam detector's yardstick for pay. Default: the 2026 UMK. */
  readonly umkRupiah?: number;
  /** The API's version in the OpenAPI document. Default: `1`. */
  readonly version?: string;
  /** Largest import upload read. Default: 200 MB. */
  readonly importMaxBytes?: number;
  /** The dashboard's login session: with it, the API takes the session cookie as well as a bearer token. Default: bearer only. */
  readonly session?: DashboardAuthOptions;
  /** Prefix of the rate-limit counters in Redis. Default: `lokerbot:rl:admin:`. */
  readonly rateLimitPrefix?: string;
}

export interface AdminApi {
  /** Mount at {@link ADMIN_API_PATH}. */
  readonly router: Router;
  /** Every route the router serves (the OpenAPI document lists exactly these, and {@link WHATSAPP_ROUTE_DOCS}). */
  readonly routes: readonly AdminRoute[];
  /** The limiters it counts with; the dashboards' logins use its `login`. */
  readonly limiters: AdminLimiters;
}

export const ADMIN_API_PATH = '/api/admin';

/** The WhatsApp channel serves these itself (whatsapp-qr-route.ts), only where it runs; documented with the rest. */
export const WHATSAPP_ROUTE_DOCS: readonly ExternalRouteDoc[] = [
  {
    method: 'get',
    path: '/whatsapp/status',
    tag: 'whatsapp',
    summary: "The WhatsApp connection's state and whether a QR code waits to be scanned",
    roles: ['admin'],
    availability: 'with WHATSAPP_ENABLED=1',
    responses: { 200: { description: '`{ state, qrWaiting }`' } },
  },
  {
    method: 'get',
    path: '/whatsapp/qr',
    tag: 'whatsapp',
    summary: 'The QR code to pair the bot\'s number, as SVG (404 `loker:whatsapp-no-qr` when none waits)',
    roles: ['admin'],
    availability: 'with WHATSAPP_ENABLED=1',
    responses: { 200: { description: 'the QR code', contentType: 'image/svg+xml' } },
  },
];

/**
 * The admin API: every request is counted per client address first (before its token is looked
 * at), then each route checks its token, counts it per token, checks the role and validates the
 * request (admin-route.ts). `GET /openapi.json` documents every route from the same definitions.
 */
export function adminApi(options: AdminApiOptions): AdminApi {
  const { store } = options;
  const limiters = options.limiters ?? adminLimiters({ redis: options.redis, limits: options.limits ?? DEFAULT_ADMIN_LIMITS, ...(options.rateLimitPrefix ? { prefix: options.rateLimitPrefix } : {}) });
  const vocabulary = options.vocabulary ?? createDefaultMatcher();
  // Resolving a report may close its vacancy, the same way the vacancy routes do.
  const vacancyDeps = { store, vocabulary, policy: options.postingPolicy ?? 'reason', ...(options.umkRupiah ? { umkRupiah: options.umkRupiah } : {}) };
  const served: AdminRoute[] = [
    ...tokenRoutes(store),
    ...vacancyRoutes({ ...vacancyDeps, ...(options.importMaxBytes ? { importMaxBytes: options.importMaxBytes } : {}) }),
    ...reportRoutes(vacancyDeps),
    ...companyRoutes(store),
    ...applicationRoutes(store),
    ...statisticsRoutes({ store, vocabulary, placementTarget: options.placementTarget ?? 3000 }),
    ...broadcastRoutes({ ...options, vocabulary }),
    ...exportRoutes({ store, occupations: options.occupations ?? new OccupationCoder(vocabulary, loadOccupationCodes(vocabulary.tokenizer.dictionary)) }),
    ...trainingRoutes({ store, vocabulary }),
  ];
  let document: object | undefined;
  const routes: AdminRoute[] = [
    route({
      method: 'get',
      path: '/openapi.json',
      tag: 'meta',
      summary: 'This document',
      roles: 'public',
      responses: { 200: { description: 'the OpenAPI 3.0 document of the admin API' } },
      handler: (_input, res) => {
        // Built on first use: the routes do not change while the process runs.
        document ??= openApiDocument(routes, { basePath: ADMIN_API_PATH, version: options.version ?? '1', external: WHATSAPP_ROUTE_DOCS });
        res.json(document);
      },
    }),
    ...served,
  ];
  const router = Router();
  router.use(limiters.perIp);
  const authenticate = options.session ? dashboardAuth(options.session) : authenticateAdmin(store);
  router.use(mountRoutes(routes, { authenticate, afterAuth: [limiters.perToken] }));
  return { router, routes, limiters };
}
