import { describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel.js';
import { LeasedChannel } from '../../src/channels/leased-channel.js';
import { createLogger } from '../../src/runtime/logger.js';
import { RedisLease } from '../../src/runtime/redis-lease.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';
import { StandInHandler } from './stand-in-handler.js';

const silent = createLogger({ level: 'silent' });

/** A channel that only records whether it runs, and what happened in which order. */
function recordingAdapter(name: string, events: string[]): ChannelAdapter & { running: boolean } {
  const adapter = {
    name: 'whatsapp',
    running: false,
    sender: { channel: 'whatsapp' as const, send: () => Promise.resolve() },
    readiness: { name: 'whatsapp', check: () => Promise.resolve({ ready: true, state: 'ready' }) },
    start: () => {
      adapter.running = true;
      events.push(`${name} started`);
      return Promise.resolve();
    },
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      adapter.running = false;
      events.push(`${name} stopped`);
    },
  };
  return adapter;
}

describe('LeasedChannel: one WhatsApp session across processes', () => {
  const redis = useTestRedis();

  function twoProcesses(ttlMs = 600) {
    const key = uniquePrefix('lease');
    const events: string[] = [];
    const make = (name: string) => {
      const adapter = recordingAdapter(name, events);
      const lease = new RedisLease(redis.client, { key, ttlMs });
      const channel = new LeasedChannel({
        adapter,
        lease,
        logger: silent,
        checkEveryMs: 100,
        onHoldChange: (holding) => {
          events.push(`${name} ${holding ? 'holds' : 'let go'}`);
          return Promise.resolve();
        },
      });
      return { adapter, lease, channel };
    };
    return { key, events, a: make('a'), b: make('b') };
  }

  it('runs the channel in the first process only; the other keeps trying and takes over when the first stops', async () => {
    const { events, a, b } = twoProcesses();
    await a.channel.start(new StandInHandler());
    await b.channel.start(new StandInHandler());
    expect(a.adapter.running).toBe(true);
    expect(b.adapter.running).toBe(false);
    expect((await b.channel.readiness.check()).state).toBe('held by another process');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.adapter.running).toBe(false);

    await a.channel.stop();
    await waitFor(() => b.adapter.running, 'the second process to take over', 3_000);
    // The lease was released only after the first adapter had stopped: never two sessions at once.
    expect(events).toEqual(['a started', 'a holds', 'a stopped', 'a let go', 'b started', 'b holds']);
    await b.channel.stop();
  });

  it('stops its session when the lease passes to another process', async () => {
    const { key, events, a } = twoProcesses();
    await a.channel.start(new StandInHandler());
    expect(a.adapter.running).toBe(true);
    // Another process holds the key now (e.g. ours expired while this process was stalled).
    await redis.client.set(key, 'someone-else', { PX: 10_000 });
    await waitFor(() => !a.adapter.running, 'the session to stop', 3_000);
    expect(a.channel.holding).toBe(false);
    expect(events).toEqual(['a started', 'a holds', 'a stopped', 'a let go']);
    expect(await redis.client.get(key)).toBe('someone-else');
    await a.channel.stop();
    expect(await redis.client.get(key)).toBe('someone-else');
  });

  it('takes the lease over when its holder died without releasing it', async () => {
    const { key, b } = twoProcesses(500);
    await redis.client.set(key, 'crashed-process', { PX: 500 });
    await b.channel.start(new StandInHandler());
    expect(b.adapter.running).toBe(false);
    await waitFor(() => b.adapter.running, 'the lease to expire and pass', 3_000);
    await b.channel.stop();
    expect(await redis.client.get(key)).toBeNull();
  });
});
