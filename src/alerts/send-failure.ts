import { RateLimitedError, RecipientBlockedError } from '../channels/channel-sender.js';
import { LokerError } from '../errors/index.js';
import { maskPersonalData } from '../runtime/logger.js';

/** What a failed send means for its job. */
export type SendFailure =
  /** The platform asked to slow down: pause the channel's queue, keep the job. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  /** The person blocked the bot or is gone: switch them off, never retry. */
  | { readonly kind: 'blocked' }
  /** A retry cannot help (the message was refused, the data is invalid): fail at once. */
  | { readonly kind: 'permanent' }
  /** Passing (network, platform 5xx, Redis or the store away) or unknown: retry with backoff. */
  | { readonly kind: 'temporary' };

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof RateLimitedError) return { kind: 'rate-limited', retryAfterMs: Math.max(0, error.retryAfterMs) };
  if (error instanceof RecipientBlockedError) return { kind: 'blocked' };
  // SendRejectedError, ValidationError, NotFoundError… all say so themselves.
  if (error instanceof LokerError && error.unrecoverable) return { kind: 'permanent' };
  return { kind: 'temporary' };
}

/**
 * A failure as a Delivery row's `lastError`: the stable code and our own message for LokerErrors
 * (phone numbers masked all the same); for anything else only its class name, because a foreign
 * error's message may quote the request it failed on (a chat id, a phone number, the text).
 */
export function describeFailure(error: unknown): string {
  if (error instanceof LokerError) return maskPersonalData(`${error.code}: ${error.message}`).slice(0, 500);
  if (error instanceof Error) return `unexpected ${error.name || 'error'}`;
  return 'unexpected failure';
}
