/**
 * Every failure LokerBot knows about is a `LokerError` with a stable `code`.
 * Errors become user text or HTTP responses at the edge, never deep inside.
 */
export interface LokerErrorOptions {
  /** Extra ids that explain the failure. Never personal data. Default: none. */
  context?: Readonly<Record<string, unknown>>;
  /** The error that caused this one. */
  cause?: unknown;
  /** When true a job that failed with this error is not retried. Default: false. */
  unrecoverable?: boolean;
}

export class LokerError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly unrecoverable: boolean;

  constructor(code: string, message: string, options: LokerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = Object.freeze({ ...options.context });
    this.unrecoverable = options.unrecoverable ?? false;
  }
}

export class ConfigError extends LokerError {
  /** One line per bad or missing variable, ready to print. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('loker:config-invalid', `Invalid configuration:\n${problems.join('\n')}`, { unrecoverable: true });
    this.problems = problems;
  }
}

export class ValidationError extends LokerError {
  readonly issues: readonly string[];
  constructor(what: string, issues: readonly string[], options: LokerErrorOptions = {}) {
    super('loker:validation', `Invalid ${what}: ${issues.join('; ')}`, { ...options, unrecoverable: true });
    this.issues = issues;
  }
}

export class NotFoundError extends LokerError {
  constructor(entity: string, id: string) {
    super(`loker:${entity}-not-found`, `${entity} ${id} not found`, { context: { entity, id }, unrecoverable: true });
  }
}

export class DuplicateError extends LokerError {
  constructor(entity: string, key: string, options: LokerErrorOptions = {}) {
    super(`loker:${entity}-duplicate`, `${entity} with this ${key} already exists`, {
      ...options,
      context: { entity, key, ...options.context },
      unrecoverable: true,
    });
  }
}

export class ConflictError extends LokerError {
  constructor(entity: string, id: string) {
    super(`loker:${entity}-conflict`, `${entity} ${id} was changed by someone else; reload and try again`, {
      context: { entity, id },
    });
  }
}

export class DependencyMissingError extends LokerError {
  constructor(what: string, howToInstall: string) {
    super('loker:dependency-missing', `${what} was not found. ${howToInstall}`, { unrecoverable: true });
  }
}

export class UnauthorizedError extends LokerError {
  constructor(message = 'missing or invalid bearer token') {
    super('loker:unauthorized', message, { unrecoverable: true });
  }
}

export class ForbiddenError extends LokerError {
  constructor(message = 'this token may not do that') {
    super('loker:forbidden', message, { unrecoverable: true });
  }
}

/**
 * Something the request needs (Redis, the store, a busy conversation) cannot answer right now.
 * Passing, so it becomes 503 with `Retry-After` at the HTTP edge and a polite "try again" in chat.
 */
export class ServiceUnavailableError extends LokerError {
  /** Seconds after which a retry is likely to work. */
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, options: LokerErrorOptions & { retryAfterSeconds?: number } = {}) {
    super(code, message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
  }
}

/**
 * A store write that expected a record at a revision found it gone (`missing`) or written by
 * someone else since it was read (`conflict`); nothing of its batch was applied. Repositories turn
 * it into NotFoundError, or re-read and retry and finally throw ConflictError.
 */
export class StaleWriteError extends LokerError {
  readonly reason: 'missing' | 'conflict';
  constructor(collection: string, id: string, reason: 'missing' | 'conflict') {
    super(
      reason === 'missing' ? 'loker:store-missing' : 'loker:store-conflict',
      reason === 'missing' ? `${collection} ${id} does not exist` : `${collection} ${id} was changed since it was read`,
      { context: { collection, id }, unrecoverable: reason === 'missing' },
    );
    this.reason = reason;
  }
}

/**
 * A web chat session token (cookie or `Authorization: Bearer`) that is missing where one is
 * needed, garbled, or signed with another key. 401: the page then starts a new conversation.
 */
export class SessionInvalidError extends LokerError {
  constructor(message = 'no valid web chat session: send a message without one to start a new conversation') {
    super('loker:session-invalid', message, { unrecoverable: true });
  }
}

/** A `userId` sent with a web chat request that is not the session's own: 403, nobody talks as someone else. */
export class SessionMismatchError extends LokerError {
  constructor(message = 'userId does not belong to this session; leave it out, the session says who you are') {
    super('loker:session-mismatch', message, { unrecoverable: true });
  }
}

/** A request body in a format the route does not read (a form post to a JSON API): 415. */
export class UnsupportedMediaTypeError extends LokerError {
  constructor(expected: string) {
    super('loker:unsupported-media-type', `send the body as ${expected} (Content-Type: ${expected})`, { context: { expected }, unrecoverable: true });
  }
}

/** Too many requests from one session or address: 429, with `Retry-After` when known. */
export class RateLimitedError extends LokerError {
  /** Seconds after which a retry is allowed again, if known. */
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, retryAfterSeconds?: number) {
    super('loker:rate-limited', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A record asked to do what its state no longer allows (cancel a broadcast that is done): 409,
 * and nothing was changed. `state` is the record's state now, `wanted` what was asked.
 */
export class InvalidStateError extends LokerError {
  constructor(entity: string, id: string, state: string, wanted: string) {
    super(`loker:${entity}-${state}`, `${entity} ${id} is ${state}: it cannot be ${wanted} any more`, { context: { entity, id, state, wanted }, unrecoverable: true });
  }
}

/**
 * One try of an alert or broadcast send failed for a passing reason; BullMQ retries it with
 * backoff. Its message is what the Delivery row records (a code and a short reason, no personal
 * data: BullMQ keeps it in Redis as the job's failedReason); the original error is the `cause`.
 */
export class SendAttemptFailedError extends LokerError {
  constructor(reason: string, options: LokerErrorOptions = {}) {
    super('loker:send-attempt-failed', reason, options);
  }
}

/**
 * Opening (or editing an open) vacancy whose wording discriminates, where the office asks for a
 * reason to publish despite the linter's warnings (`POSTING_WARNINGS=reason`) and none was given:
 * 422, nothing changed. `warnings` (in the context) names the offending words.
 */
export class PostingNeedsReasonError extends LokerError {
  constructor(vacancyId: string, warnings: readonly { readonly code: string; readonly field: string; readonly words?: string }[]) {
    super('loker:posting-needs-reason', `vacancy ${vacancyId} has discriminating wording (${warnings.map((w) => `"${w.words ?? w.code}"`).join(', ')}): fix it, or give overrideReason to publish it anyway`, {
      context: { vacancyId, warnings: warnings.map(({ code, field, words }) => ({ code, field, words })) },
      unrecoverable: true,
    });
  }
}

/**
 * Opening a vacancy the fee and scam detector flagged, before staff approved it (or after they
 * rejected it): 409, nothing changed. `reasons` (in the context) says what was found.
 */
export class VacancyUnderReviewError extends LokerError {
  constructor(vacancyId: string, state: string, reasons: readonly { readonly code: string; readonly field: string; readonly words?: string }[]) {
    super(
      state === 'rejected' ? 'loker:vacancy-rejected' : 'loker:vacancy-under-review',
      state === 'rejected'
        ? `vacancy ${vacancyId} was rejected in review and cannot be opened`
        : `vacancy ${vacancyId} waits for review (${reasons.map((r) => r.code).join(', ')}): staff approve or reject it under Review`,
      { context: { vacancyId, state, reasons: reasons.map(({ code, field, words }) => ({ code, field, words })) }, unrecoverable: true },
    );
  }
}

/** An upload larger than the route takes: 413. What was read before the limit has been handled. */
export class PayloadTooLargeError extends LokerError {
  constructor(limitBytes: number) {
    super('loker:payload-too-large', `the upload is larger than ${Math.round(limitBytes / 1_000_000)} MB; split the file`, { context: { limitBytes }, unrecoverable: true });
  }
}
