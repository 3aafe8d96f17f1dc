import type { Request, RequestHandler } from 'express';
import { hashToken } from '../admin/token-hash.js';
import type { AdminToken } from '../domain/index.js';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';
import type { Store } from '../store/index.js';

const ADMIN_TOKEN = Symbol('lokerbot.adminToken');

/**
 * Accepts `Authorization: Bearer <token>` when the token's hash is stored and not revoked, whatever
 * its role (401 otherwise). The token record is available to later handlers through `adminTokenOf`.
 * The stored hash is looked up by equality in an index: the token is never compared byte by byte.
 */
export function authenticateAdmin(store: Store): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S{16,512})$/i.exec(header);
    if (!match?.[1]) {
      next(new UnauthorizedError());
      return;
    }
    store.adminTokens.findByHash(hashToken(match[1])).then(
      (token) => {
        if (!token || token.revokedAt) return next(new UnauthorizedError());
        setAdminToken(req, token);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** {@link authenticateAdmin}, then 403 unless the token's role is one of `roles`. */
export function requireAdmin(store: Store, roles: readonly AdminToken['role'][] = ['admin', 'operator']): RequestHandler {
  const authenticate = authenticateAdmin(store);
  return (req, res, next) => {
    authenticate(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      next(roles.includes(adminTokenOf(req)?.role ?? ('' as AdminToken['role'])) ? undefined : new ForbiddenError());
    });
  };
}

/** Marks the request as made with `token` (by a bearer header or a verified session cookie). */
export function setAdminToken(req: Request, token: AdminToken): void {
  (req as Request & { [ADMIN_TOKEN]?: AdminToken })[ADMIN_TOKEN] = token;
}

export function adminTokenOf(req: Request): AdminToken | undefined {
  return (req as Request & { [ADMIN_TOKEN]?: AdminToken })[ADMIN_TOKEN];
}
