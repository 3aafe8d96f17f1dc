import { EventEmitter } from 'node:events';
import type { WhatsAppClient, WhatsAppClientFactory, WhatsAppIncoming } from '../../src/channels/whatsapp/index.js';

/**
 * A stand-in for whatsapp-web.js's Client with the events and methods the adapter uses. Tests play
 * WhatsApp Web: emit `qr`, `ready`, `disconnected`, deliver messages, and read what was sent.
 */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  readonly sent: { chatId: string; text: string; at: number }[] = [];
  initialized = false;
  destroyed = false;
  /** Makes `initialize()` reject with this. */
  initError: Error | undefined;
  /** Makes the next `sendMessage` reject with this. */
  sendError: Error | undefined;
  lids = new Map<string, string>();
  private nextId = 1;

  initialize(): Promise<void> {
    this.initialized = true;
    return this.initError ? Promise.reject(this.initError) : Promise.resolve();
  }

  sendMessage(chatId: string, content: string): Promise<unknown> {
    const error = this.sendError;
    this.sendError = undefined;
    if (error) return Promise.reject(error);
    this.sent.push({ chatId, text: content, at: Date.now() });
    return Promise.resolve({ id: { _serialized: `out-${this.sent.length}` } });
  }

  destroy(): Promise<void> {
    this.destroyed = true;
    return Promise.resolve();
  }

  getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    return Promise.resolve(userIds.flatMap((lid) => (this.lids.has(lid) ? [{ lid, pn: this.lids.get(lid)! }] : [])));
  }

  /** Someone sends a message; `fields` overrides (type, fromMe, location…). */
  receive(from: string, body: string, fields: Partial<WhatsAppIncoming> = {}): WhatsAppIncoming {
    const message: WhatsAppIncoming = {
      id: { _serialized: `false_${from}_${this.nextId++}` },
      from,
      fromMe: false,
      body,
      type: 'chat',
      timestamp: Math.floor(Date.now() / 1000),
      ...fields,
    };
    this.emit('message', message);
    return message;
  }
}

/** Hands out a new FakeWhatsAppClient per connection attempt and keeps them all. */
export class FakeClientFactory implements WhatsAppClientFactory {
  readonly clients: FakeWhatsAppClient[] = [];
  closed = false;
  /** Applied to each new client before the adapter sees it. */
  prepare: (client: FakeWhatsAppClient, index: number) => void = () => undefined;

  create(): Promise<WhatsAppClient> {
    const client = new FakeWhatsAppClient();
    this.prepare(client, this.clients.length);
    this.clients.push(client);
    return Promise.resolve(client);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  get latest(): FakeWhatsAppClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no client created yet');
    return client;
  }
}
