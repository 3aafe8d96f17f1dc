import { RecipientBlockedError, TemporarySendError } from '../channel-sender.js';

/** whatsapp-web.js messages that mean the number is not (or no longer) on WhatsApp. */
const NOT_ON_WHATSAPP = /invalid wid|wid error|no lid for user|not a whatsapp user|not registered/i;

/**
 * whatsapp-web.js reports failures as plain errors from the page, without codes, and WhatsApp never
 * says "slow down" (the pacer keeps us under its limits instead). So: a number that is not on
 * WhatsApp → RecipientBlockedError; anything else (browser gone, page reloading) → TemporarySendError.
 */
export function toSendError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (NOT_ON_WHATSAPP.test(message)) return new RecipientBlockedError('whatsapp', { cause: error });
  return new TemporarySendError('whatsapp', 'WhatsApp Web refused or dropped the message', { cause: error });
}
