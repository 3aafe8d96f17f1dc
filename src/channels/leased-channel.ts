import type { InboundHandler } from '../conversation/message.js';
import type { ReadinessCheck } from '../http/readiness.js';
import type { Logger } from '../runtime/logger.js';
import type { ChannelAdapter } from './channel.js';

/** The exclusive hold a leased channel needs (a Redis lease in the service). */
export interface Lease {
  readonly ttlMs: number;
  tryAcquire(): Promise<boolean>;
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LeasedChannelOptions {
  readonly adapter: ChannelAdapter;
  readonly lease: Lease;
  readonly logger: Logger;
  /** How often to renew while holding, and to try again while not. Default: a third of the lease's life. */
  readonly checkEveryMs?: number;
  /**
   * Told after the adapter started because this process gained the lease (true) and after it
   * stopped because the lease was lost or released (false): what else must live where the session
   * lives (WhatsApp's send worker) follows it. Failures are logged. Default: nothing.
   */
  readonly onHoldChange?: (holding: boolean) => Promise<void>;
}

/**
 * A channel that must run in exactly one process at a time (WhatsApp: one number, one browser).
 * While another process holds the lease this one keeps trying; when it gains the lease it starts
 * the adapter; when it loses it (another process holds it, or it could not renew within the
 * lease's life, e.g. Redis was away) it stops the adapter at once. At shutdown the lease is
 * released only after the adapter stopped, so the next holder never overlaps this one.
 */
export class LeasedChannel implements ChannelAdapter {
  readonly name: string;
  readonly sender;
  readonly readiness: ReadinessCheck;
  readonly routes;
  private handler: InboundHandler | undefined;
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private lastRenewedAt = 0;
  /** Checks run one at a time; stop() waits for the one in progress. */
  private checking: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: LeasedChannelOptions) {
    const { adapter } = options;
    this.name = adapter.name;
    this.sender = adapter.sender;
    this.routes = adapter.routes;
    this.readiness = {
      name: adapter.readiness.name,
      ...(adapter.readiness.critical !== undefined ? { critical: adapter.readiness.critical } : {}),
      check: () => (this.held ? adapter.readiness.check() : Promise.resolve({ ready: false, state: 'held by another process' })),
    };
  }

  /** Whether this process holds the lease and runs the adapter. */
  get holding(): boolean {
    return this.held;
  }

  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
    await this.check();
    const every = this.options.checkEveryMs ?? Math.floor(this.options.lease.ttlMs / 3);
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.checking;
    if (!this.held) return;
    await this.options.adapter.stop();
    this.held = false;
    await this.told(false);
    await this.options.lease.release().catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not release the lease; it expires by itself'));
  }

  private async check(): Promise<void> {
    if (this.stopping || !this.handler) return;
    const { lease, logger, adapter } = this.options;
    try {
      if (this.held) {
        if (await lease.renew()) this.lastRenewedAt = Date.now();
        else await this.lose('another process holds the lease now');
        return;
      }
      if (!(await lease.tryAcquire())) return;
      this.held = true;
      this.lastRenewedAt = Date.now();
      logger.info({ channel: this.name }, 'this process holds the lease; starting the channel');
      await adapter.start(this.handler);
      await this.told(true);
    } catch (error) {
      // Unknown whether we still hold it: past the lease's life another process may, so stop.
      if (this.held && Date.now() - this.lastRenewedAt >= lease.ttlMs) await this.lose('the lease could not be renewed in time');
      else logger.warn({ err: error, channel: this.name }, 'lease check failed; trying again');
    }
  }

  private async lose(why: string): Promise<void> {
    this.options.logger.error({ channel: this.name, why }, 'lease lost; stopping the channel in this process');
    this.held = false;
    await this.options.adapter.stop();
    await this.told(false);
  }

  private async told(holding: boolean): Promise<void> {
    try {
      await this.options.onHoldChange?.(holding);
    } catch (error) {
      this.options.logger.error({ err: error, channel: this.name, holding }, 'could not follow the lease');
    }
  }
}
