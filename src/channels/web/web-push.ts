import type { Response } from 'express';
import type { Outbound } from '../../conversation/message.js';
import { ServiceUnavailableError } from '../../errors/index.js';
import type { Logger } from '../../runtime/logger.js';
import { duplicateRedis, orUnavailable, withDeadline, type RedisClient } from '../../runtime/redis-client.js';

const CHANNEL = 'lokerbot:web:push';

export interface WebPushLimits {
  /** Open streams per user in this process; one more closes the oldest. Default: 3. */
  readonly streamsPerUser?: number;
  /** Open streams in this process; more are refused with a ServiceUnavailableError (503). Default: 2000. */
  readonly maxStreams?: number;
}

/**
 * Pushes messages to people's open web chat pages through server-sent events. A sender in any
 * process publishes on Redis; every web process delivers to the pages connected to it.
 */
export class WebPushHub {
  private readonly pages = new Map<string, Set<Response>>();
  private subscriber: RedisClient | undefined;
  private open = 0;
  private readonly streamsPerUser: number;
  private readonly maxStreams: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    limits: WebPushLimits = {},
  ) {
    this.streamsPerUser = limits.streamsPerUser ?? 3;
    this.maxStreams = limits.maxStreams ?? 2000;
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

  /** Publishes to wherever the person's page is open. Resolves with the number of web processes that heard it. */
  publish(userId: string, message: Outbound): Promise<number> {
    return orUnavailable(() => this.redis.publish(CHANNEL, JSON.stringify({ userId, message })));
  }

  /**
   * Keeps `res` open as an event stream for `userId` until the page goes away. Past the
   * per-user cap the user's oldest stream is closed (a `closed` event tells its page not to
   * reconnect); past the per-process cap this one is refused before anything is written.
   */
  attach(userId: string, res: Response): void {
    const set = this.pages.get(userId) ?? new Set<Response>();
    // The oldest streams make room first, so a person's own tabs never count against the process cap.
    while (set.size >= this.streamsPerUser) {
      const oldest = set.values().next().value;
      if (!oldest) break;
      this.detach(userId, set, oldest);
      oldest.end('event: closed\ndata: {"reason":"replaced"}\n\n');
    }
    if (this.open >= this.maxStreams) {
      if (set.size === 0) this.pages.delete(userId);
      throw new ServiceUnavailableError('loker:too-many-streams', 'too many open event streams on this server; try again later', { retryAfterSeconds: 30 });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    set.add(res);
    this.pages.set(userId, set);
    this.open++;
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      this.detach(userId, set, res);
    });
  }

  /** Ends every open stream (HTTP is shutting down); pages reconnect, to wherever the balancer sends them. */
  endStreams(): void {
    for (const set of this.pages.values()) {
      for (const res of set) res.end();
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
  private detach(userId: string, set: Set<Response>, res: Response): void {
    if (!set.delete(res)) return;
    this.open--;
    if (set.size === 0 && this.pages.get(userId) === set) this.pages.delete(userId);
  }

  private deliver(raw: string): void {
    let parsed: { userId?: unknown; message?: unknown };
    try {
      parsed = JSON.parse(raw) as { userId?: unknown; message?: unknown };
    } catch {
      return;
    }
    if (typeof parsed.userId !== 'string') return;
    for (const res of this.pages.get(parsed.userId) ?? []) res.write(`event: message\ndata: ${JSON.stringify(parsed.message)}\n\n`);
  }
}
