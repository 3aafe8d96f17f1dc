import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import type { RedisClient } from './redis-client.js';

export interface RedisLeaseOptions {
  readonly key: string;
  /** How long the lease lasts without renewal. Default: 30 000 ms. */
  readonly ttlMs?: number;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Something only one process may hold at a time (the WhatsApp session: one phone number, one
 * browser). Renewed while held; expires on its own if the holder dies.
 */
export class RedisLease {
  private readonly token = randomUUID();
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    private readonly options: RedisLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  /** True when this process now holds the lease. */
  async acquire(): Promise<boolean> {
    const ok = (await this.redis.set(this.options.key, this.token, { NX: true, PX: this.ttlMs })) === 'OK';
    if (ok) {
      this.timer = setInterval(() => void this.renew(), Math.floor(this.ttlMs / 3));
      this.timer.unref();
    }
    return ok;
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.redis.eval(RELEASE, { keys: [this.options.key], arguments: [this.token] });
  }

  private async renew(): Promise<void> {
    try {
      const renewed = await this.redis.eval(RENEW, { keys: [this.options.key], arguments: [this.token, String(this.ttlMs)] });
      if (renewed !== 1) this.logger.error({ key: this.options.key }, 'lease lost to another process');
    } catch (error) {
      this.logger.warn({ err: error, key: this.options.key }, 'lease renewal failed');
    }
  }
}
