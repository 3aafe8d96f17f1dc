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
