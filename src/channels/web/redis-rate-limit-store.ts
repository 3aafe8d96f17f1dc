import type { IncrementResponse, Options as RateLimitOptions } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { ServiceUnavailableError } from '../../errors/index.js';
import { asServiceUnavailable, withDeadline, type RedisClient } from '../../runtime/redis-client.js';

export interface RedisRateLimitStoreOptions {
  readonly redis: RedisClient;
  /** Key prefix of this limiter's counters; one per limiter (express-rate-limit refuses a shared store). */
  readonly prefix: string;
  /**
   * Longest one counter update may wait for Redis (a paused or overloaded server) before the
   * request answers 503. Default: 2000 ms.
   */
  readonly timeoutMs?: number;
}

/**
 * Rate-limit counters in Redis (rate-limit-redis), so every web process counts against the same
 * limit. A Redis that is away or not answering makes `increment` fail fast with a
 * ServiceUnavailableError, which the limiter (with `passOnStoreError: false`) hands to the error
 * middleware: the request answers 503 with Retry-After instead of hanging or passing unlimited.
 */
export class RedisRateLimitStore extends RedisStore {
  constructor(options: RedisRateLimitStoreOptions) {
    const timeoutMs = options.timeoutMs ?? 2000;
    // The deadline bounds a reply from a paused server too; the late reply, if any, is dropped
    // (at worst one hit is counted after the request was already answered 503).
    super({ prefix: options.prefix, sendCommand: (...args: string[]) => withDeadline(options.redis.sendCommand<RedisReply>(args), timeoutMs) });
  }

  override async init(options: RateLimitOptions): Promise<void> {
    try {
      await super.init(options);
    } catch (error) {
      // Started while Redis was away: the first increment loads the scripts again (below).
      throw unavailable(error);
    }
  }

  override async increment(key: string): Promise<IncrementResponse> {
    try {
      return await super.increment(key);
    } catch (error) {
      // rate-limit-redis keeps the promise of its script's SHA and reloads only on NOSCRIPT; a load
      // that failed while Redis was away would fail every later call, so load it again. The
      // rejection is observed here so it is never an unhandled one; the next increment awaits it.
      const reload = this.loadIncrementScript();
      reload.catch(() => undefined);
      this.incrementScriptSha = reload;
      throw unavailable(error);
    }
  }
}

/** Any failure of a counter update counts as Redis being unavailable: a limiter must never let an unknown error pass as "allowed". */
function unavailable(error: unknown): ServiceUnavailableError {
  return asServiceUnavailable(error) ?? new ServiceUnavailableError('loker:redis-unavailable', 'Redis is not reachable right now; try again in a few seconds', { cause: error, retryAfterSeconds: 5 });
}
