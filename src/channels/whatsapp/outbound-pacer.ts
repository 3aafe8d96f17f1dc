export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface OutboundPacerOptions {
  /** Least time between two messages to the same chat. Default: 3,000 ms. */
  readonly perChatGapMs?: number;
  /** Most messages in any 60-second window, all chats together. Default: 20. */
  readonly maxPerMinute?: number;
  /** Up to this much random delay added to each send, so the rhythm does not look machine-made. Default: 1,500 ms. */
  readonly jitterMs?: number;
  /** Default: the system clock. */
  readonly clock?: PacerClock;
  /** Default: `Math.random`. */
  readonly random?: () => number;
}

const WINDOW_MS = 60_000;

/**
 * Paces outgoing WhatsApp messages to protect the number from bans: a minimum gap per chat and a
 * cap per rolling minute overall, with jitter. `acquire` reserves a send time synchronously (so
 * concurrent callers never take the same slot) and then waits until it. Chats wait only for their
 * own gap and the global cap, not for each other's gaps.
 */
export class OutboundPacer {
  private readonly gapMs: number;
  private readonly maxPerMinute: number;
  private readonly jitterMs: number;
  private readonly clock: PacerClock;
  private readonly random: () => number;
  private readonly lastByChat = new Map<string, number>();
  /** Reserved send times, ascending; those older than a window are dropped. */
  private slots: number[] = [];

  constructor(options: OutboundPacerOptions = {}) {
    this.gapMs = options.perChatGapMs ?? 3_000;
    this.maxPerMinute = options.maxPerMinute ?? 20;
    this.jitterMs = options.jitterMs ?? 1_500;
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.random = options.random ?? Math.random;
    if (this.maxPerMinute < 1 || this.gapMs < 0 || this.jitterMs < 0) {
      throw new RangeError('OutboundPacer: maxPerMinute must be ≥ 1 and perChatGapMs, jitterMs ≥ 0');
    }
  }

  /** Waits until a message to `chat` may go out, and counts it as sent then. */
  async acquire(chat: string): Promise<void> {
    const at = this.reserve(chat);
    const wait = at - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** The time the next message to `chat` would go out, reserved. Exposed for tests. */
  reserve(chat: string): number {
    const now = this.clock.now();
    this.slots = this.slots.filter((t) => t > now - WINDOW_MS);
    const last = this.lastByChat.get(chat);
    const jitter = Math.floor(this.random() * this.jitterMs);
    let at = Math.max(now, last === undefined ? now : last + this.gapMs) + jitter;
    // Each pass either accepts `at` or moves it past the oldest slot of a full window; bounded by the slot count.
    for (let pass = 0; pass <= this.slots.length; pass++) {
      const blocker = this.fullWindowStart(at);
      if (blocker === undefined) break;
      at = blocker + WINDOW_MS;
    }
    this.slots.push(at);
    this.slots.sort((a, b) => a - b);
    this.lastByChat.set(chat, at);
    this.forgetIdleChats(now);
    return at;
  }

  /**
   * If a send at `at` would make some 60 s window hold more than the cap, the first slot of such a
   * window; otherwise undefined. Only windows that start at an existing slot (or at `at`) matter.
   */
  private fullWindowStart(at: number): number | undefined {
    const starts = [...this.slots.filter((s) => s > at - WINDOW_MS && s <= at), at];
    for (const start of starts) {
      const inWindow = this.slots.filter((s) => s >= start && s < start + WINDOW_MS).length;
      if (inWindow >= this.maxPerMinute) return this.slots.find((s) => s >= start);
    }
    return undefined;
  }

  private forgetIdleChats(now: number): void {
    if (this.lastByChat.size < 1_000) return;
    for (const [chat, last] of this.lastByChat) if (last < now - this.gapMs) this.lastByChat.delete(chat);
  }
}
