import type { Channel } from '../domain/index.js';
import { LokerError } from '../errors/index.js';
import type { Outbound } from '../conversation/message.js';

/**
 * Sends one message to one person on one platform. Alert and broadcast workers use it.
 * Resolves when the platform accepted the message; otherwise rejects with one of the errors below.
 */
export interface ChannelSender {
  readonly channel: Channel;
  send(userId: string, message: Outbound): Promise<void>;
}

/** The person blocked the bot or no longer exists: mark them inactive, never retry. */
export class RecipientBlockedError extends LokerError {
  constructor(channel: Channel, options: { cause?: unknown } = {}) {
    super('loker:recipient-blocked', `${channel}: recipient blocked the bot or is gone`, { ...options, context: { channel }, unrecoverable: true });
  }
}

/** The platform asked us to slow down: retry after `retryAfterMs`. */
export class RateLimitedError extends LokerError {
  readonly retryAfterMs: number;
  constructor(channel: Channel, retryAfterMs: number, options: { cause?: unknown } = {}) {
    super('loker:rate-limited', `${channel}: rate limited, retry after ${Math.ceil(retryAfterMs / 1000)} s`, { ...options, context: { channel, retryAfterMs } });
    this.retryAfterMs = retryAfterMs;
  }
}

/** A passing failure (network, platform 5xx, not connected yet): retry with backoff. */
export class TemporarySendError extends LokerError {
  constructor(channel: Channel, reason: string, options: { cause?: unknown } = {}) {
    super('loker:send-failed', `${channel}: ${reason}`, { ...options, context: { channel } });
  }
}
