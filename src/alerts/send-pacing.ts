import { LokerError } from '../errors/index.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, orUnavailable, type RedisClient } from '../runtime/redis-client.js';
import { pseudonym } from '../runtime/pseudonym.js';
import { RedisScript } from '../runtime/redis-script.js';

export interface ChatPacerOptions {
  /** Least time between two messages to one chat, over every worker process. 0 turns pacing off. Required. */
  readonly gapMs: number;
  /**
   * Keys the chat's pacing key (HMAC-SHA256), at least 16 bytes, the same in every process: a
   * plain hash of a chat id or phone number could be reversed by trying them all. Required.
   */
  readonly keySecret: Buffer;
  /** Prefix of the pacing keys. Default: `lokerbot:send:pace:`. */
  readonly prefix?: string;
  /** Longest wait for one Redis reply. Default: DEFAULT_COMMAND_TIMEOUT_MS (2 000 ms). */
  readonly commandTimeoutMs?: number;
}

/**
 * Takes the chat's slot when it is free (SET NX PX, atomic over every process) and answers 0;
 * otherwise answers how long the current holder keeps it. KEYS: pacing key. ARGV: gap in ms.
 */
const RESERVE = new RedisScript(`
if redis.call('set', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local left = redis.call('pttl', KEYS[1])
if left < 1 then return 1 end
return left`);

/**
 * One message per chat per gap, shared by every worker process through one Redis key per chat.
 * The key names the chat by a keyed hash only, so Redis and its append-only file never hold a
 * chat id or a phone number.
 */
export class ChatPacer {
  private readonly prefix: string;
  private readonly commandTimeoutMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: ChatPacerOptions,
  ) {
    if (!Number.isInteger(options.gapMs) || options.gapMs < 0) throw new LokerError('loker:config-invalid', 'ChatPacer: gapMs must be a whole number of milliseconds, 0 or more');
    if (options.keySecret.length < 16) throw new LokerError('loker:config-invalid', 'ChatPacer: keySecret must be at least 16 bytes');
    this.prefix = options.prefix ?? 'lokerbot:send:pace:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  }

  /** 0 when a message to `recipientKey` may go now (its slot is taken), else how many ms to wait first. */
  async reserve(recipientKey: string): Promise<number> {
    if (this.options.gapMs === 0) return 0;
    const left = await orUnavailable(() => RESERVE.run(this.redis, [this.keyOf(recipientKey)], [String(this.options.gapMs)]), this.commandTimeoutMs);
    return Number(left);
  }

  /**
   * Starts the chat's gap again from now, when the platform has accepted the message: the slot was
   * taken before the send, and a slow send followed by a fast one would otherwise arrive closer
   * together than the gap.
   */
  async sent(recipientKey: string): Promise<void> {
    if (this.options.gapMs === 0) return;
    await orUnavailable(() => this.redis.set(this.keyOf(recipientKey), '1', { expiration: { type: 'PX', value: this.options.gapMs } }), this.commandTimeoutMs);
  }

  /** The Redis key of one chat's slot. Exposed for tests. */
  keyOf(recipientKey: string): string {
    return `${this.prefix}${pseudonym(recipientKey, this.options.keySecret)}`;
  }
}

/**
 * BullMQ's limiter counts jobs in fixed windows, so `max` per second can put up to twice `max`
 * into one sliding second (the end of one window and the start of the next). Short windows with
 * a small `max` keep any sliding second within a few messages of the rate: 25/s becomes 2 per
 * 80 ms, at most 28 in any second, under Telegram's 30.
 */
export function limiterFor(perSecond: number): { max: number; duration: number } {
  if (!(perSecond > 0)) throw new LokerError('loker:config-invalid', 'limiterFor: perSecond must be more than 0');
  const max = Math.max(1, Math.floor(perSecond / 10));
  return { max, duration: Math.round((1000 * max) / perSecond) };
}
