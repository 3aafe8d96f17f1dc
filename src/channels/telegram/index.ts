export { TelegramAdapter, type TelegramState } from './telegram-adapter.js';
export type { TelegramAdapterOptions, TelegramWebhookOptions } from './telegram-options.js';
export { TelegramSender } from './telegram-sender.js';
