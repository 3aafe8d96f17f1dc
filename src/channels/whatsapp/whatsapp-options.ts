import type { RequestHandler } from 'express';
import type { Logger } from '../../runtime/logger.js';
import type { ReconnectOptions } from '../reconnect.js';
import type { OutboundPacerOptions } from './outbound-pacer.js';
import type { WhatsAppClientFactory } from './whatsapp-client.js';

export interface WhatsAppAdapterOptions {
  readonly logger: Logger;
  /** Makes whatsapp-web.js clients: `realClientFactory(...)` in the service, a stand-in in tests. Required. */
  readonly clientFactory: WhatsAppClientFactory;
  /**
   * Admin auth for the QR routes (`/api/admin/whatsapp/qr`, `/status`). Default: none, and then
   * the routes are not mounted at all, because whoever scans the QR takes over the number.
   */
  readonly adminAuth?: RequestHandler;
  /** Where the QR routes are mounted. Default: `/api/admin/whatsapp`. */
  readonly adminPath?: string;
  /** Outbound pacing. Default: ≥ 3 s per chat, ≤ 20 per minute overall, up to 1.5 s jitter. */
  readonly pacing?: OutboundPacerOptions;
  /** Reconnect delays. Default: 5 s doubling to 5 min, randomised (DEFAULT_RECONNECT). */
  readonly reconnect?: ReconnectOptions;
  /** Longest wait for the browser to start and WhatsApp Web to load. Default: 120,000 ms. */
  readonly initTimeoutMs?: number;
  /** Prints a QR code for the terminal. Default: writes it to standard error. */
  readonly printQr?: (terminalText: string) => void;
  /** See TelegramAdapterOptions.onRecipientBlocked. Default: only logged. */
  readonly onRecipientBlocked?: (userId: string) => Promise<void>;
}
