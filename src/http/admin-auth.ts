import type { Request, RequestHandler } from 'express';
import { hashToken } from '../admin/token-hash.js';
import type { AdminToken } from '../domain/index.js';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';
import type { Store } from '../store/index.js';

const ADMIN_TOKEN = Symbol('lokerbot.adminToken');

/**
 * Accepts `Authorization: Bearer <token>` when the token's hash is stored and not revoked, and its
 * role is one of `roles`. The token record is available to later handlers through `adminTokenOf`.
 */
export function requireAdmin(store: Store, roles: readonly AdminToken['role'][] = ['admin', 'operator']): RequestHandler {
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
        if (!roles.includes(token.role)) return next(new ForbiddenError());
        (req as Request & { [ADMIN_TOKEN]?: AdminToken })[ADMIN_TOKEN] = token;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

export function adminTokenOf(req: Request): AdminToken | undefined {
  return (req as Request & { [ADMIN_TOKEN]?: AdminToken })[ADMIN_TOKEN];
}
