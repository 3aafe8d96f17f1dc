import type { Logger } from '../../runtime/logger.js';
import { settlesWithin } from '../../runtime/settles-within.js';
import { keepConnected, type ReconnectOptions } from '../reconnect.js';
import type { WhatsAppClient, WhatsAppClientFactory, WhatsAppIncoming } from './whatsapp-client.js';

/** What `/readyz` shows for WhatsApp. */
export type WhatsAppState = 'stopped' | 'starting' | 'waiting-for-qr' | 'authenticated' | 'ready' | 'disconnected' | 'failed';

export interface WhatsAppConnectionOptions {
  readonly factory: WhatsAppClientFactory;
  readonly logger: Logger;
  readonly onMessage: (message: WhatsAppIncoming) => void;
  /** Called with each new QR code text. Default: nothing. */
  readonly onQr?: (qr: string) => void;
  /** Delays between attempts. Default: 5 s doubling to 5 min, randomised (DEFAULT_RECONNECT). */
  readonly reconnect?: ReconnectOptions;
  /** Longest wait for `initialize()` (browser start and WhatsApp Web load). Default: 120,000 ms. */
  readonly initTimeoutMs?: number;
  /** Longest wait for `destroy()` of a finished client. Default: 10,000 ms. */
  readonly destroyTimeoutMs?: number;
}

/**
 * Keeps one WhatsApp Web session alive: creates a client, initializes it, follows its events, and
 * when it ends (disconnected, auth failure, initialize failed or timed out) destroys it and tries a
 * fresh one after an exponential backoff (p-retry, through keepConnected); a session that reached
 * `ready` starts the backoff over when it ends. Never throws to its caller: failures become
 * states and log lines, so a WhatsApp outage leaves the rest of the service running.
 */
export class WhatsAppConnection {
  private current: WhatsAppClient | undefined;
  private stateValue: WhatsAppState = 'stopped';
  private qr: string | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private endCurrent: ((why: string) => void) | undefined;
  private stopping: AbortController | undefined;

  constructor(private readonly options: WhatsAppConnectionOptions) {}

  get state(): WhatsAppState {
    return this.stateValue;
  }

  /** The QR code waiting to be scanned, if any. */
  get pendingQr(): string | undefined {
    return this.stateValue === 'waiting-for-qr' ? this.qr : undefined;
  }

  /** The connected client, only while `ready`. */
  get readyClient(): WhatsAppClient | undefined {
    return this.stateValue === 'ready' ? this.current : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = keepConnected((connected) => this.connectOnce(connected), {
      ...(this.options.reconnect ? { reconnect: this.options.reconnect } : {}),
      signal: stopping.signal,
      onFailure: (error, attempt) => this.logFailure(error, attempt),
    }).catch((error: unknown) => {
      this.stateValue = 'failed';
      this.options.logger.error({ err: error }, 'WhatsApp connection loop crashed; WhatsApp stays off');
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping?.abort();
    this.endCurrent?.('stopped');
    await this.loop;
    this.stateValue = 'stopped';
  }

  /** The first failure of an outage gets one clear error line; repeats are warnings, so the log does not shout. */
  private logFailure(error: unknown, attempt: number): void {
    const line = { outcome: error instanceof SessionEnded ? error.outcome : describe(error), attempt };
    if (attempt === 1) this.options.logger.error(line, 'WhatsApp is not connected; retrying with backoff (other channels keep running)');
    else this.options.logger.warn(line, 'WhatsApp reconnect attempt failed');
  }

  /** One client's life: calls `connected` when it is ready, and throws SessionEnded with why it ended. */
  private async connectOnce(connected: () => void): Promise<never> {
    this.stateValue = 'starting';
    let client: WhatsAppClient;
    try {
      client = await this.options.factory.create();
    } catch (error) {
      this.stateValue = 'failed';
      throw new SessionEnded(`client-create-failed: ${describe(error)}`);
    }
    // stop() ends the current client through endCurrent, which does not exist yet while create() runs.
    if (!this.running) {
      await this.dispose(client, Promise.resolve());
      throw new SessionEnded('stopped');
    }
    this.current = client;
    const ended = new Promise<string>((resolve) => (this.endCurrent = resolve));
    this.listen(client, connected);
    const init = this.initialize(client);
    const outcome = await ended;
    this.endCurrent = undefined;
    this.current = undefined;
    await this.dispose(client, init);
    throw new SessionEnded(outcome);
  }

  private listen(client: WhatsAppClient, connected: () => void): void {
    const log = this.options.logger;
    client.on('qr', (qr) => {
      this.stateValue = 'waiting-for-qr';
      this.qr = qr;
      log.info('WhatsApp is waiting for its QR code to be scanned (terminal or GET /api/admin/whatsapp/qr)');
      this.options.onQr?.(qr);
    });
    client.on('authenticated', () => {
      this.stateValue = 'authenticated';
      this.qr = undefined;
    });
    client.on('ready', () => {
      this.stateValue = 'ready';
      this.qr = undefined;
      connected();
      log.info('WhatsApp ready');
    });
    client.on('auth_failure', (message) => {
      this.stateValue = 'failed';
      this.endCurrent?.(`auth-failure: ${message}`);
    });
    client.on('disconnected', (reason) => {
      this.stateValue = 'disconnected';
      this.endCurrent?.(`disconnected: ${reason}`);
    });
    client.on('message', (message) => this.options.onMessage(message));
  }

  /** Starts `initialize()`, ending the attempt if it fails or takes too long. Resolves when it settled. */
  private initialize(client: WhatsAppClient): Promise<void> {
    const timeoutMs = this.options.initTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      this.stateValue = 'failed';
      this.endCurrent?.(`initialize-timeout after ${timeoutMs} ms`);
    }, timeoutMs);
    return client.initialize().then(
      () => clearTimeout(timer),
      (error: unknown) => {
        clearTimeout(timer);
        this.stateValue = 'failed';
        this.endCurrent?.(`initialize-failed: ${describe(error)}`);
      },
    );
  }

  /**
   * Destroys a finished client. If `initialize()` is still running, waits (bounded) for it first:
   * destroying before the browser exists would leave that browser running on its own.
   */
  private async dispose(client: WhatsAppClient, init: Promise<void>): Promise<void> {
    const limit = this.options.destroyTimeoutMs ?? 10_000;
    client.removeAllListeners();
    await settlesWithin(init, limit);
    if (!(await settlesWithin(client.destroy(), limit))) this.options.logger.warn('WhatsApp client did not close in time; its browser may linger');
  }

}

/** How one client's life ended (`disconnected: NAVIGATION`, `initialize-timeout after …`). */
class SessionEnded extends Error {
  constructor(readonly outcome: string) {
    super(`WhatsApp session ended: ${outcome}`);
    this.name = 'SessionEnded';
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}
