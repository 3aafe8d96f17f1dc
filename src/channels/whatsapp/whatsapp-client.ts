/**
 * The part of whatsapp-web.js's `Client` the adapter uses, so tests can drive the adapter with a
 * stand-in and the rest of the code never touches the vendor type. The real `Client` satisfies it.
 */
export interface WhatsAppClient {
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'authenticated' | 'ready', listener: () => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  on(event: 'disconnected', listener: (reason: string) => void): unknown;
  on(event: 'message', listener: (message: WhatsAppIncoming) => void): unknown;
  removeAllListeners(): unknown;
  initialize(): Promise<void>;
  sendMessage(chatId: string, content: string): Promise<unknown>;
  destroy(): Promise<void>;
  /** Resolves `…@lid` privacy ids to phone ids (`pn`). Optional: older clients lack it. */
  getContactLidAndPhone?(userIds: string[]): Promise<{ lid: string; pn: string }[]>;
}

/** The fields of a whatsapp-web.js `Message` the adapter reads. */
export interface WhatsAppIncoming {
  readonly id: { readonly _serialized: string };
  readonly from: string;
  readonly fromMe: boolean;
  readonly body: string;
  /** `chat`, `image`, `ptt`, `location`, `vcard`… (whatsapp-web.js `MessageTypes`). */
  readonly type: string;
  /** Unix seconds. */
  readonly timestamp: number;
  readonly isStatus?: boolean;
  readonly location?: { readonly latitude: number | string; readonly longitude: number | string };
  readonly vCards?: readonly string[];
}

/** Makes a fresh client for each connection attempt (a destroyed client is not reused). */
export interface WhatsAppClientFactory {
  create(): Promise<WhatsAppClient>;
  /** Releases what the factory holds (a MongoDB connection for RemoteAuth). Default: nothing. */
  close?(): Promise<void>;
}
