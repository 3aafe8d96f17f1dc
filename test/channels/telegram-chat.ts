import { expect } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import type { EmulatedUser, SentMessage, TelegramEmulator } from './telegram-emulator.js';

export interface ChatSessionOptions {
  /** Longest wait for the bot's answer to one message or press. Default: 5 000 ms (a spawned service on a busy machine needs more). */
  readonly turnTimeoutMs?: number;
}

/**
 * One person in their private chat with the bot, through the Bot API emulator: types or presses,
 * then waits for the bot's last reply of that turn (its question) and gets every message the turn
 * produced. Messages the bot sends on its own (alerts, digests) are read with `waitFor`, and count
 * as seen from then on.
 */
export class ChatSession {
  private seen = 0;
  pressCount = 0;
  private readonly turnTimeoutMs: number;

  constructor(
    private readonly emulator: TelegramEmulator,
    readonly user: EmulatedUser,
    options: ChatSessionOptions = {},
  ) {
    this.turnTimeoutMs = options.turnTimeoutMs ?? 5_000;
  }

  /** Types `text`; resolves with the turn's messages once one matches `until` (the last expected one). */
  types(text: string, until: string | RegExp): Promise<SentMessage[]> {
    this.emulator.userSends(this.user, text);
    return this.turn(until);
  }

  /** Presses the button carrying `data` under `message` (it must be there, as for a person). */
  presses(message: SentMessage, data: string, until: string | RegExp): Promise<SentMessage[]> {
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === data);
    if (!button) throw new Error(`no button ${data} under "${message.text.slice(0, 40)}"`);
    this.pressCount++;
    this.emulator.userPresses(this.user, message, data);
    return this.turn(until);
  }

  /** Waits (at most `timeoutMs`) for a message the bot sends unprompted that matches `until`; returns it. */
  async waitFor(until: string | RegExp, timeoutMs = this.turnTimeoutMs): Promise<SentMessage> {
    return question(await this.turn(until, timeoutMs));
  }

  /** Every message the bot sent this person so far. */
  all(): SentMessage[] {
    return this.emulator.sent.filter((m) => m.chat_id === String(this.user.id));
  }

  private async turn(until: string | RegExp, timeoutMs = this.turnTimeoutMs): Promise<SentMessage[]> {
    const matches = (m: SentMessage) => (typeof until === 'string' ? m.text === until : until.test(m.text));
    const fresh = await waitFor(
      () => {
        const mine = this.all().slice(this.seen);
        const last = mine.findIndex(matches);
        return last >= 0 ? mine.slice(0, last + 1) : undefined;
      },
      `reply matching ${String(until)} (after: ${this.all().at(-1)?.text.slice(0, 80) ?? 'nothing'})`,
      timeoutMs,
    );
    this.seen += fresh.length;
    return fresh;
  }
}

/** The last message of a turn, which carries the question and its buttons. */
export function question(messages: readonly SentMessage[]): SentMessage {
  const last = messages.at(-1);
  if (!last) throw new Error('the turn produced no message');
  return last;
}

/** A message's inline keyboard as label and callback data, one button per row (as the adapter renders choices). */
export function buttons(message: SentMessage): { text: string; data: string | undefined }[] {
  return (message.reply_markup?.inline_keyboard ?? []).map((row) => {
    expect(row).toHaveLength(1);
    return { text: row[0]?.text ?? '', data: row[0]?.callback_data };
  });
}
