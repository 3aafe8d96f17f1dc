import type { Telegram } from 'telegraf';
import type { Outbound } from '../../conversation/message.js';
import type { ChannelSender } from '../channel-sender.js';
import { toSendError } from './telegram-errors.js';
import { renderOutbound } from './telegram-render.js';

/**
 * Sends replies and alerts through the Bot API. A reply longer than one message goes out as several,
 * in order; if a later piece fails, the error says so and a retry resends from the first piece (a
 * rare duplicate is better than a lost half).
 */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(private readonly telegram: Telegram) {}

  async send(userId: string, message: Outbound): Promise<void> {
    for (const piece of renderOutbound(message)) {
      try {
        await this.telegram.sendMessage(userId, piece.text, piece.replyMarkup ? { reply_markup: piece.replyMarkup } : {});
      } catch (error) {
        throw toSendError(error);
      }
    }
  }
}
