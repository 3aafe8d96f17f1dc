import { describe, expect, it } from 'vitest';
import { OutboundPacer, type PacerClock } from '../../src/channels/whatsapp/index.js';

/** A clock that only moves when someone sleeps, so minutes of pacing run in milliseconds. */
class FakeClock implements PacerClock {
  time = 1_000_000;
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.time += ms;
    return Promise.resolve();
  }
}

const start = 1_000_000;

describe('OutboundPacer', () => {
  it('defaults to at least 3 s per chat and at most 20 per minute', () => {
    const clock = new FakeClock();
    const pacer = new OutboundPacer({ clock, jitterMs: 0 });
    expect([0, 1, 2].map(() => pacer.reserve('a') - start)).toEqual([0, 3_000, 6_000]);
    const others = Array.from({ length: 20 }, (_, i) => pacer.reserve(`chat-${i}`) - start);
    // 3 slots were taken by chat a; 17 more fit in the first minute, the rest wait for it to roll.
    expect(others.filter((t) => t < 60_000)).toHaveLength(17);
    expect(Math.min(...others.filter((t) => t >= 60_000))).toBe(60_000);
  });

  it('keeps the per-chat gap between consecutive sends to one chat', async () => {
    const clock = new FakeClock();
    const pacer = new OutboundPacer({ clock, perChatGapMs: 3_000, jitterMs: 0, maxPerMinute: 100 });
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.acquire('+6281234567890');
      times.push(clock.now() - start);
    }
    expect(times).toEqual([0, 3_000, 6_000, 9_000]);
  });

  it('lets different chats go without waiting for each other', () => {
    const clock = new FakeClock();
    const pacer = new OutboundPacer({ clock, perChatGapMs: 3_000, jitterMs: 0, maxPerMinute: 100 });
    expect(['a', 'b', 'c'].map((chat) => pacer.reserve(chat) - start)).toEqual([0, 0, 0]);
  });

  it('never lets any 60 s window hold more than the cap', () => {
    const clock = new FakeClock();
    const pacer = new OutboundPacer({ clock, perChatGapMs: 1_000, jitterMs: 800, maxPerMinute: 5, random: seeded(7) });
    const slots: number[] = [];
    for (let i = 0; i < 40; i++) {
      slots.push(pacer.reserve(`chat-${i % 3}`));
      if (i % 4 === 0) clock.time += 7_000;
    }
    slots.sort((a, b) => a - b);
    for (const s of slots) expect(slots.filter((t) => t >= s && t < s + 60_000).length).toBeLessThanOrEqual(5);
  });

  it('adds jitter below the configured bound', () => {
    const clock = new FakeClock();
    const pacer = new OutboundPacer({ clock, perChatGapMs: 0, jitterMs: 1_500, maxPerMinute: 1_000, random: () => 0.999 });
    const at = pacer.reserve('a') - start;
    expect(at).toBeGreaterThan(1_000);
    expect(at).toBeLessThan(1_500);
  });

  it('refuses a cap below one', () => {
    expect(() => new OutboundPacer({ maxPerMinute: 0 })).toThrow(/maxPerMinute/);
  });
});

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
