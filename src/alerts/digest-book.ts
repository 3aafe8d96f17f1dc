import { withDeadline, type RedisClient } from '../runtime/redis-client.js';
import { RedisScript } from '../runtime/redis-script.js';

export interface DigestBookOptions {
  /** Key prefix. Default: `lokerbot:digest`. */
  readonly prefix?: string;
  /** How long an unsent item is kept (a paused subscription's backlog). Default: 8 days. */
  readonly keepSeconds?: number;
}

/** One new match waiting for a daily subscriber's digest. */
export interface DigestEntry {
  readonly subscriptionId: string;
  readonly vacancyId: string;
  /** When the vacancy opened (ms): the digest lists the newest first. */
  readonly at: number;
}

/** Matches kept waiting per subscription; a digest lists the newest DIGEST_MAX_ITEMS of them. */
const KEEP_PER_SUBSCRIPTION = 50;

/** ZREM the given members; once nothing is left, the subscription is no longer due. KEYS: items, due. ARGV: subscription id, members… */
const TAKE = new RedisScript(`
redis.call('zrem', KEYS[1], unpack(ARGV, 2))
if redis.call('zcard', KEYS[1]) == 0 then redis.call('srem', KEYS[2], ARGV[1]) end
return 1
`);

/** Entries written per Redis round trip. */
const CHUNK = 1000;
/** A pipeline of a thousand entries may take longer than one request's round trip. */
const PIPELINE_DEADLINE_MS = 15_000;

/**
 * The matches waiting for each daily subscriber's digest, in Redis: a sorted set of vacancy ids
 * per subscription (store ids only, nothing personal) and a set of the subscriptions that have
 * something waiting. Adding the same vacancy twice keeps one entry, so a repeated fan-out is harmless.
 */
export class DigestBook {
  private readonly prefix: string;
  private readonly keepSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    options: DigestBookOptions = {},
  ) {
    this.prefix = options.prefix ?? 'lokerbot:digest';
    this.keepSeconds = options.keepSeconds ?? 8 * 24 * 3600;
  }

  async add(entries: readonly DigestEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const batch = this.redis.multi();
      for (const entry of entries.slice(i, i + CHUNK)) {
        const key = this.itemsKey(entry.subscriptionId);
        batch.zAdd(key, { score: entry.at, value: entry.vacancyId });
        // A busy subscription's backlog stays bounded: the newest KEEP_PER_SUBSCRIPTION wait.
        batch.zRemRangeByRank(key, 0, -KEEP_PER_SUBSCRIPTION - 1);
        batch.expire(key, this.keepSeconds);
        batch.sAdd(this.dueKey, entry.subscriptionId);
      }
      await withDeadline(batch.exec(), PIPELINE_DEADLINE_MS);
    }
  }

  /** Subscriptions with something waiting, a batch at a time (SSCAN: never all at once). */
  async *due(batch = 500): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const reply = await withDeadline(this.redis.sScan(this.dueKey, cursor, { COUNT: batch }));
      cursor = String(reply.cursor);
      if (reply.members.length > 0) yield reply.members;
    } while (cursor !== '0');
  }

  /** The newest `limit` vacancy ids waiting for the subscription. */
  newest(subscriptionId: string, limit: number): Promise<string[]> {
    return withDeadline(this.redis.zRange(this.itemsKey(subscriptionId), 0, limit - 1, { REV: true }));
  }

  /**
   * Takes the vacancies a digest job now carries off the waiting list; what else waits stays for the
   * next digest. Only those ids: a second run the same day (its job a no-op: same id) removes
   * nothing that came after the first.
   */
  async sent(subscriptionId: string, vacancyIds: readonly string[]): Promise<void> {
    if (vacancyIds.length === 0) return;
    await withDeadline(TAKE.run(this.redis, [this.itemsKey(subscriptionId), this.dueKey], [subscriptionId, ...vacancyIds]));
  }

  /** Forgets all that waits for a subscription nobody can receive any more (gone, paused, switched to instant). */
  async forget(subscriptionId: string): Promise<void> {
    await withDeadline(this.redis.multi().del(this.itemsKey(subscriptionId)).sRem(this.dueKey, subscriptionId).exec());
  }

  private get dueKey(): string {
    return `${this.prefix}:due`;
  }

  private itemsKey(subscriptionId: string): string {
    return `${this.prefix}:items:${subscriptionId}`;
  }
}
