import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type Express, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { DIGEST_QUEUE, FANOUT_QUEUE, PROFILE_REFRESH_QUEUE, SEND_QUEUES } from '../alerts/send-job.js';
import type { AdminToken } from '../domain/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { AdminSessionSigner } from './admin-session.js';
import { adminTokenOf } from './admin-auth.js';
import { dashboardAuth, dashboardLoginRouter, isSafeMethod, type DashboardAuthOptions } from './queue-dashboard-auth.js';

export interface QueueDashboardOptions {
  readonly store: Store;
  readonly queues: Queues;
  readonly logger: Logger;
  /** Signs the login cookie: at least 32 random bytes shared by every web process, e.g. `await store.secrets.getOrCreate('queue-dashboard-session')`. */
  readonly sessionKey: Buffer;
  /** Where the router is mounted; the page's links and the cookie's Path depend on it. Default: `/admin/queues`. */
  readonly basePath?: string;
  /** Queues shown. Default: the three send queues, `fanout` and `digest`. */
  readonly queueNames?: readonly string[];
  /** How long a login lasts, in seconds. Default: 3 600 (an hour; then the form again). */
  readonly sessionTtlSeconds?: number;
  /** Roles that may use the dashboard. Default: `['admin']` (it can retry, remove and empty queues). */
  readonly roles?: readonly AdminToken['role'][];
  /** Show the queues without retry, remove, pause or empty buttons. Default: false. */
  readonly readOnly?: boolean;
  /** Counts login attempts per client address (see DashboardAuthOptions). Default: none. */
  readonly loginLimiter?: DashboardAuthOptions['loginLimiter'];
}

export const DEFAULT_QUEUE_DASHBOARD = Object.freeze({
  basePath: '/admin/queues',
  queueNames: Object.freeze([...Object.values(SEND_QUEUES), FANOUT_QUEUE, DIGEST_QUEUE, PROFILE_REFRESH_QUEUE]),
  sessionTtlSeconds: 3600,
  roles: Object.freeze(['admin'] as const),
  readOnly: false,
});

/** The session cookie of the queue dashboard (Path=basePath, so no other page receives it). */
export const QUEUE_DASHBOARD_COOKIE = 'lokerbot_queues';

/**
 * The helmet CSP of every other page forbids inline styles; Bull Board's page has inline `style`
 * attributes and a `<style>` block in its loading screen, and its React bundles insert `<style>`
 * elements, so styles (only styles) may be inline here. Scripts stay `'self'` (its JSON config is
 * a non-executed `type="application/json"` block). `base-uri 'self'`, not `'none'`: the page
 * resolves its assets against `<base href="/admin/queues/">`. Its Google Fonts link stays blocked
 * (the office network may be offline): the page falls back to the system font.
 */
const dashboardCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
});

/**
 * Bull Board at `basePath` (mount the router there), behind an admin login: the form at
 * `basePath/login` exchanges an admin token for a short-lived session cookie (see
 * queue-dashboard-auth.ts for why), and `Authorization: Bearer` works for scripts. Everything the
 * dashboard changes (retry, remove, pause, empty…) is written to the audit log with the token's id.
 * Jobs hold store ids only, so the dashboard shows no personal data.
 */
export function queueDashboardRouter(options: QueueDashboardOptions): Router {
  const basePath = (options.basePath ?? DEFAULT_QUEUE_DASHBOARD.basePath).replace(/\/$/, '');
  const auth: DashboardAuthOptions = {
    store: options.store,
    signer: new AdminSessionSigner(options.sessionKey, 'queue-dashboard'),
    basePath,
    cookieName: QUEUE_DASHBOARD_COOKIE,
    sessionTtlSeconds: options.sessionTtlSeconds ?? DEFAULT_QUEUE_DASHBOARD.sessionTtlSeconds,
    roles: options.roles ?? DEFAULT_QUEUE_DASHBOARD.roles,
    ...(options.loginLimiter ? { loginLimiter: options.loginLimiter } : {}),
  };
  const board = createBoard(options, basePath);
  const router = Router();
  router.use(dashboardCsp);
  router.use(dashboardLoginRouter(auth));
  router.use(dashboardAuth(auth));
  router.use((req, res, next) => {
    // Queue contents change by the second and belong to whoever logged in.
    res.set('Cache-Control', 'no-store');
    if (!isSafeMethod(req)) auditAfterSuccess(req, res, options);
    next();
  });
  router.use(mounted(board));
  return router;
}

function createBoard(options: QueueDashboardOptions, basePath: string): Express {
  const adapter = new ExpressAdapter().setBasePath(basePath);
  const readOnly = options.readOnly ?? DEFAULT_QUEUE_DASHBOARD.readOnly;
  createBullBoard({
    queues: (options.queueNames ?? DEFAULT_QUEUE_DASHBOARD.queueNames).map((name) => new BullMQAdapter(options.queues.queue(name), { readOnlyMode: readOnly })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'LokerBot queues', hideDocsLink: true, miscLinks: [{ text: 'Log out', url: `${basePath}/logout` }] } },
  });
  const app = adapter.getRouter() as Express;
  // Bull Board's own express app: called from a router, it never inherits the main app's settings.
  app.disable('x-powered-by');
  app.set('etag', false);
  return app;
}

/**
 * Calls a sub-app as a mounted app would be called: express points the request and response at
 * the sub-app's prototypes while it runs, and they are pointed back when it passes the request on
 * (to the main app's 404 and error middleware).
 */
function mounted(app: Express): RequestHandler {
  return (req, res, next) => {
    const reqProto: unknown = Object.getPrototypeOf(req);
    const resProto: unknown = Object.getPrototypeOf(res);
    app(req, res, (error?: unknown) => {
      Object.setPrototypeOf(req, reqProto as object);
      Object.setPrototypeOf(res, resProto as object);
      next(error);
    });
  };
}

/** `/api/queues/<name>/…` → the queue a dashboard action is about. */
const QUEUE_IN_PATH = /^\/api\/queues\/([^/]+)/;

/** Writes the audit line once the dashboard has answered a change with success. */
function auditAfterSuccess(req: Request, res: Parameters<RequestHandler>[1], options: QueueDashboardOptions): void {
  const token = adminTokenOf(req);
  if (!token) return;
  const queue = QUEUE_IN_PATH.exec(req.path)?.[1];
  const action = `queue-dashboard.${req.method.toLowerCase()}`;
  // The path holds queue names and job ids (store ids only), never personal data.
  const details = { path: req.path.slice(0, 200) };
  res.on('finish', () => {
    if (res.statusCode >= 400) return;
    options.store.audit
      .record({ actor: token.id, action, target: { type: 'queue', id: safeDecode(queue ?? 'all').slice(0, 64) }, details })
      .catch((error: unknown) => options.logger.error({ err: error, action }, 'audit write failed'));
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
