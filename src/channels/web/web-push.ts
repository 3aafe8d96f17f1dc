import type { Response } from 'express';
import type { Outbound } from '../../conversation/message.js';
import type { Logger } from '../../runtime/logger.js';
import type { RedisClient } from '../../runtime/redis-client.js';

const CHANNEL = 'lokerbot:web:push';

/**
 * Pushes messages to people's open web chat pages through server-sent events. A sender in any
 * process publishes on Redis; every web process delivers to the pages connected to it.
 */
export class WebPushHub {
  private readonly pages = new Map<string, Set<Response>>();
  private subscriber: RedisClient | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
  ) {}

  get connections(): number {
    let n = 0;
    for (const set of this.pages.values()) n += set.size;
    return n;
  }

  /** Starts delivering published messages to connected pages (web processes only). */
  async listen(): Promise<void> {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'web push subscriber error'));
    await subscriber.connect();
    await subscriber.subscribe(CHANNEL, (raw) => this.deliver(raw));
    this.subscriber = subscriber;
  }

  /** Publishes to wherever the person's page is open. Resolves with the number of web processes that heard it. */
  publish(userId: string, message: Outbound): Promise<number> {
    return this.redis.publish(CHANNEL, JSON.stringify({ userId, message }));
  }

  /** Keeps `res` open as an event stream for `userId` until the page goes away. */
  attach(userId: string, res: Response): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    const set = this.pages.get(userId) ?? new Set<Response>();
    set.add(res);
    this.pages.set(userId, set);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      set.delete(res);
      if (set.size === 0) this.pages.delete(userId);
    });
  }

  async close(): Promise<void> {
    for (const set of this.pages.values()) for (const res of set) res.end();
    this.pages.clear();
    if (this.subscriber) {
      await this.subscriber.unsubscribe(CHANNEL);
      this.subscriber.destroy();
    }
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
