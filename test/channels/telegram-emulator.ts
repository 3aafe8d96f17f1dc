import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../helpers/wait.js';

/** A Telegram user as the emulator knows them; their private chat has the same id. */
export interface EmulatedUser {
  readonly id: number;
  readonly first_name: string;
  readonly language_code?: string;
}

/** One Bot API call the bot made. */
export interface RecordedCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/** A message the bot sent, as recorded. */
export interface SentMessage {
  readonly message_id: number;
  readonly chat_id: string;
  readonly text: string;
  readonly reply_markup?: { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };
}

interface Failure {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const BOT = { id: 777000, is_bot: true, first_name: 'LokerBot', username: 'LokerBekasiBot' };

/** Telegram's flood limits, enforced on sendMessage when given. */
export interface EmulatedLimits {
  /** Most messages accepted in any sliding second, all chats together. Telegram: about 30. */
  readonly perSecond: number;
  /** Least time between two messages accepted for one chat. Telegram: about 1 000 ms. */
  readonly perChatMs: number;
  /** The `retry_after` (seconds) a 429 carries. Default: 1. */
  readonly retryAfterSeconds?: number;
}

export interface TelegramEmulatorOptions {
  /** Answer sendMessage with 429 and `retry_after` past these limits, as Telegram does. Default: no limits. */
  readonly limits?: EmulatedLimits;
}

/** A sendMessage refused with 429 because of the limits (not one made to fail by `failNext`). */
export interface Throttled {
  readonly at: number;
  readonly chat_id: string;
  readonly limit: 'overall' | 'per-chat';
}

/**
 * A small Telegram Bot API stand-in on loopback, enough for telegraf: getMe, getUpdates (long poll
 * honouring `timeout` and `offset`), sendMessage, answerCallbackQuery, editMessageReplyMarkup,
 * setMyCommands, setWebhook, deleteWebhook. Tests inject what users do and read what the bot sent;
 * `failNext` makes the next call of a method fail like Telegram does (403, 429 with retry_after, 5xx),
 * and `limits` makes it refuse messages past Telegram's flood limits (overall and per chat) with a 429.
 */
export class TelegramEmulator {
  readonly token = '123456:TEST-token_for-the-emulator';
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  /** When each message of `sent` was accepted (epoch ms), at the same index. */
  readonly sentAt: number[] = [];
  private readonly server = http.createServer((req, res) => void this.route(req, res));
  private readonly updates: { update_id: number; [key: string]: unknown }[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly failures = new Map<string, Failure[]>();
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private port = 0;
  /** sendMessage 429s given because of `limits`. */
  readonly throttled: Throttled[] = [];
  /** Every call answered with an error (by `failNext` or the limits), with when. */
  readonly failed: { readonly at: number; readonly method: string; readonly status: number }[] = [];
  /** Accept times of the last second's messages (overall), and of each chat's last one. */
  private acceptedAt: number[] = [];
  private readonly lastByChat = new Map<string, number>();

  constructor(private readonly options: TelegramEmulatorOptions = {}) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The bot token and API root a TelegramAdapter needs to talk to this emulator. */
  get connection(): { token: string; apiRoot: string } {
    return { token: this.token, apiRoot: this.apiRoot };
  }

  /** What to pass as `apiRoot`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The user types `text` in their private chat (or in `chat` when given). */
  userSends(user: EmulatedUser, text: string, chat?: { id: number; type: 'group' | 'supergroup' }): number {
    return this.userMessage(user, { text }, chat);
  }

  /** The user sends any message content (`{ photo: [...] }`, `{ sticker: {...} }`, …). */
  userMessage(user: EmulatedUser, content: Record<string, unknown>, chat?: { id: number; type: string }): number {
    const message = { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), from: this.from(user), chat: chat ?? this.chat(user), ...content };
    return this.push({ message });
  }

  userEdits(user: EmulatedUser, text: string): number {
    const edited_message = { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), edit_date: Math.floor(Date.now() / 1000), from: this.from(user), chat: this.chat(user), text };
    return this.push({ edited_message });
  }

  /** The user presses the button carrying `data` under a message the bot sent. */
  userPresses(user: EmulatedUser, message: SentMessage, data: string): number {
    const callback_query = {
      id: `cb${this.nextUpdateId}`,
      from: this.from(user),
      chat_instance: 'ci1',
      data,
      message: { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: this.chat(user), from: BOT, text: message.text, reply_markup: message.reply_markup },
    };
    return this.push({ callback_query });
  }

  /** The user blocks the bot: Telegram reports it as a membership change of the private chat. */
  userBlocks(user: EmulatedUser): number {
    const my_chat_member = {
      chat: this.chat(user),
      from: this.from(user),
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { user: BOT, status: 'member' },
      new_chat_member: { user: BOT, status: 'kicked', until_date: 0 },
    };
    return this.push({ my_chat_member });
  }

  /** Makes the next call of `method` fail with this Bot API error. */
  failNext(method: string, errorCode: number, description: string, parameters?: Record<string, unknown>): void {
    const body = { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) };
    const list = this.failures.get(method) ?? [];
    list.push({ status: errorCode, body });
    this.failures.set(method, list);
  }

  /** Waits until the bot sent at least `count` messages to `chatId`, and returns them. */
  async waitForSent(chatId: number, count: number, timeoutMs = 5_000): Promise<SentMessage[]> {
    return waitFor(() => {
      const mine = this.sent.filter((m) => m.chat_id === String(chatId));
      return mine.length >= count ? mine : undefined;
    }, `emulator: ${count} messages to chat ${chatId}`, timeoutMs);
  }

  /** Waits until the bot sent `chatId` a message whose text matches `pattern`, and returns it. */
  async waitForText(chatId: number, pattern: RegExp, timeoutMs = 5_000): Promise<SentMessage> {
    return waitFor(() => this.sent.find((m) => m.chat_id === String(chatId) && pattern.test(m.text)), `emulator: a message matching ${String(pattern)}`, timeoutMs);
  }

  async waitForCall(method: string, timeoutMs = 5_000): Promise<RecordedCall> {
    return waitFor(() => this.calls.find((c) => c.method === method), `emulator: a ${method} call`, timeoutMs);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** An update as Telegram would post it to a webhook (not queued for getUpdates). */
  webhookUpdate(user: EmulatedUser, text: string): Record<string, unknown> {
    return { update_id: this.nextUpdateId++, message: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), from: this.from(user), chat: this.chat(user), text } };
  }

  private push(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    for (const wake of this.waiters) wake();
    return update_id;
  }

  private from(user: EmulatedUser) {
    return { id: user.id, is_bot: false, first_name: user.first_name, ...(user.language_code ? { language_code: user.language_code } : {}) };
  }

  private chat(user: EmulatedUser) {
    return { id: user.id, type: 'private', first_name: user.first_name };
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const payload = await readJson(req);
    if (!match || match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] ?? '';
    this.calls.push({ method, payload });
    const failure = this.failures.get(method)?.shift() ?? (method === 'sendMessage' ? this.floodFailure(payload) : undefined);
    if (failure) {
      this.failed.push({ at: Date.now(), method, status: failure.status });
      return reply(res, failure.status, failure.body);
    }
    const result = await this.answer(method, payload, req);
    if (result === undefined) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    reply(res, 200, { ok: true, result });
  }

  private async answer(method: string, payload: Record<string, unknown>, req: http.IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT;
      case 'getUpdates':
        return this.getUpdates(payload, req);
      case 'sendMessage':
        return this.recordSend(payload);
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'setWebhook':
      case 'deleteWebhook':
      case 'editMessageReplyMarkup':
        return true;
      default:
        return undefined;
    }
  }

  private async getUpdates(payload: Record<string, unknown>, req: http.IncomingMessage): Promise<unknown[]> {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    // Like Telegram: asking with an offset confirms every earlier update.
    while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < offset) this.updates.shift();
    const timeoutS = Math.min(typeof payload.timeout === 'number' ? payload.timeout : 0, 50);
    if (this.updates.length === 0 && timeoutS > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutS * 1000);
        this.waiters.add(wake);
        req.once('close', wake);
      });
    }
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    return this.updates.slice(0, limit);
  }

  /**
   * A 429 when this message would break the limits; otherwise it counts as accepted now. Checked
   * and counted in one synchronous step, so concurrent requests cannot both take the last place.
   */
  private floodFailure(payload: Record<string, unknown>): Failure | undefined {
    const limits = this.options.limits;
    if (!limits) return undefined;
    const now = Date.now();
    const chat = String(payload.chat_id);
    while (this.acceptedAt.length > 0 && (this.acceptedAt[0] ?? 0) <= now - 1000) this.acceptedAt.shift();
    const last = this.lastByChat.get(chat);
    const limit = this.acceptedAt.length >= limits.perSecond ? 'overall' : last !== undefined && now - last < limits.perChatMs ? 'per-chat' : undefined;
    if (limit) {
      this.throttled.push({ at: now, chat_id: chat, limit });
      const retryAfter = limits.retryAfterSeconds ?? 1;
      return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } };
    }
    this.acceptedAt.push(now);
    this.lastByChat.set(chat, now);
    return undefined;
  }

  private recordSend(payload: Record<string, unknown>): unknown {
    const message: SentMessage = {
      message_id: this.nextMessageId++,
      chat_id: String(payload.chat_id),
      text: String(payload.text),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup as SentMessage['reply_markup'] } : {}),
    };
    this.sent.push(message);
    this.sentAt.push(Date.now());
    return { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, from: BOT, text: message.text };
  }
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
