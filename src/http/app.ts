import express, { type Express, type Router } from 'express';
import type { Logger } from '../runtime/logger.js';
import { errorMiddleware } from './error-middleware.js';
import { runReadiness, type ReadinessCheck } from './readiness.js';
import { securityHeaders, type SecurityHeaderOptions } from './security-headers.js';

export interface AppOptions {
  readonly logger: Logger;
  /** What `/readyz` checks. */
  readonly readiness: readonly ReadinessCheck[];
  /**
   * Routers mounted under their path, e.g. `['/api/chat', chatRouter]`. Each reads its own body
   * (type and size limit) where it needs one: there is no app-wide body parser, so a route that
   * checks a secret or a content type does it before any byte of the body is read. Default: none.
   */
  readonly routes?: readonly (readonly [string, Router])[];
  /** Who may frame which pages (`frame-ancestors`). Default: this site only, everywhere. */
  readonly frameAncestors?: SecurityHeaderOptions['frameAncestors'];
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Responses are small JSON that no client revalidates; hashing each for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(options.frameAncestors ? { frameAncestors: options.frameAncestors } : {}));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await runReadiness(options.readiness);
    res.status(report.ready ? 200 : 503).json(report);
  });
  for (const [path, router] of options.routes ?? []) app.use(path, router);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'loker:route-not-found', message: 'no such route', details: {} } });
  });
  app.use(errorMiddleware(options.logger));
  return app;
}
