import type { RedisClient } from './redis-client.js';

/**
 * A Lua script run by its SHA (EVALSHA), loaded once per server. A restarted or flushed
 * server forgets scripts; then it is loaded again and the call repeated.
 */
export class RedisScript {
  private sha: string | undefined;

  constructor(private readonly lua: string) {}

  async run(redis: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    this.sha ??= await redis.scriptLoad(this.lua);
    try {
      return await redis.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      this.sha = await redis.scriptLoad(this.lua);
      return redis.evalSha(this.sha, { keys, arguments: args });
    }
  }
}

/** Deletes a lock or lease key only while it still holds our token. KEYS: key. ARGV: token. */
export const RELEASE_IF_OWNER = new RedisScript(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`);

/** Extends a lock or lease key's life only while it still holds our token. KEYS: key. ARGV: token, ms. */
export const RENEW_IF_OWNER = new RedisScript(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`);
