import type { Router } from 'express';
import { Telegraf, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { InboundHandler, Outbound } from '../../conversation/message.js';
import type { ReadinessCheck } from '../../http/readiness.js';
import type { Logger } from '../../runtime/logger.js';
import { backoffDelay, WakeableSleep } from '../backoff.js';
import { RateLimitedError, RecipientBlockedError, TemporarySendError } from '../channel-sender.js';
import type { ChannelAdapter } from '../channel.js';
import { KeyedQueue } from '../keyed-queue.js';
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
  private attempt = 0;
  private commandsRegistered = false;
  private loop: Promise<void> | undefined;
  private firstOutcome: (() => void) | undefined;
  private readonly sleeper = new WakeableSleep();

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
    const first = new Promise<void>((resolve) => (this.firstOutcome = resolve));
    this.loop = this.connectLoop().catch((error: unknown) => {
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
    this.sleeper.wake();
    await this.stopPolling();
    await this.queue.idle();
    this.state = 'stopped';
  }

  private async connectLoop(): Promise<void> {
    while (this.running) {
      try {
        await this.connectOnce();
        if (this.options.webhook || !this.running) return;
        this.log.warn('long polling ended by itself; reconnecting');
      } catch (error) {
        if (!this.running) return;
        this.state = 'error';
        if (error instanceof TelegramError && error.code === 401) {
          this.log.error('Telegram rejected the bot token (401); the Telegram channel stays off until TELEGRAM_BOT_TOKEN is fixed');
          this.settleFirst();
          return;
        }
        this.log.warn({ err: error, attempt: this.attempt }, 'cannot reach the Telegram Bot API; retrying');
      }
      this.settleFirst();
      await this.sleeper.sleep(backoffDelay(this.attempt++, this.options.reconnect));
    }
  }

  /** One connection: resolves after the webhook is set, or (polling) when polling stops. */
  private async connectOnce(): Promise<void> {
    this.bot.botInfo = await this.bot.telegram.getMe();
    await this.registerCommands();
    const webhook = this.options.webhook;
    if (webhook) {
      await this.bot.telegram.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      this.connected('webhook');
      return;
    }
    await this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => this.connected('polling'));
  }

  private connected(state: 'polling' | 'webhook'): void {
    this.state = state;
    this.attempt = 0;
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
      decision.kind === 'reply' ? [{ text: decision.text }] : await this.requireHandler().handle(decision.inbound);
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
        await this.sleeper.sleep(waitMs);
      }
    }
  }

  /** Stops the button's spinner and removes the keyboard, so an old question cannot be answered twice. */
  private finishCallback(callback: CallbackRef): void {
    const telegram = this.bot.telegram;
    const work = async () => {
      await telegram.answerCbQuery(callback.id);
      if (callback.chatId !== undefined && callback.messageId !== undefined) {
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
