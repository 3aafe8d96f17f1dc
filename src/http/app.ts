import express, { type Express, type Router } from 'express';
import type { Logger } from '../runtime/logger.js';
import { errorMiddleware } from './error-middleware.js';
import { runReadiness, type ReadinessCheck } from './readiness.js';

export interface AppOptions {
  readonly logger: Logger;
  /** What `/readyz` checks. */
  readonly readiness: readonly ReadinessCheck[];
  /** Routers mounted under their path, e.g. `['/api/chat', chatRouter]`. Default: none. */
  readonly routes?: readonly (readonly [string, Router])[];
  /** Largest JSON body accepted. Default: `64kb`. */
  readonly bodyLimit?: string;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Responses are small JSON that no client revalidates; hashing each for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: options.bodyLimit ?? '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await runReadiness(options.readiness);
    res.status(report.ready ? 200 : 503).json(report);
  });
  for (const [path, router] of options.routes ?? []) app.use(path, router);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'loker:route-not-found', message: 'no such route' } });
  });
  app.use(errorMiddleware(options.logger));
  return app;
}
