import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisRateLimitStore } from '../channels/web/redis-rate-limit-store.js';
import { RateLimitedError } from '../errors/index.js';
import type { RedisClient } from '../runtime/redis-client.js';
import { adminTokenOf } from './admin-auth.js';

/** How much one admin token and one client address may ask of the admin API and its logins. */
export interface AdminLimits {
  /** Requests per token per minute, over every web process. Default: 600. */
  readonly perTokenPerMinute: number;
  /** Requests per client address per minute, tokens or not, over every web process. Default: 1200. */
  readonly perIpPerMinute: number;
  /** Login attempts (dashboard, queue dashboard) per client address per 10 minutes. Default: 20. */
  readonly loginsPerIp: number;
  /** Longest a counter update waits for Redis before the request answers 503. Default: 2000 ms. */
  readonly redisTimeoutMs: number;
}

export const DEFAULT_ADMIN_LIMITS: AdminLimits = Object.freeze({ perTokenPerMinute: 600, perIpPerMinute: 1200, loginsPerIp: 20, redisTimeoutMs: 2000 });

export const LOGIN_WINDOW_MS = 10 * 60_000;

export interface AdminLimiterOptions {
  readonly redis: RedisClient;
  readonly limits: AdminLimits;
  /** Prefix of the counters in Redis; web processes that share limits share it. Default: `lokerbot:rl:admin:`. */
  readonly prefix?: string;
}

export interface AdminLimiters {
  /** Every admin request, by client address: before the token is looked at, so guessing is slowed too. */
  readonly perIp: RequestHandler;
  /** Every authenticated admin request, by token id (a script on a shared office address keeps its own budget). */
  readonly perToken: RequestHandler;
  /** Login form posts, by client address; `onLimited` answers (a page, for a browser). */
  login(onLimited: RequestHandler, name: string): RequestHandler;
}

/**
 * The admin API's limiters, counted in Redis (rate-limit-redis, as the web chat's) so every web
 * process shares one budget. A Redis that is away makes a limited request answer 503 with
 * Retry-After, never pass unlimited. Over a limit: 429 `loker:rate-limited` with Retry-After.
 */
export function adminLimiters({ redis, limits, prefix = 'lokerbot:rl:admin:' }: AdminLimiterOptions): AdminLimiters {
  const limiter = (name: string, windowMs: number, limit: number, keyGenerator: (req: Request) => string, message: string, handler?: RequestHandler) =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // A store failure is a ServiceUnavailableError: 503 with Retry-After, not an unlimited pass.
      passOnStoreError: false,
      keyGenerator,
      store: new RedisRateLimitStore({ redis, prefix: `${prefix}${name}:`, timeoutMs: limits.redisTimeoutMs }),
      handler: handler ?? ((_req, _res, next) => next(new RateLimitedError(message))),
    } satisfies Partial<Options>);
  return {
    perIp: limiter('ip', 60_000, limits.perIpPerMinute, addressKey, 'too many admin requests from this address; wait a minute'),
    perToken: limiter('token', 60_000, limits.perTokenPerMinute, (req) => `t:${adminTokenOf(req)?.id ?? 'none'}`, 'too many requests with this token; wait a minute'),
    login: (onLimited, name) => limiter(`login-${name}`, LOGIN_WINDOW_MS, limits.loginsPerIp, addressKey, 'too many login attempts from this address', onLimited),
  };
}

/** The client's address (behind the trusted proxy: the forwarded one); IPv6 by its /56 network. */
function addressKey(req: Request): string {
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}
