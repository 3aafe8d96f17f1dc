import type { Logger } from '../../runtime/logger.js';
import type { ReconnectOptions } from '../reconnect.js';

export interface TelegramWebhookOptions {
  /** Public HTTPS URL Telegram posts updates to (`TELEGRAM_WEBHOOK_URL`); its path is where the route is mounted. */
  readonly url: string;
  /** Shared secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` (`TELEGRAM_WEBHOOK_SECRET`): 1–256 of `A-Z a-z 0-9 _ -`. */
  readonly secret: string;
}

export interface TelegramAdapterOptions {
  /** Bot token from @BotFather (`TELEGRAM_BOT_TOKEN`). Required. */
  readonly token: string;
  readonly logger: Logger;
  /** Bot API root (`TELEGRAM_API_ROOT`), e.g. a local Bot API server or a test emulator. Default: `https://api.telegram.org`. */
  readonly apiRoot?: string;
  /** Webhook mode when given; long polling otherwise. Default: long polling. */
  readonly webhook?: TelegramWebhookOptions;
  /** Longest time one update may take before telegraf moves on (the work still finishes, in order). Default: 60,000 ms. */
  readonly handlerTimeoutMs?: number;
  /** How long `start()` waits for the first connection before returning with state `starting`/`error`. Default: 10,000 ms. */
  readonly startTimeoutMs?: number;
  /** Delays between reconnection attempts after polling or `getMe` fails. Default: 5 s doubling to 5 min, randomised (DEFAULT_RECONNECT). */
  readonly reconnect?: ReconnectOptions;
  /** Registers the command menu with `setMyCommands` at start. Default: true. */
  readonly registerCommands?: boolean;
  /**
   * Called when a person turns out to have blocked the bot (a 403 on a reply, or Telegram telling
   * us they blocked it): mark them inactive so alerts stop. Default: only logged.
   */
  readonly onRecipientBlocked?: (userId: string) => Promise<void>;
}

export const DEFAULT_TELEGRAM_OPTIONS = {
  apiRoot: 'https://api.telegram.org',
  handlerTimeoutMs: 60_000,
  startTimeoutMs: 10_000,
  reconnect: {} as ReconnectOptions,
  registerCommands: true,
};

export type ResolvedTelegramOptions = typeof DEFAULT_TELEGRAM_OPTIONS & TelegramAdapterOptions;

export function withTelegramDefaults(options: TelegramAdapterOptions): ResolvedTelegramOptions {
  if (!/^\d+:[\w-]+$/.test(options.token)) {
    throw new TypeError('TelegramAdapter: token must look like "123456:ABC-def…" (the token @BotFather gave you)');
  }
  if (options.webhook && !/^[\w-]{1,256}$/.test(options.webhook.secret)) {
    throw new TypeError('TelegramAdapter: webhook.secret must be 1–256 characters of A-Z, a-z, 0-9, _ and -');
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TelegramAdapterOptions;
  return { ...DEFAULT_TELEGRAM_OPTIONS, ...defined };
}

/** Where the webhook route is mounted on the express app: the path of the public URL, or `/telegram/webhook`. */
export function webhookMountPath(url: string): string {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  return path === '' ? '/telegram/webhook' : path;
}
