import type { ErrorRequestHandler } from 'express';
import {
  ConflictError,
  DuplicateError,
  ForbiddenError,
  InvalidStateError,
  LokerError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  SessionInvalidError,
  SessionMismatchError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors/index.js';
import type { Logger } from '../runtime/logger.js';

function statusFor(error: unknown): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError || error instanceof SessionInvalidError) return 401;
  if (error instanceof ForbiddenError || error instanceof SessionMismatchError) return 403;
  if (error instanceof NotFoundError) return 404;
  // A clash with what is stored: a duplicate, a record that changed under us, a state that forbids it.
  if (error instanceof DuplicateError || error instanceof ConflictError || error instanceof InvalidStateError) return 409;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof ServiceUnavailableError) return 503;
  const status = (error as { status?: unknown }).status;
  // Errors raised by express's body parser (bad JSON, too large) carry a 4xx status.
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

/**
 * The one place errors become HTTP responses, all in one shape: `{ error: { code, message, details? } }`.
 * A validation error's `details` is `{ issues: ["field: what is wrong", …] }`.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = statusFor(error);
    if (error instanceof ServiceUnavailableError) {
      // Expected while Redis or the store is away: a warning, and the client is told when to retry.
      logger.warn({ err: error, method: req.method, path: req.path }, 'request refused: dependency unavailable');
      res.set('Retry-After', String(error.retryAfterSeconds));
      res.status(503).json({ error: { code: error.code, message: error.message } });
      return;
    }
    // express-rate-limit has already set Retry-After from its window; only fill it in when it has not.
    if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined && !res.get('Retry-After')) res.set('Retry-After', String(error.retryAfterSeconds));
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    const body =
      error instanceof LokerError && status < 500
        ? { code: error.code, message: error.message, ...(error instanceof ValidationError ? { details: { issues: error.issues } } : {}) }
        : status < 500
          ? { code: 'loker:bad-request', message: (error as Error).message }
          : { code: 'loker:internal', message: 'internal error' };
    res.status(status).json({ error: body });
  };
}
