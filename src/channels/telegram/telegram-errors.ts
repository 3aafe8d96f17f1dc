import { TelegramError } from 'telegraf';
import { RateLimitedError, RecipientBlockedError, TemporarySendError } from '../channel-sender.js';
import { SendRejectedError } from '../send-rejected-error.js';

/** Used when a 429 carries no `retry_after`; Telegram's own advice for bulk senders is about a second per chat. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/** "Bad Request" descriptions that mean the person is gone, not that our request was wrong. */
const RECIPIENT_GONE = /chat not found|user is deactivated|bot was blocked|bot was kicked|have no rights to send|PEER_ID_INVALID/i;

/**
 * Maps a failed Bot API call to the ChannelSender outcomes:
 * 403 (blocked, deactivated) and 400 "chat not found" → RecipientBlockedError;
 * 429 → RateLimitedError with `parameters.retry_after`; 5xx, network errors and timeouts →
 * TemporarySendError; any other 4xx → SendRejectedError (our request is wrong; retrying won't help).
 */
export function toSendError(error: unknown): Error {
  if (error instanceof TelegramError) {
    const description = error.description ?? '';
    if (error.code === 403 || (error.code === 400 && RECIPIENT_GONE.test(description))) {
      return new RecipientBlockedError('telegram', { cause: error });
    }
    if (error.code === 429) {
      const seconds = error.parameters?.retry_after;
      return new RateLimitedError('telegram', seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000, { cause: error });
    }
    if (error.code >= 500) return new TemporarySendError('telegram', `Bot API answered ${error.code}`, { cause: error });
    return new SendRejectedError('telegram', `Bot API answered ${error.code}`, { cause: error });
  }
  return new TemporarySendError('telegram', `request failed: ${(error as Error).name || 'unknown error'}`, { cause: error });
}
