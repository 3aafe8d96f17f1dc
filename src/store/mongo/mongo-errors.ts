import mongoose from 'mongoose';
import { DuplicateError, LokerError, ServiceUnavailableError } from '../../errors/index.js';

/**
 * Server states that pass by themselves: a failover, a node shutting down or recovering, a
 * network hiccup the server noticed. (The driver keeps its own list internal.)
 */
const PASSING_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** True when the server is down, unreachable, or between primaries: worth a retry later, not a bug. */
export function isUnavailable(error: unknown): boolean {
  const { mongo } = mongoose;
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    // mongoose rewraps the driver's server selection error when the first connect fails
    error instanceof mongoose.Error.MongooseServerSelectionError
  ) {
    return true;
  }
  if (!(error instanceof mongo.MongoError)) return false;
  if (error.hasErrorLabel(mongo.MongoErrorLabel.RetryableWriteError)) return true;
  return typeof error.code === 'number' && PASSING_SERVER_CODES.has(error.code);
}

/** A write that collided with another transaction; the whole transaction may simply run again. */
export function isTransientTransactionError(error: unknown): boolean {
  return (
    error instanceof mongoose.mongo.MongoError &&
    error.hasErrorLabel(mongoose.mongo.MongoErrorLabel.TransientTransactionError) &&
    !isUnavailable(error)
  );
}

/**
 * Driver errors → LokerErrors: a unique clash is DuplicateError, an outage ServiceUnavailableError
 * (503 + Retry-After at the edge), anything else `loker:store-failed`.
 */
export function translateMongoError(error: unknown, collection: string): LokerError {
  if (error instanceof LokerError) return error;
  const { code, keyPattern } = error as { code?: unknown; keyPattern?: Record<string, unknown> };
  if (code === 11000) {
    const key = keyPattern ? Object.keys(keyPattern).map((k) => (k === '_id' ? 'id' : k)).join('+') : 'key';
    // No `cause`: the server's message quotes the clashing value, which may be a phone number.
    return new DuplicateError(collection, key);
  }
  if (isUnavailable(error)) {
    return new ServiceUnavailableError('loker:store-unavailable', 'MongoDB cannot be reached right now', { cause: error, context: { collection } });
  }
  return new LokerError('loker:store-failed', `${collection}: store operation failed`, { cause: error });
}
