import { setTimeout as delay } from 'node:timers/promises';
import type { Router } from 'express';
import { Telegraf, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { InboundHandler, Outbound } from '../../conversation/message.js';
import type { ReadinessCheck } from '../../http/readiness.js';
import type { Logger } from '../../runtime/logger.js';
import { RateLimitedError, RecipientBlockedError, TemporarySendError } from '../channel-sender.js';
import type { ChannelAdapter } from '../channel.js';
import { KeyedQueue } from '../keyed-queue.js';
import { handleOrExcuse } from '../unavailable-reply.js';
import { keepConnected } from '../reconnect.js';
import { userRef } from '../user-ref.js';
import { commandMenus } from './telegram-commands.js';
import { webhookMountPath, withTelegramDefaults, type ResolvedTelegramOptions, type TelegramAdapterOptions } from './telegram-options.js';
import { TelegramSender } from './telegram-sender.js';
import { decideUpdate, type CallbackRef, type UpdateDecision } from './telegram-update.js';
import { telegramWebhookRouter } from './telegram-webhook.js';

/** What `/readyz` shows for Telegram. */
export type TelegramState = 'stopped' | 'starting' | 'polling' | 'webhook' | 'error' | 'stopping';

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
/** A conversation reply that hits a 429 waits this long at most before it is given up. */
const MAX_REPLY_WAIT_MS = 30_000;

/**
 * Telegram through telegraf: long polling by default, a webhook route when a URL is given.
 * Updates become Inbound messages handled one at a time per chat, in order; replies go back through
 * the same TelegramSender the alert workers use. `start()` never throws for a Telegram outage: it
 * reports `error` on readiness and keeps reconnecting with backoff (except for a rejected token).
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly name = 'telegram';
  readonly sender: TelegramSender;
  readonly readiness: ReadinessCheck;
  readonly routes?: readonly (readonly [string, Router])[];

  private readonly options: ResolvedTelegramOptions;
  private readonly log: Logger;
  private readonly bot: Telegraf;
  private readonly queue = new KeyedQueue();
  private state: TelegramState = 'stopped';
  private handler: InboundHandler | undefined;
  private running = false;
  private commandsRegistered = false;
  private loop: Promise<void> | undefined;
  private firstOutcome: (() => void) | undefined;
  /** Aborted by stop(): cuts the reconnect delay and a reply's rate-limit wait short. */
  private stopping = new AbortController();

  constructor(options: TelegramAdapterOptions) {
    this.options = withTelegramDefaults(options);
    this.log = options.logger.child({ module: 'telegram' });
    this.bot = new Telegraf(options.token, {
      // Replies go out as their own requests, never in the webhook's answer, so their errors are seen.
      telegram: { apiRoot: this.options.apiRoot, webhookReply: false },
      handlerTimeout: this.options.handlerTimeoutMs,
    });
    // The only middleware. It queues the update synchronously, so updates of one polling batch
    // (which telegraf starts together) keep their order per chat.
    this.bot.use((ctx) => this.onUpdate(ctx.update));
    this.bot.catch((error) => this.log.error({ err: error }, 'update handling failed or timed out'));
    this.sender = new TelegramSender(this.bot.telegram);
    this.readiness = { name: 'telegram', check: () => Promise.resolve({ ready: this.state === 'polling' || this.state === 'webhook', state: this.state }) };
    const webhook = this.options.webhook;
    if (webhook) {
      const router = telegramWebhookRouter(webhook.secret, (update) => (this.running && this.handler ? this.bot.handleUpdate(update) : false));
      this.routes = [[webhookMountPath(webhook.url), router]];
    }
  }

  get currentState(): TelegramState {
    return this.state;
  }

  async start(handler: InboundHandler): Promise<void> {
    if (this.running) throw new Error('TelegramAdapter: already started');
    this.handler = handler;
    this.running = true;
    this.state = 'starting';
    this.stopping = new AbortController();
    const first = new Promise<void>((resolve) => (this.firstOutcome = resolve));
    this.loop = this.connectLoop(this.stopping.signal).catch((error: unknown) => {
      this.state = 'error';
      this.log.error({ err: error }, 'telegram connection loop crashed');
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([first, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.startTimeoutMs)))]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.state = 'stopping';
    this.stopping.abort();
    await this.stopPolling();
    await this.queue.idle();
    this.state = 'stopped';
  }

  /** Connects with backoff (keepConnected: p-retry) until stopped; a rejected token ends it for good. */
  private async connectLoop(signal: AbortSignal): Promise<void> {
    try {
      await keepConnected((connected) => this.connectOnce(connected), {
        reconnect: this.options.reconnect,
        signal,
        isPermanent: isRejectedToken,
        onFailure: (error, attempt) => {
          this.state = 'error';
          // One clear line when Telegram goes away; the repeats of the same outage are warnings.
          if (attempt === 1) this.log.error({ err: error, attempt }, 'cannot reach the Telegram Bot API; retrying with backoff (other channels keep running)');
          else this.log.warn({ err: error, attempt }, 'Telegram reconnect attempt failed');
          this.settleFirst();
        },
      });
    } catch (error) {
      if (!isRejectedToken(error)) throw error;
      this.state = 'error';
      this.log.error('Telegram rejected the bot token (401); the Telegram channel stays off until TELEGRAM_BOT_TOKEN is fixed');
      this.settleFirst();
    }
  }

  /**
   * One connection. Resolves once the webhook is set (nothing more to keep); in polling mode it
   * throws when polling ends, whether it failed or ended by itself, so keepConnected reconnects.
   */
  private async connectOnce(connected: () => void): Promise<void> {
    this.bot.botInfo = await this.bot.telegram.getMe();
    await this.registerCommands();
    const webhook = this.options.webhook;
    if (webhook) {
      await this.bot.telegram.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      this.connected('webhook', connected);
      return;
    }
    await this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => this.connected('polling', connected));
    if (this.running) throw new Error('long polling ended by itself');
  }

  private connected(state: 'polling' | 'webhook', connected: () => void): void {
    this.state = state;
    connected();
    this.log.info({ mode: state, bot: this.bot.botInfo?.username }, 'telegram connected');
    this.settleFirst();
  }

  /** Failing to set the menu is not worth failing the channel for: log and go on. */
  private async registerCommands(): Promise<void> {
    if (!this.options.registerCommands || this.commandsRegistered) return;
    try {
      for (const menu of commandMenus()) {
        await this.bot.telegram.setMyCommands(menu.commands, menu.languageCode ? { language_code: menu.languageCode } : {});
      }
      this.commandsRegistered = true;
    } catch (error) {
      this.log.warn({ err: error }, 'setMyCommands failed; the command menu may be out of date');
    }
  }

  private onUpdate(update: Update): Promise<void> {
    const decision = decideUpdate(update, this.bot.botInfo?.username);
    if ('callback' in decision && decision.callback) this.finishCallback(decision.callback);
    if (decision.kind === 'ignore') {
      this.log.debug({ updateId: update.update_id, reason: decision.reason }, 'update ignored');
      return Promise.resolve();
    }
    return this.queue.run(decision.chatId, () => this.process(update.update_id, decision)).catch((error: unknown) => {
      this.log.error({ err: error, updateId: update.update_id }, 'update failed');
    });
  }

  private async process(updateId: number, decision: Exclude<UpdateDecision, { kind: 'ignore' }>): Promise<void> {
    const user = userRef(decision.chatId);
    if (decision.kind === 'blocked') {
      this.log.info({ user, updateId }, 'person blocked the bot');
      await this.options.onRecipientBlocked?.(decision.chatId);
      return;
    }
    const replies: readonly Outbound[] =
      decision.kind === 'reply' ? [{ text: decision.text }] : await handleOrExcuse(this.requireHandler(), decision.inbound);
    for (const reply of replies) await this.reply(decision.chatId, reply, user);
    this.log.debug({ user, updateId, kind: decision.kind === 'inbound' ? decision.inbound.kind : 'adapter-reply', replies: replies.length }, 'update handled');
  }

  /** Sends a conversation reply, waiting out a short rate limit; a blocked person is reported, not thrown. */
  private async reply(chatId: string, message: Outbound, user: string): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await this.sender.send(chatId, message);
        return;
      } catch (error) {
        if (error instanceof RecipientBlockedError) {
          this.log.info({ user }, 'reply not delivered: person blocked the bot');
          await this.options.onRecipientBlocked?.(chatId);
          return;
        }
        const waitMs = error instanceof RateLimitedError ? error.retryAfterMs : error instanceof TemporarySendError ? 1_000 : undefined;
        if (waitMs === undefined || tries >= 2 || waitMs > MAX_REPLY_WAIT_MS || !this.running) throw error;
        // A stop cuts the wait short; the next try then gives up because the adapter is not running.
        await delay(waitMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /** Stops the button's spinner and removes the keyboard, so an old question cannot be answered twice. */
  private finishCallback(callback: CallbackRef): void {
    const telegram = this.bot.telegram;
    const work = async () => {
      await telegram.answerCbQuery(callback.id);
      if (!callback.keepKeyboard && callback.chatId !== undefined && callback.messageId !== undefined) {
        await telegram.editMessageReplyMarkup(callback.chatId, callback.messageId, undefined, undefined);
      }
    };
    work().catch((error: unknown) => this.log.debug({ err: error }, 'could not answer a button press'));
  }

  private requireHandler(): InboundHandler {
    if (!this.handler) throw new Error('TelegramAdapter: not started');
    return this.handler;
  }

  private settleFirst(): void {
    this.firstOutcome?.();
    this.firstOutcome = undefined;
  }


  /**
   * telegraf's `stop()` throws while `launch()` is between `getMe` and its first `getUpdates`, so
   * keep asking (bounded) until the connection loop has ended.
   */
  private async stopPolling(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    let ended = false;
    void loop.then(() => (ended = true));
    for (let i = 0; i < 100 && !ended; i++) {
      try {
        this.bot.stop('adapter stopping');
      } catch {
        // Not polling (yet, or any more, or webhook mode).
      }
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
  }
}

/** Telegram answers 401 to a bad bot token: no retry can fix that, only a new TELEGRAM_BOT_TOKEN. */
function isRejectedToken(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 401;
}
