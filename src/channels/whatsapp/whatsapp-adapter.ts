import type { Router } from 'express';
import type { Inbound, InboundHandler, Outbound } from '../../conversation/message.js';
import type { ReadinessCheck } from '../../http/readiness.js';
import type { Logger } from '../../runtime/logger.js';
import { RecipientBlockedError, TemporarySendError, type ChannelSender } from '../channel-sender.js';
import type { ChannelAdapter } from '../channel.js';
import { KeyedQueue } from '../keyed-queue.js';
import { handleOrExcuse } from '../unavailable-reply.js';
import { SendRejectedError } from '../send-rejected-error.js';
import { userRef } from '../user-ref.js';
import { readNumberedReply, renderNumbered } from './numbered-choices.js';
import { OutboundPacer } from './outbound-pacer.js';
import { qrToTerminal } from './qr-image.js';
import type { WhatsAppClient, WhatsAppIncoming } from './whatsapp-client.js';
import { WhatsAppConnection, type WhatsAppState } from './whatsapp-connection.js';
import { toSendError } from './whatsapp-errors.js';
import { chatIdToE164, e164ToChatId, isLid } from './whatsapp-id.js';
import { skipReason, toInbound } from './whatsapp-message.js';
import type { WhatsAppAdapterOptions } from './whatsapp-options.js';
import { whatsappQrRouter } from './whatsapp-qr-route.js';

/**
 * WhatsApp through whatsapp-web.js. Messages from people (not groups, broadcasts or ourselves)
 * become Inbound messages, handled one at a time per chat; replies and alerts go out as text with
 * numbered choices, paced to protect the number. `start()` returns at once and never throws: the
 * connection comes up (or keeps retrying) in the background and its state is on readiness.
 */
export class WhatsAppAdapter implements ChannelAdapter, ChannelSender {
  readonly name = 'whatsapp';
  readonly channel = 'whatsapp' as const;
  readonly sender: ChannelSender = this;
  readonly readiness: ReadinessCheck;
  readonly routes?: readonly (readonly [string, Router])[];

  private readonly log: Logger;
  private readonly connection: WhatsAppConnection;
  private readonly queue = new KeyedQueue();
  private readonly pacer: OutboundPacer;
  private handler: InboundHandler | undefined;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    this.log = options.logger.child({ module: 'whatsapp' });
    this.pacer = new OutboundPacer(options.pacing);
    const print = options.printQr ?? ((text: string) => process.stderr.write(`${text}\n`));
    this.connection = new WhatsAppConnection({
      factory: options.clientFactory,
      logger: this.log,
      onMessage: (message) => this.onMessage(message),
      onQr: (qr) => {
        qrToTerminal(qr).then(print, (error: unknown) => this.log.error({ err: error }, 'could not draw the QR code for the terminal'));
      },
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
      ...(options.initTimeoutMs ? { initTimeoutMs: options.initTimeoutMs } : {}),
    });
    this.readiness = { name: 'whatsapp', check: () => Promise.resolve({ ready: this.connection.state === 'ready', state: this.connection.state }) };
    if (options.adminAuth) this.routes = [[options.adminPath ?? '/api/admin/whatsapp', whatsappQrRouter(this.connection, options.adminAuth)]];
  }

  get state(): WhatsAppState {
    return this.connection.state;
  }

  /** The QR code text waiting to be scanned, if any. */
  get pendingQr(): string | undefined {
    return this.connection.pendingQr;
  }

  start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
    this.connection.start();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.handler = undefined;
    await this.queue.idle();
    await this.connection.stop();
    await this.options.clientFactory.close?.();
  }

  /** ChannelSender: one message to one person (E.164), paced, with numbered choices. */
  async send(userId: string, message: Outbound): Promise<void> {
    let chatId: string;
    try {
      chatId = e164ToChatId(userId);
    } catch (error) {
      throw new SendRejectedError('whatsapp', 'recipient is not a phone number', { cause: error });
    }
    await this.deliver(chatId, userId, message);
  }

  private async deliver(chatId: string, userId: string, message: Outbound): Promise<void> {
    // Checked before and after the wait: no pacing slot is spent while disconnected, and the
    // connection may have dropped while waiting.
    this.requireClient();
    await this.pacer.acquire(userId);
    const client = this.requireClient();
    try {
      await client.sendMessage(chatId, renderNumbered(message));
    } catch (error) {
      throw toSendError(error);
    }
  }

  private requireClient(): WhatsAppClient {
    const client = this.connection.readyClient;
    if (!client) throw new TemporarySendError('whatsapp', `not connected (state: ${this.connection.state})`);
    return client;
  }

  private onMessage(message: WhatsAppIncoming): void {
    const skip = skipReason(message);
    const handler = this.handler;
    if (skip || !handler) {
      this.log.debug({ reason: skip ?? 'not-started', messageType: message.type }, 'message ignored');
      return;
    }
    // Queued by chat id, synchronously, so one person's messages are handled in arrival order.
    this.queue.run(message.from, () => this.process(message, handler)).catch((error: unknown) => {
      this.log.error({ err: error, user: userRef(message.from) }, 'message failed');
    });
  }

  private async process(message: WhatsAppIncoming, handler: InboundHandler): Promise<void> {
    const phone = await this.phoneOf(message.from);
    if (!phone) {
      this.log.warn({ user: userRef(message.from) }, 'cannot tell the phone number of this chat; message dropped');
      return;
    }
    const inbound = readNumbered(toInbound(message, phone));
    const replies = await handleOrExcuse(handler, inbound);
    for (const reply of replies) {
      try {
        await this.deliver(message.from, phone, reply);
      } catch (error) {
        if (!(error instanceof RecipientBlockedError)) throw error;
        this.log.info({ user: userRef(phone) }, 'reply not delivered: number not on WhatsApp');
        await this.options.onRecipientBlocked?.(phone);
        return;
      }
    }
    this.log.debug({ user: userRef(phone), kind: inbound.kind, replies: replies.length }, 'message handled');
  }

  /** E.164 for a `…@c.us` id; a `…@lid` privacy id is asked of WhatsApp Web. */
  private async phoneOf(chatId: string): Promise<string | undefined> {
    const direct = chatIdToE164(chatId);
    if (direct || !isLid(chatId)) return direct;
    const client = this.connection.readyClient;
    try {
      const [pair] = (await client?.getContactLidAndPhone?.([chatId])) ?? [];
      return pair ? chatIdToE164(pair.pn) : undefined;
    } catch (error) {
      this.log.warn({ err: error }, 'could not resolve a WhatsApp privacy id');
      return undefined;
    }
  }
}

/**
 * Typed answers stay text: the engine knows which choices it offered (in Redis, so this holds across
 * restarts and processes) and reads "2" or an option's words as that choice. Only the list-number
 * spellings ("no 2", "#2") are tidied to the bare number.
 */
function readNumbered(inbound: Inbound): Inbound {
  if (inbound.kind !== 'text' || !inbound.text) return inbound;
  const text = readNumberedReply(inbound.text);
  return text === inbound.text ? inbound : { ...inbound, text };
}
