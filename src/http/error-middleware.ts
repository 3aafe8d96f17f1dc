import type { ErrorRequestHandler } from 'express';
import {
  ConflictError,
  DuplicateError,
  ForbiddenError,
  InvalidStateError,
  LokerError,
  NotFoundError,
  PayloadTooLargeError,
  PostingNeedsReasonError,
  RateLimitedError,
  ServiceUnavailableError,
  SessionInvalidError,
  SessionMismatchError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  VacancyUnderReviewError,
} from '../errors/index.js';
import type { Logger } from '../runtime/logger.js';

function statusFor(error: unknown): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError || error instanceof SessionInvalidError) return 401;
  if (error instanceof ForbiddenError || error instanceof SessionMismatchError) return 403;
  if (error instanceof NotFoundError) return 404;
  // A clash with what is stored: a duplicate, a record that changed under us, a state that forbids it.
  if (error instanceof DuplicateError || error instanceof ConflictError || error instanceof InvalidStateError || error instanceof VacancyUnderReviewError) return 409;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof PostingNeedsReasonError) return 422;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof ServiceUnavailableError) return 503;
  const status = (error as { status?: unknown }).status;
  // Errors raised by express's body parser (bad JSON, too large) carry a 4xx status.
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

/**
 * The one place errors become HTTP responses, all in one shape: `{ error: { code, message, details } }`.
 * `details` is always an object: a validation error's is `{ issues: ["field: what is wrong", …] }`,
 * another 4xx LokerError's its context (ids and states only, never personal data, e.g.
 * `{ entity, id }` of a record not found), `{}` otherwise.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // Failed half way through a streamed answer (an export): the client sees the connection cut.
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed after its answer began');
      res.destroy();
      return;
    }
    const status = statusFor(error);
    if (error instanceof ServiceUnavailableError) {
      // Expected while Redis or the store is away: a warning, and the client is told when to retry.
      logger.warn({ err: error, method: req.method, path: req.path }, 'request refused: dependency unavailable');
      res.set('Retry-After', String(error.retryAfterSeconds));
      res.status(503).json({ error: { code: error.code, message: error.message, details: { retryAfterSeconds: error.retryAfterSeconds } } });
      return;
    }
    // express-rate-limit has already set Retry-After from its window; only fill it in when it has not.
    if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined && !res.get('Retry-After')) res.set('Retry-After', String(error.retryAfterSeconds));
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    const body =
      error instanceof LokerError && status < 500
        ? { code: error.code, message: error.message, details: error instanceof ValidationError ? { issues: error.issues } : { ...error.context } }
        : status < 500
          ? { code: 'loker:bad-request', message: (error as Error).message, details: {} }
          : { code: 'loker:internal', message: 'internal error', details: {} };
    res.status(status).json({ error: body });
  };
}
