import { randomUUID } from 'node:crypto';
import { withDeadline, type RedisClient } from './redis-client.js';
import { RELEASE_IF_OWNER, RENEW_IF_OWNER } from './redis-script.js';

export interface RedisLeaseOptions {
  readonly key: string;
  /** How long the lease lasts without renewal. Default: 30 000 ms. */
  readonly ttlMs?: number;
}

/**
 * Something only one process may hold at a time (the WhatsApp session: one phone number, one
 * browser): the key holds the holder's token and expires on its own if the holder dies. Every
 * operation is fenced by the token, so a holder that lost the lease cannot renew or release the
 * next holder's, and bounded in time, so a paused Redis cannot stall the caller. Policy (when to
 * try, what to do on loss) belongs to the caller.
 */
export class RedisLease {
  private readonly token = randomUUID();
  readonly ttlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  /** True when this process now holds the lease (it was free, or already ours). */
  async tryAcquire(): Promise<boolean> {
    if ((await withDeadline(this.redis.set(this.options.key, this.token, { NX: true, PX: this.ttlMs }))) === 'OK') return true;
    return this.renew();
  }

  /** Extends the lease; false when it is no longer ours (expired, or taken by another process). */
  async renew(): Promise<boolean> {
    return (await withDeadline(RENEW_IF_OWNER.run(this.redis, [this.options.key], [this.token, String(this.ttlMs)]))) === 1;
  }

  /** Gives the lease up if it is still ours. */
  async release(): Promise<void> {
    await withDeadline(RELEASE_IF_OWNER.run(this.redis, [this.options.key], [this.token]));
  }
}
