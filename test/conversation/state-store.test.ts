import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationBusyError, ConversationLockLostError, ConversationStateStore } from '../../src/conversation/index.js';
import { ServiceUnavailableError } from '../../src/errors/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { closeRedis, connectRedis, type RedisClient } from '../../src/runtime/redis-client.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { sleep } from '../helpers/wait.js';

const KEY = Buffer.alloc(32, 3);
const person = 'whatsapp/+6281234567890';

function store(redis: RedisClient, options: Partial<ConstructorParameters<typeof ConversationStateStore>[1]> = {}): ConversationStateStore {
  return new ConversationStateStore(redis, { keySecret: KEY, prefix: uniquePrefix('state'), ...options });
}

/** A turn that keeps `data` and says so. */
const keep = (data: Record<string, unknown>, consented = true) => (state: Parameters<Parameters<ConversationStateStore['withTurn']>[2]>[0]) =>
  Promise.resolve({ result: 'done', keep: { ...state, data }, consented });

describe('ConversationStateStore', () => {
  const redis = useTestRedis();

  it('stores a person under a keyed pseudonym: their chat id or number is in no key and no value', async () => {
    const states = store(redis.client);
    await states.withTurn(person, 'm1', keep({ step: 'name' }), () => 'dup');
    const keys = await redis.client.keys('*');
    const mine = states.keysOf(person);
    expect(keys).toContain(mine.state);
    expect(keys.join(' ')).not.toMatch(/6281234567890|whatsapp/);
    expect(await redis.client.get(mine.state)).not.toMatch(/6281234567890/);
    // The same person maps to the same keys in another process with the same secret, and not with another one.
    expect(store(redis.client).keysOf(person).state.split(':').at(-1)).toBe(mine.state.split(':').at(-1));
    expect(new ConversationStateStore(redis.client, { keySecret: Buffer.alloc(32, 4) }).keysOf(person).state.split(':').at(-1)).not.toBe(mine.state.split(':').at(-1));
  });

  it('keeps a state before consent only briefly, and a consented one for the retention period', async () => {
    const states = store(redis.client, { unconsentedTtlSeconds: 120, retentionSeconds: 90 * 24 * 3600 });
    await states.withTurn('telegram/1', 'm1', keep({}, false), () => 'dup');
    await states.withTurn('telegram/2', 'm1', keep({}, true), () => 'dup');
    const brief = await redis.client.ttl(states.keysOf('telegram/1').state);
    const kept = await redis.client.ttl(states.keysOf('telegram/2').state);
    expect(brief).toBeGreaterThan(0);
    expect(brief).toBeLessThanOrEqual(120);
    expect(kept).toBeGreaterThan(89 * 24 * 3600);
  });

  it('outwaits the lock of a process that crashed mid-turn, instead of failing the next message', async () => {
    const states = store(redis.client, { lockTtlMs: 600 });
    // What a crashed process leaves behind: its lock, with a token nobody will release.
    await redis.client.set(states.keysOf(person).lock, 'dead-process', { PX: 600 });
    const started = Date.now();
    expect(await states.withTurn(person, 'm1', keep({ ok: true }), () => 'dup')).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect((await states.load(person)).data).toEqual({ ok: true });
  });

  it('answers "busy, retry" (503-shaped) when a live turn of another process holds the person too long', async () => {
    const states = store(redis.client, { lockTtlMs: 300, lockWaitMs: 500 });
    const lock = states.keysOf(person).lock;
    await redis.client.set(lock, 'other-process', { PX: 10_000 });
    const error = await states.withTurn(person, 'm1', keep({}), () => 'dup').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConversationBusyError);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    expect(await redis.client.get(lock)).toBe('other-process');
  });

  it('renews its lock while a slow turn runs, so another process waits for it', async () => {
    const prefix = uniquePrefix('state');
    const a = new ConversationStateStore(redis.client, { keySecret: KEY, prefix, lockTtlMs: 300, lockWaitMs: 3000 });
    const b = new ConversationStateStore(redis.client, { keySecret: KEY, prefix, lockTtlMs: 300, lockWaitMs: 3000 });
    const order: string[] = [];
    const slow = a.withTurn(person, 'm1', async (state) => {
      order.push('a starts');
      await sleep(1000); // more than three lock lifetimes
      order.push('a ends');
      return { result: 'a', keep: { ...state, data: { by: 'a' } }, consented: true };
    }, () => 'dup');
    await sleep(100);
    const next = b.withTurn(person, 'm2', (state) => {
      order.push('b runs');
      return Promise.resolve({ result: 'b', keep: { ...state, data: { ...state.data, then: 'b' } }, consented: true });
    }, () => 'dup');
    expect(await Promise.all([slow, next])).toEqual(['a', 'b']);
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
    expect((await a.load(person)).data).toEqual({ by: 'a', then: 'b' });
  });

  it('does not write a turn that outlived its lock (fencing), and says to send it again', async () => {
    const states = store(redis.client);
    await states.withTurn(person, 'm0', keep({ before: true }), () => 'dup');
    const error = await states
      .withTurn(person, 'm1', async (state) => {
        // Meanwhile the lock expired and another turn took it.
        await redis.client.set(states.keysOf(person).lock, 'next-turn');
        return { result: 'late', keep: { ...state, data: { late: true } }, consented: true };
      }, () => 'dup')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConversationLockLostError);
    expect((await states.load(person)).data).toEqual({ before: true });
    expect(await redis.client.get(states.keysOf(person).lock)).toBe('next-turn');
    // Not marked handled either: the same message id runs when it comes again.
    await redis.client.del(states.keysOf(person).lock);
    expect(await states.withTurn(person, 'm1', keep({ again: true }), () => 'dup')).toBe('done');
  });
});

describe('ConversationStateStore while Redis is away', () => {
  let server: RedisProcess;
  let client: RedisClient;
  beforeAll(async () => {
    server = await RedisProcess.start({ persist: false });
    client = await connectRedis(server.url, createLogger({ level: 'silent' }));
  });
  afterAll(async () => {
    await closeRedis(client);
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  });

  it('fails a turn fast with ServiceUnavailableError when Redis is paused, and works again after', async () => {
    const states = new ConversationStateStore(client, { keySecret: KEY, commandTimeoutMs: 300 });
    server.pause();
    const started = Date.now();
    const error = await states.withTurn(person, 'm1', keep({}), () => 'dup').catch((e: unknown) => e);
    server.resume();
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await states.withTurn(person, 'm2', keep({ back: true }), () => 'dup')).toBe('done');
  });

  it('fails a turn at once while Redis is down', async () => {
    const states = new ConversationStateStore(client, { keySecret: KEY });
    await server.kill();
    try {
      const started = Date.now();
      const error = await states.withTurn(person, 'm3', keep({}), () => 'dup').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await server.restart();
    }
  });
});
