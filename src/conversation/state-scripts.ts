import { RedisScript } from '../runtime/redis-script.js';

/*
 * The Lua scripts behind ConversationStateStore: each is one round trip, and the writes are fenced
 * by the person's lock token, so a turn that lost its lock writes nothing.
 */

/**
 * Takes the person's lock; when it is free, also answers whether the message was handled before
 * (with the replies kept for retries) and returns the stored state: one round trip at the start of
 * a turn.
 * KEYS: lock, seen (sorted set of message ids by time), state, replies. ARGV: token, lock ms, message id.
 */
export const BEGIN = new RedisScript(`
if not redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
if redis.call('zscore', KEYS[2], ARGV[3]) then return {1, 1, '', redis.call('lrange', KEYS[4], 0, -1)} end
return {1, 0, redis.call('get', KEYS[3]) or ''}
`);

/**
 * Ends a turn in one round trip, fenced by the lock: only while the lock still holds this turn's
 * token does it write the state, mark the message handled, keep its replies for retries and add
 * to the transcript (or forget the person entirely, transcript and kept replies included), then
 * release the lock. Returns 0, writing nothing, when the lock expired or passed to another turn.
 * The transcript lives as long as the state it belongs to.
 * KEYS: lock, seen, state, replies, transcript.
 * ARGV: token, state JSON or '' to forget, state ttl s, message id, now ms, seen window ms,
 * replies entry or '', replay window ms, replies kept, transcript entries kept, then the new transcript entries.
 */
export const FINISH = new RedisScript(`
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('del', KEYS[3], KEYS[2], KEYS[4], KEYS[5])
else
  redis.call('set', KEYS[3], ARGV[2], 'EX', ARGV[3])
  redis.call('zadd', KEYS[2], ARGV[5], ARGV[4])
  redis.call('zremrangebyscore', KEYS[2], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[6]))
  redis.call('pexpire', KEYS[2], ARGV[6])
  if ARGV[7] ~= '' then
    redis.call('lpush', KEYS[4], ARGV[7])
    redis.call('ltrim', KEYS[4], 0, tonumber(ARGV[9]) - 1)
    redis.call('pexpire', KEYS[4], ARGV[8])
  end
  for i = 11, #ARGV do redis.call('rpush', KEYS[5], ARGV[i]) end
  redis.call('ltrim', KEYS[5], -tonumber(ARGV[10]), -1)
  redis.call('expire', KEYS[5], ARGV[3])
end
redis.call('del', KEYS[1])
return 1
`);

/**
 * Writes the state with a remembered alert and releases the lock, fenced like FINISH. The state
 * keeps the life its last turn gave it (an alert is not the person's own activity, so it does not
 * lengthen how long their conversation is kept), raised to the reply window when shorter or when
 * there was no state: long enough to answer the alert, no longer.
 * KEYS: lock, seen, state. ARGV: token, state JSON, reply window ms.
 */
export const REMEMBER = new RedisScript(`
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local left = redis.call('pttl', KEYS[3])
if left == -1 or left >= tonumber(ARGV[3]) then
  redis.call('set', KEYS[3], ARGV[2], 'KEEPTTL')
else
  redis.call('set', KEYS[3], ARGV[2], 'PX', ARGV[3])
end
redis.call('del', KEYS[1])
return 1
`);
