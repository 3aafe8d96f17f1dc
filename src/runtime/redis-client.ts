import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  createClient,
  DisconnectsClientError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
  type RedisClientType,
} from 'redis';
import { LokerError, ServiceUnavailableError } from '../errors/index.js';
import type { Logger } from './logger.js';
import { settlesWithin } from './settles-within.js';

export type RedisClient = RedisClientType;

export interface RedisConnectionOptions {
  /** Shown in `CLIENT LIST` and in log lines. Default: `main`. */
  readonly name?: string;
  /**
   * Fail commands at once while the connection is down, instead of queueing them until Redis is
   * back; a chat request then answers 503 in milliseconds rather than hanging. Default: true.
   */
  readonly failFastOffline?: boolean;
  /** How long the first connection may take before starting fails with a clear message. Default: 30 000 ms. */
  readonly connectWaitMs?: number;
}

const DEFAULTS: Required<Omit<RedisConnectionOptions, 'name'>> = { failFastOffline: true, connectWaitMs: 30_000 };

/** The default bound on one Redis round trip on the request path (`REDIS_COMMAND_TIMEOUT_MS`). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

/** Reconnect delays: 100 ms doubling to 5 s, with up to 20 % jitter so processes do not retry in step. */
function reconnectDelay(retries: number, random: () => number = Math.random): number {
  const base = Math.min(100 * 2 ** retries, 5000);
  return Math.round(base + base * 0.2 * random());
}

/**
 * Connects a node-redis client that survives Redis going away: it reconnects with backoff for as
 * long as the process runs, logs each distinct connection error once (without the URL's password),
 * and never lets an error event go unheard. Commands fail fast while offline; callers on the request
 * path bound each round trip with `withDeadline`, so they see `asServiceUnavailable` errors, not hangs.
 */
export async function connectRedis(url: string, logger: Logger, options: RedisConnectionOptions = {}): Promise<RedisClient> {
  const o = { ...DEFAULTS, ...options };
  const name = options.name ?? 'main';
  const client: RedisClient = createClient({
    url,
    name: `lokerbot-${name}`,
    socket: { reconnectStrategy: (retries) => reconnectDelay(retries), connectTimeout: 5000 },
    disableOfflineQueue: o.failFastOffline,
    // node-redis's own command timeout stops counting once a command is written, so it cannot see a
    // paused server; and its AbortSignal per command is a measurable cost at chat rates. Reply
    // deadlines are set where they matter, with `withDeadline`.
    commandOptions: { timeout: 0 },
  });
  watchConnection(client, logger, name);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new LokerError('loker:redis-unreachable', `cannot reach Redis (${redactUrl(url)}) within ${o.connectWaitMs} ms; is it running? Check REDIS_URL`, { unrecoverable: true })), o.connectWaitMs);
  });
  try {
    await Promise.race([client.connect(), gaveUp]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/**
 * A second connection like `client` (for blocking reads and subscriptions, which hold a
 * connection), with the same resilience and its own error logging.
 */
export async function duplicateRedis(client: RedisClient, logger: Logger, name: string): Promise<RedisClient> {
  const copy = client.duplicate({ name: `lokerbot-${name}` }) as RedisClient;
  watchConnection(copy, logger, name);
  await copy.connect();
  return copy;
}

/** Redis did not answer within its deadline (paused, overloaded, or a dead connection not yet noticed). */
export class RedisDeadlineError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisDeadlineError';
  }
}

/**
 * `work`, failing with a RedisDeadlineError (an outage to `asServiceUnavailable`) when its reply takes
 * longer than `ms`. The command itself is not cancelled: its late reply is read and dropped.
 */
export function withDeadline<T>(work: Promise<T>, ms: number = DEFAULT_COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineError(ms)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function watchConnection(client: RedisClient, logger: Logger, name: string): void {
  let lastError = '';
  let down = false;
  client.on('error', (error: Error) => {
    // node-redis emits the same error on every reconnect attempt; log each distinct one once.
    if (error.message === lastError) return;
    lastError = error.message;
    down = true;
    logger.warn({ err: error, client: name }, 'redis connection error; reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.info({ client: name }, 'redis connection back');
    lastError = '';
    down = false;
  });
}

/** node-redis failures that mean "Redis is not answering right now", not "this command is wrong". */
const UNAVAILABLE_ERRORS = [
  ClientOfflineError,
  ClientClosedError,
  TimeoutError,
  SocketTimeoutError,
  ConnectionTimeoutError,
  SocketClosedUnexpectedlyError,
  DisconnectsClientError,
  RedisDeadlineError,
];
/** Replies a restarting or failing-over server gives before it can serve again. */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/;

/** The error as a 503-shaped `ServiceUnavailableError` when it says Redis is away; otherwise undefined. */
export function asServiceUnavailable(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (UNAVAILABLE_ERRORS.some((kind) => error instanceof kind) || UNAVAILABLE_REPLY.test(error.message) || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return new ServiceUnavailableError('loker:redis-unavailable', 'Redis is not reachable right now; try again in a few seconds', { cause: error, retryAfterSeconds: 5 });
  }
  return undefined;
}

/**
 * Runs one Redis round trip within `deadlineMs`; an outage (offline, paused, restarting) becomes a
 * ServiceUnavailableError, anything else is rethrown as it is.
 */
export async function orUnavailable<T>(work: () => Promise<T>, deadlineMs: number = DEFAULT_COMMAND_TIMEOUT_MS): Promise<T> {
  try {
    return await withDeadline(work(), deadlineMs);
  } catch (error) {
    throw asServiceUnavailable(error) ?? error;
  }
}

/** What `/readyz` says about a connection: `ok`, or why not. */
export async function redisReadiness(client: RedisClient): Promise<{ ready: boolean; state: string }> {
  if (!client.isOpen) return { ready: false, state: 'closed' };
  if (!client.isReady) return { ready: false, state: 'reconnecting' };
  try {
    await withDeadline(client.ping());
    return { ready: true, state: 'ok' };
  } catch (error) {
    return { ready: false, state: asServiceUnavailable(error) ? 'not answering' : 'error' };
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Closes a client, letting commands in flight finish for at most `graceMs`; then drops the
 * connection. A shutdown while Redis is away must not wait on replies that will never come.
 */
export async function closeRedis(client: RedisClient, graceMs = 1000): Promise<void> {
  if (!client.isOpen) return;
  await settlesWithin(client.close(), graceMs);
  if (client.isOpen) client.destroy();
}
