import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Outbound } from '../../conversation/message.js';
import { splitText } from './split-text.js';
import { POSITION_PREFIX } from './telegram-update.js';

/** One `sendMessage` call. */
export interface TelegramMessage {
  readonly text: string;
  readonly replyMarkup?: InlineKeyboardMarkup;
}

/** Telegram's limit on `callback_data`, in bytes. */
const CALLBACK_DATA_LIMIT = 64;

/**
 * Renders one reply as the messages Telegram will take: the text cut under 4,096 characters at line
 * boundaries, with the choices (one button per row, labels are often long) and links (URL buttons)
 * on the last piece, so the buttons sit under the end of what they answer.
 */
export function renderOutbound(message: Outbound, textLimit?: number): TelegramMessage[] {
  const pieces = splitText(message.text, textLimit);
  const keyboard = keyboardOf(message);
  return pieces.map((text, i) => (i === pieces.length - 1 && keyboard ? { text, replyMarkup: keyboard } : { text }));
}

function keyboardOf(message: Outbound): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = [];
  // Every choice gets its button, even past the engine's MAX_CHOICES (education offers 11 levels):
  // a keyboard holds up to 100, and a silently missing option cannot be picked at all.
  (message.choices ?? []).forEach((choice, index) => {
    rows.push([{ text: choice.label, callback_data: callbackData(choice.id, index) }]);
  });
  for (const link of message.links ?? []) rows.push([{ text: link.label, url: link.url }]);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/**
 * The choice id itself when it fits in 64 bytes; otherwise the button's position, which the adapter
 * turns back into the label on press (the engine accepts a choice's label as well as its id).
 */
function callbackData(id: string, index: number): string {
  return Buffer.byteLength(id, 'utf8') <= CALLBACK_DATA_LIMIT && !id.startsWith(POSITION_PREFIX) ? id : `${POSITION_PREFIX}${index}`;
}
