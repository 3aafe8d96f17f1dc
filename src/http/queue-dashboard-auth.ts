import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { hashToken } from '../admin/token-hash.js';
import type { AdminToken } from '../domain/index.js';
import { ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { requireAdmin, setAdminToken } from './admin-auth.js';
import type { AdminSessionSigner } from './admin-session.js';
import { readCookie, sessionSetCookie, type SessionCookie } from './session-cookie.js';

export interface DashboardAuthOptions {
  readonly store: Store;
  readonly signer: AdminSessionSigner;
  /** Where the dashboard is mounted, e.g. `/admin/queues`: the cookie's Path and the login form's target. */
  readonly basePath: string;
  /** The session cookie's name. */
  readonly cookieName: string;
  /** The cookie's Path. Default: `basePath` (sent to the dashboard only). */
  readonly cookiePath?: string;
  /** The login page, given why the last try failed. Default: the queue dashboard's (English, admin tokens). */
  readonly loginPage?: (problem?: LoginProblem) => string;
  /** How long a login lasts (no sliding renewal). */
  readonly sessionTtlSeconds: number;
  /** Roles that may log in. */
  readonly roles: readonly AdminToken['role'][];
  /** The audit action of a login: `<auditName>.login`. Default: `queue-dashboard`. */
  readonly auditName?: string;
  /**
   * Counts login posts (per client address, in Redis): given the handler that answers a refused
   * one, it returns the limiter. Default: none.
   */
  readonly loginLimiter?: (onLimited: RequestHandler) => RequestHandler;
}

/** Why a login page is shown again. */
export type LoginProblem = 'refused' | 'limited';

const loginFormSchema = z.object({ token: z.string().trim().min(16).max(512) });

/**
 * `GET /login` (a form), `POST /login` (`token=…`, form-encoded) and `GET|POST /logout`.
 *
 * Why a form and a cookie: a page is loaded by navigation, which cannot send `Authorization`. A
 * token in the URL (`?token=`) would stay in the browser's history, proxy logs and Referer headers;
 * Basic auth would send the long-lived token with every request and can never be logged out of.
 * So the token is posted once and exchanged for a signed session cookie that names the token by id
 * and ends after `sessionTtlSeconds`: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's request carries it: no CSRF), Path=basePath (sent nowhere else), Secure over https.
 */
export function dashboardLoginRouter(options: DashboardAuthOptions): Router {
  const router = Router();
  const { store, signer, basePath } = options;
  const page = options.loginPage ?? ((problem?: LoginProblem) => queueLoginPage(basePath, problem));
  const send = (res: Response, status: number, problem?: LoginProblem) => res.status(status).set('Cache-Control', 'no-store').type('html').send(page(problem));
  router.get('/login', (_req, res) => {
    send(res, 200);
  });
  const limited: RequestHandler = (_req, res) => send(res, 429, 'limited');
  const limit = options.loginLimiter ? [options.loginLimiter(limited)] : [];
  router.post('/login', ...limit, requireSameOrigin, requireForm, express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const form = loginFormSchema.safeParse(req.body);
    const token = form.success ? await store.adminTokens.findByHash(hashToken(form.data.token)) : undefined;
    if (!token || token.revokedAt || !options.roles.includes(token.role)) {
      // One answer for every refusal: a guesser learns nothing about which tokens exist.
      send(res, 401, 'refused');
      return;
    }
    res.append('Set-Cookie', sessionSetCookie(req, dashboardCookie(options), signer.issue(token.id, options.sessionTtlSeconds), options.sessionTtlSeconds));
    await store.audit.record({ actor: token.id, action: `${options.auditName ?? 'queue-dashboard'}.login`, target: { type: 'admin-token', id: token.id } });
    res.redirect(303, `${basePath}/`);
  });
  // GET too, so the dashboard's header can link to it; logging someone out is all it can do.
  router.all('/logout', requireSameOrigin, (req, res) => {
    res.append('Set-Cookie', sessionSetCookie(req, dashboardCookie(options), '', 0));
    res.redirect(303, `${basePath}/login`);
  });
  return router;
}

/**
 * Lets a request through with an admin token: `Authorization: Bearer <token>` (scripts, curl) or
 * the session cookie of a login (the browser). The cookie's token is looked up on every request,
 * so a revoked token or a changed role locks its sessions out at once. Without a credential a page
 * navigation is sent to the login form and anything else gets 401; a request that changes
 * something on the strength of the cookie must come from this origin (403 otherwise).
 */
export function dashboardAuth(options: DashboardAuthOptions): RequestHandler {
  const bearer = requireAdmin(options.store, options.roles);
  return (req, res, next) => {
    if (req.get('authorization') !== undefined) return bearer(req, res, next);
    const value = readCookie(req, options.cookieName);
    const session = value === undefined ? undefined : options.signer.verify(value);
    if (!session) {
      if (isPageNavigation(req)) return res.redirect(303, `${options.basePath}/login`);
      return next(new UnauthorizedError('log in at the login page, or send Authorization: Bearer <admin token>'));
    }
    options.store.adminTokens.get(session.tokenId).then(
      (token) => {
        if (!token || token.revokedAt) return next(new UnauthorizedError('this session\'s token was revoked; log in again'));
        if (!options.roles.includes(token.role)) return next(new ForbiddenError());
        if (!isSafeMethod(req) && !isSameOrigin(req)) return next(new ForbiddenError('changes through the dashboard must come from the dashboard itself'));
        setAdminToken(req, token);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

export function isSafeMethod(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
}

/**
 * Whether the browser says the request comes from this origin. Fetch metadata first (every current
 * browser sends it), then Origin; with neither it is not a browser's cross-site request (curl, or a
 * browser old enough that SameSite=Strict is the guard).
 */
function isSameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || (site === 'none' && isSafeMethod(req));
  const origin = req.get('origin');
  return origin === undefined || origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

const requireSameOrigin: RequestHandler = (req, _res, next) => {
  next(isSameOrigin(req) ? undefined : new ForbiddenError('log in from the dashboard\'s own login page'));
};

const requireForm: RequestHandler = (req, _res, next) => {
  next(req.is('application/x-www-form-urlencoded') ? undefined : new UnsupportedMediaTypeError('application/x-www-form-urlencoded'));
};

function isPageNavigation(req: Request): boolean {
  return req.method === 'GET' && !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
}

function dashboardCookie(options: DashboardAuthOptions): SessionCookie {
  return { name: options.cookieName, path: options.cookiePath ?? options.basePath, sameSite: 'strict' };
}

const QUEUE_LOGIN_PROBLEMS: Readonly<Record<LoginProblem, string>> = {
  refused: 'That token was not accepted. An admin token is needed.',
  limited: 'Too many login attempts from this address. Wait a few minutes and try again.',
};

/** The queue dashboard's login form: plain HTML, no script and no inline style, so it works under the strict CSP too. */
function queueLoginPage(basePath: string, problem?: LoginProblem): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>LokerBot queues: log in</title></head>
<body>
<h1>LokerBot queues</h1>
${problem ? `<p role="alert">${QUEUE_LOGIN_PROBLEMS[problem]}</p>\n` : ''}<form method="post" action="${basePath}/login">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required minlength="16" maxlength="512">
<button type="submit">Log in</button>
</form>
</body>
</html>
`;
}
