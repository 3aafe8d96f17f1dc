import type { Response } from 'express';
import type { Outbound } from '../../conversation/message.js';
import { ServiceUnavailableError } from '../../errors/index.js';
import type { Logger } from '../../runtime/logger.js';
import { duplicateRedis, orUnavailable, withDeadline, type RedisClient } from '../../runtime/redis-client.js';
import type { ChannelSender } from '../channel-sender.js';
import { WebInbox, type WebInboxOptions } from './web-inbox.js';

const CHANNEL = 'lokerbot:web:push';

export interface WebPushLimits {
  /** Open streams per user in this process; one more closes the oldest. Default: 3. */
  readonly streamsPerUser?: number;
  /** Open streams in this process; more are refused with a ServiceUnavailableError (503). Default: 2000. */
  readonly maxStreams?: number;
  /** Where messages wait for a person with no page open. Default: DEFAULT_WEB_INBOX (50 messages, 30 days). */
  readonly inbox?: WebInboxOptions;
}

/** One open event stream, and the kept messages it has shown (a message may reach it twice, see `attach`). */
interface Page {
  readonly res: Response;
  readonly shown: Set<string>;
}

/** Ids remembered per stream: more than an inbox holds, so a replay and a live push never both show one. */
const SHOWN_IDS = 200;

/**
 * Pushes messages to people's web chat pages through server-sent events. A sender in any process
 * first keeps the message in the person's inbox (Redis), then publishes it; every web process
 * writes it to the pages connected to it and removes it from the inbox. A page that opens shows
 * what its inbox holds. Keeping before publishing is what makes a message never lost: a page
 * connecting at the same moment either hears the publish or finds the message kept, and a page
 * closing at that moment leaves it kept. (Asking "is a page open?" before sending could not be
 * true by the time the message arrives.)
 */
export class WebPushHub {
  private readonly pages = new Map<string, Set<Page>>();
  private subscriber: RedisClient | undefined;
  private open = 0;
  private readonly streamsPerUser: number;
  private readonly maxStreams: number;
  private readonly inbox: WebInbox;

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    limits: WebPushLimits = {},
  ) {
    this.streamsPerUser = limits.streamsPerUser ?? 3;
    this.maxStreams = limits.maxStreams ?? 2000;
    this.inbox = new WebInbox(redis, limits.inbox);
  }

  /** Event streams open in this process. */
  get connections(): number {
    return this.open;
  }

  /** Starts delivering published messages to connected pages (web processes only). */
  async listen(): Promise<void> {
    // node-redis subscribes again by itself after a reconnect.
    const subscriber = await duplicateRedis(this.redis, this.logger, 'web-push');
    await withDeadline(subscriber.subscribe(CHANNEL, (raw) => this.deliver(raw)));
    this.subscriber = subscriber;
  }

  /**
   * Keeps the message in the person's inbox and publishes it to wherever their page is open.
   * Resolves with the number of web processes that heard it (0: it waits for the next page).
   */
  async publish(userId: string, message: Outbound): Promise<number> {
    const entry = await this.inbox.keep(userId, message);
    return orUnavailable(() => this.redis.publish(CHANNEL, JSON.stringify({ userId, message, id: entry.id, entry: entry.raw })));
  }

  /** Forgets what waits for `userId` (the person deleted their data). */
  clearInbox(userId: string): Promise<void> {
    return this.inbox.clear(userId);
  }

  /**
   * Keeps `res` open as an event stream for `userId` until the page goes away. Past the
   * per-user cap the user's oldest stream is closed (a `closed` event tells its page not to
   * reconnect); past the per-process cap this one is refused before anything is written.
   */
  attach(userId: string, res: Response): void {
    const set = this.pages.get(userId) ?? new Set<Page>();
    // The oldest streams make room first, so a person's own tabs never count against the process cap.
    while (set.size >= this.streamsPerUser) {
      const oldest = set.values().next().value;
      if (!oldest) break;
      this.detach(userId, set, oldest);
      oldest.res.end('event: closed\ndata: {"reason":"replaced"}\n\n');
    }
    if (this.open >= this.maxStreams) {
      if (set.size === 0) this.pages.delete(userId);
      throw new ServiceUnavailableError('loker:too-many-streams', 'too many open event streams on this server; try again later', { retryAfterSeconds: 30 });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    const page: Page = { res, shown: new Set() };
    set.add(page);
    this.pages.set(userId, set);
    this.open++;
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      this.detach(userId, set, page);
    });
    // Registered first, then the inbox is read: a message kept meanwhile is either published to
    // this page or found in the inbox (or both, and then `shown` writes it once).
    this.replay(userId, page).catch((error: unknown) => this.logger.warn({ err: error }, 'could not show kept messages; they stay kept'));
  }

  /** Ends every open stream (HTTP is shutting down); pages reconnect, to wherever the balancer sends them. */
  endStreams(): void {
    for (const set of this.pages.values()) {
      for (const page of set) page.res.end();
      // Emptied here, so the streams' later `close` events find nothing to count down.
      set.clear();
    }
    this.pages.clear();
    this.open = 0;
  }

  async close(): Promise<void> {
    this.endStreams();
    if (this.subscriber) {
      // Redis may be away at shutdown; the connection goes either way.
      await this.subscriber.unsubscribe(CHANNEL).catch((error: unknown) => this.logger.debug({ err: error }, 'web push unsubscribe failed'));
      this.subscriber.destroy();
    }
  }

  /** Forgets one stream; safe to call twice (the cap closes a stream, and then its `close` event comes). */
  private detach(userId: string, set: Set<Page>, page: Page): void {
    if (!set.delete(page)) return;
    this.open--;
    if (set.size === 0 && this.pages.get(userId) === set) this.pages.delete(userId);
  }

  /** Shows a new page what its person's inbox holds, then forgets what it showed. */
  private async replay(userId: string, page: Page): Promise<void> {
    const entries = await this.inbox.pending(userId);
    const shown = entries.filter((entry) => this.show(page, entry.message, entry.id));
    await this.inbox.remove(userId, shown.map((entry) => entry.raw));
  }

  private deliver(raw: string): void {
    let parsed: { userId?: unknown; message?: unknown; id?: unknown; entry?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return;
    }
    if (typeof parsed.userId !== 'string') return;
    const userId = parsed.userId;
    const id = typeof parsed.id === 'string' ? parsed.id : undefined;
    let shown = false;
    for (const page of this.pages.get(userId) ?? []) shown = this.show(page, parsed.message, id) || shown;
    // Heard by an open page: it need not wait for the next one. Other processes may do the same.
    if (shown && typeof parsed.entry === 'string') {
      this.inbox.remove(userId, [parsed.entry]).catch((error: unknown) => this.logger.debug({ err: error }, 'could not forget a shown message; the next page shows it again'));
    }
  }

  /** Writes one message to one page, once per id; false when the page has gone or showed it already. */
  private show(page: Page, message: unknown, id: string | undefined): boolean {
    if (page.res.writableEnded || page.res.destroyed) return false;
    if (id !== undefined) {
      if (page.shown.has(id)) return false;
      page.shown.add(id);
      if (page.shown.size > SHOWN_IDS) page.shown.delete(page.shown.values().next().value ?? id);
    }
    page.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return true;
  }
}

/** The web channel's ChannelSender over a hub: for worker processes, which publish but serve no pages. */
export function webPushSender(hub: WebPushHub): ChannelSender {
  return {
    channel: 'web',
    async send(userId: string, message: Outbound) {
      await hub.publish(userId, message);
    },
  };
}
