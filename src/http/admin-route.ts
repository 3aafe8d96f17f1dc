import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { parse, type AdminToken } from '../domain/index.js';
import { ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors/index.js';
import { adminTokenOf } from './admin-auth.js';

export type AdminRole = AdminToken['role'];
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a documented response carries. */
export interface ResponseSpec {
  readonly description: string;
  /** The JSON body's schema (its output side is documented). Default: none documented. */
  readonly schema?: z.ZodType;
  /** Default: `application/json`. */
  readonly contentType?: string;
}

/** The documented response of a paged list: `items` of one schema and the cursor of the next page. */
export function pageResponse(item: z.ZodType, description = 'a page'): ResponseSpec {
  return { description, schema: z.object({ items: z.array(item), nextCursor: z.string().nullable() }) };
}

/** A request body that is not JSON, read by the handler itself as a stream (an upload). */
export interface UploadSpec {
  readonly contentTypes: readonly string[];
  readonly description: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the token (when the route has roles) and the validated parts of the request. */
export interface RouteInput<P, Q, B> {
  readonly req: Request;
  /** The admin token the request came with; undefined only on a public route. */
  readonly token: AdminToken | undefined;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

/**
 * One admin API route: what it is (for the OpenAPI document), who may call it, and the zod schemas
 * its path parameters, query and JSON body are validated with before the handler runs. The same
 * definition mounts the route and documents it, so the two cannot drift apart.
 */
export interface RouteSpec<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined> {
  readonly method: HttpMethod;
  /** Express path under the admin API's root, e.g. `/vacancies/:id`. */
  readonly path: string;
  readonly summary: string;
  /** Groups routes in the document (`tokens`, `vacancies`…). */
  readonly tag: string;
  /** Roles that may call it, or `public` (no token: the OpenAPI document itself). */
  readonly roles: readonly AdminRole[] | 'public';
  readonly params?: P;
  readonly query?: Q;
  /** A JSON body (`application/json` only; anything else is 415 before a byte is read). */
  readonly body?: B;
  readonly upload?: UploadSpec;
  /** Success responses by status; the error responses are added for every route. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handler(input: RouteInput<Out<P>, Out<Q>, Out<B>>, res: Response): Promise<void> | void;
}

/** A route whose schema types are no longer needed (a list of routes of different shapes). */
export type AdminRoute = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Keeps the handler's types tied to the route's schemas, then lets it join a list. */
export function route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(spec: RouteSpec<P, Q, B>): AdminRoute {
  return spec;
}

export interface MountOptions {
  /** Identifies the token of a request (401 without a working one); runs before `afterAuth` and the role check. */
  readonly authenticate: RequestHandler;
  /** Runs once the token is known and before the role check, e.g. the per-token rate limit. Default: none. */
  readonly afterAuth?: readonly RequestHandler[];
  /** Largest JSON body read. Default: `256kb`. */
  readonly jsonLimit?: string;
}

/**
 * Mounts every route on one router, each as: token (401) → `afterAuth` → role (403) → content type
 * (415) → body read → params, query and body validated (400, in the one error shape) → handler.
 * Admin answers are for their token only: every one is marked `no-store`.
 */
export function mountRoutes(routes: readonly AdminRoute[], options: MountOptions): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const json = [requireJson, express.json({ limit: options.jsonLimit ?? '256kb' })];
  for (const spec of routes) {
    const guards = spec.roles === 'public' ? [] : [options.authenticate, ...(options.afterAuth ?? []), requireRole(spec.roles)];
    const body = spec.body ? json : [];
    router[spec.method](spec.path, ...guards, ...body, async (req, res) => {
      const input = {
        req,
        token: adminTokenOf(req),
        params: spec.params ? parse(spec.params, req.params, 'path') : undefined,
        query: spec.query ? parse(spec.query, req.query, 'query') : undefined,
        body: spec.body ? parse(spec.body, req.body, 'request body') : undefined,
      };
      await spec.handler(input, res);
    });
  }
  return router;
}

/** The token of a request that passed a route's guards. */
export function tokenOf(input: { readonly token: AdminToken | undefined }): AdminToken {
  if (!input.token) throw new UnauthorizedError();
  return input.token;
}

function requireRole(roles: readonly AdminRole[]): RequestHandler {
  return (req, _res, next) => {
    const token = adminTokenOf(req);
    if (!token) return next(new UnauthorizedError());
    next(roles.includes(token.role) ? undefined : new ForbiddenError(`this needs a token with the role ${roles.join(' or ')}; this one is ${token.role}`));
  };
}

/** Only JSON is read: a form post (another site's CSRF attempt, or a mistake) is told what to send. */
const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : new UnsupportedMediaTypeError('application/json'));
};
