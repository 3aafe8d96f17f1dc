import type { CallbackQuery, Message, Update } from 'telegraf/types';
import { parseAlertChoice } from '../../conversation/alert-choices.js';
import type { Inbound, InboundKind } from '../../conversation/message.js';
import { internationalDigitsToE164, type Locale } from '../../domain/index.js';
import { adapterText, localeFromHint } from '../adapter-strings.js';

/** What the adapter does with one Telegram update. Pure: no I/O, so every case is a unit test. */
export type UpdateDecision =
  /** Hand it to the engine, then send its replies to `chatId`. */
  | { readonly kind: 'inbound'; readonly chatId: string; readonly inbound: Inbound; readonly callback?: CallbackRef }
  /** Answer it ourselves; the engine never sees it (group chats, edited messages). */
  | { readonly kind: 'reply'; readonly chatId: string; readonly text: string; readonly callback?: CallbackRef }
  | { readonly kind: 'ignore'; readonly reason: string; readonly callback?: CallbackRef }
  /** The person blocked the bot (or deleted their account) in their private chat. */
  | { readonly kind: 'blocked'; readonly chatId: string };

/** A pressed inline button: answered (stops the spinner) and, unless `keepKeyboard`, its keyboard removed. */
export interface CallbackRef {
  readonly id: string;
  readonly chatId: string | undefined;
  readonly messageId: number | undefined;
  /**
   * An alert's or a broadcast's buttons stay: they act whenever pressed (Lamar, then Berhenti
   * langganan on the same alert). A question's buttons go, so it cannot be answered twice.
   */
  readonly keepKeyboard?: boolean;
}

/** Prefix of callback data that carries a button's position instead of a choice id longer than 64 bytes. */
export const POSITION_PREFIX = '~';

export function decideUpdate(update: Update, botUsername: string | undefined, now: () => Date = () => new Date()): UpdateDecision {
  if ('message' in update) return decideMessage(update.update_id, update.message, botUsername);
  if ('edited_message' in update) {
    const message = update.edited_message;
    if (message.chat.type !== 'private') return { kind: 'ignore', reason: 'edited-in-group' };
    // The engine has already acted on the original; re-running it would answer twice. Say so once.
    return { kind: 'reply', chatId: String(message.chat.id), text: adapterText('channel.edited-ignored', localeOf(message)) };
  }
  if ('callback_query' in update) return decideCallback(update.update_id, update.callback_query, now);
  if ('my_chat_member' in update) {
    const member = update.my_chat_member;
    const gone = member.chat.type === 'private' && member.new_chat_member.status === 'kicked';
    return gone ? { kind: 'blocked', chatId: String(member.chat.id) } : { kind: 'ignore', reason: 'membership-change' };
  }
  // Channel posts are ignored: an answer there would be broadcast to the whole channel.
  return { kind: 'ignore', reason: 'unsupported-update' };
}

function decideMessage(updateId: number, message: Message, botUsername: string | undefined): UpdateDecision {
  const chatId = String(message.chat.id);
  if (message.chat.type !== 'private') {
    return addressedToBot(message, botUsername)
      ? { kind: 'reply', chatId, text: adapterText('channel.group-refusal', localeOf(message)) }
      : { kind: 'ignore', reason: 'group-chatter' };
  }
  const content = contentOf(message, botUsername);
  const inbound: Inbound = {
    channel: 'telegram',
    userId: chatId,
    messageId: `u${updateId}`,
    receivedAt: new Date(message.date * 1000).toISOString(),
    ...languageHintOf(message),
    ...content,
  };
  return { kind: 'inbound', chatId, inbound };
}

type Content = Pick<Inbound, 'kind' | 'text' | 'location' | 'contactPhone'>;

function contentOf(message: Message, botUsername: string | undefined): Content {
  const caption = 'caption' in message && message.caption ? { text: message.caption } : {};
  if ('text' in message) return { kind: 'text', text: stripBotMention(message.text, botUsername) };
  if ('location' in message) return { kind: 'location', location: { lat: message.location.latitude, lon: message.location.longitude } };
  if ('contact' in message) {
    // Telegram gives a contact's number in international form, usually without the plus.
    const phone = internationalDigitsToE164(message.contact.phone_number);
    return { kind: 'contact', ...(phone ? { contactPhone: phone } : {}) };
  }
  return { kind: mediaKind(message), ...caption };
}

function mediaKind(message: Message): InboundKind {
  if ('photo' in message) return 'image';
  if ('sticker' in message) return 'sticker';
  if ('voice' in message || 'audio' in message) return 'audio';
  if ('video' in message || 'video_note' in message || 'animation' in message) return 'video';
  if ('document' in message) return 'document';
  return 'other';
}

function decideCallback(updateId: number, query: CallbackQuery, now: () => Date): UpdateDecision {
  const message = query.message;
  const chat = message?.chat;
  const pressed = 'data' in query ? query.data : undefined;
  const callback: CallbackRef = {
    id: query.id,
    chatId: chat ? String(chat.id) : undefined,
    messageId: message?.message_id,
    ...(pressed !== undefined && parseAlertChoice(pressed) !== undefined ? { keepKeyboard: true } : {}),
  };
  if (!chat || chat.type !== 'private' || !('data' in query)) return { kind: 'ignore', reason: 'callback-outside-private-chat', callback };
  const data = query.data;
  const label = buttonLabel(message, data);
  const base = {
    channel: 'telegram' as const,
    userId: String(chat.id),
    messageId: `c${query.id}`,
    receivedAt: now().toISOString(),
    ...languageHintFromCode(query.from.language_code),
  };
  // A position stands in for an over-long id: hand the engine the label, which it also accepts.
  const inbound: Inbound = data.startsWith(POSITION_PREFIX)
    ? { ...base, kind: 'text', text: label ?? '' }
    : { ...base, kind: 'choice', choiceId: data, ...(label === undefined ? {} : { text: label }) };
  if (inbound.kind === 'text' && !inbound.text) return { kind: 'ignore', reason: 'stale-button', callback };
  return { kind: 'inbound', chatId: String(chat.id), inbound, callback };
}

/** The pressed button's label, read back from the keyboard Telegram sends along with the press. */
function buttonLabel(message: CallbackQuery['message'], data: string): string | undefined {
  if (!message || !('reply_markup' in message) || !message.reply_markup) return undefined;
  for (const row of message.reply_markup.inline_keyboard) {
    for (const button of row) if ('callback_data' in button && button.callback_data === data) return button.text;
  }
  return undefined;
}

function addressedToBot(message: Message, botUsername: string | undefined): boolean {
  if ('new_chat_members' in message) return message.new_chat_members.some((m) => m.is_bot && m.username === botUsername);
  if (!('text' in message)) return false;
  if (message.text.startsWith('/')) return true;
  return botUsername !== undefined && message.text.toLowerCase().includes(`@${botUsername.toLowerCase()}`);
}

/** "/cari@LokerBekasiBot kasir" → "/cari kasir": the engine maps bare commands. */
function stripBotMention(text: string, botUsername: string | undefined): string {
  if (!botUsername || !text.startsWith('/')) return text;
  return text.replace(new RegExp(`^(/\\w+)@${botUsername}\\b`, 'i'), '$1');
}

function localeOf(message: Message): Locale {
  return localeFromHint(message.from?.language_code);
}

function languageHintOf(message: Message): Pick<Inbound, 'languageHint'> {
  return languageHintFromCode(message.from?.language_code);
}

function languageHintFromCode(code: string | undefined): Pick<Inbound, 'languageHint'> {
  if (!code) return {};
  const lower = code.toLowerCase();
  if (lower.startsWith('en')) return { languageHint: 'en' };
  if (lower.startsWith('id') || lower.startsWith('in')) return { languageHint: 'id' };
  return {};
}
