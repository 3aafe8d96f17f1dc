import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';

/**
 * A Lua script run by its SHA (EVALSHA). A server that does not know it yet (first use, restarted
 * or flushed) answers NOSCRIPT; then it is sent whole with EVAL, which also caches it. Each call is
 * one command on the connection, so calls keep their order even across a NOSCRIPT (a release sent
 * right behind a lock attempt runs after it).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await redis.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, { keys, arguments: args });
    }
  }
}

/** Deletes a lock or lease key only while it still holds our token. KEYS: key. ARGV: token. */
export const RELEASE_IF_OWNER = new RedisScript(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`);

/** Extends a lock or lease key's life only while it still holds our token. KEYS: key. ARGV: token, ms. */
export const RENEW_IF_OWNER = new RedisScript(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`);
