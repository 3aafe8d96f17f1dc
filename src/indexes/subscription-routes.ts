import { CHANNELS, type Channel, type Subscription } from '../domain/index.js';

/** Where and when one subscription's alerts go: its channel, instant or daily, and its quiet hours (minutes of the WIB day). */
export interface SubscriptionRoute {
  readonly channel: Channel;
  readonly daily: boolean;
  readonly quiet: { readonly startMinute: number; readonly endMinute: number } | undefined;
}

const NO_QUIET = 0x7ff;

/**
 * The delivery side of every active subscription, kept in memory beside the matcher's reverse
 * index, so a fan-out over 100,000 matching subscriptions routes each one (which channel's queue,
 * now, later or in the digest) without reading 100,000 records from the store. One number a
 * subscription: channel (2 bits), daily (1 bit), quiet start and end (11 bits each).
 */
export class SubscriptionRoutes {
  private readonly packed = new Map<string, number>();

  get size(): number {
    return this.packed.size;
  }

  put(subscription: Subscription): void {
    if (!subscription.active) {
      this.packed.delete(subscription.id);
      return;
    }
    const quiet = subscription.quietHours;
    const start = quiet ? minuteOf(quiet.start) : NO_QUIET;
    const end = quiet ? minuteOf(quiet.end) : NO_QUIET;
    const channel = CHANNELS.indexOf(subscription.subscriber.channel);
    this.packed.set(subscription.id, channel | ((subscription.mode === 'daily' ? 1 : 0) << 2) | (start << 3) | (end << 14));
  }

  remove(id: string): void {
    this.packed.delete(id);
  }

  get(id: string): SubscriptionRoute | undefined {
    const p = this.packed.get(id);
    if (p === undefined) return undefined;
    const start = (p >> 3) & NO_QUIET;
    const end = (p >> 14) & NO_QUIET;
    return {
      channel: CHANNELS[p & 3] ?? 'web',
      daily: ((p >> 2) & 1) === 1,
      quiet: start === NO_QUIET ? undefined : { startMinute: start, endMinute: end },
    };
  }
}

/** "21:00" → 1260. */
function minuteOf(clock: string): number {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 60 + m;
}
