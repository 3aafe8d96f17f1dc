import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../src/errors/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { asServiceUnavailable, closeRedis, connectRedis, orUnavailable, redisReadiness, type RedisClient } from '../../src/runtime/redis-client.js';
import { RedisProcess } from '../helpers/redis-process.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const silent = createLogger({ level: 'silent' });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(): Promise<{ server: RedisProcess; client: RedisClient }> {
  const server = await RedisProcess.start();
  const client = await connectRedis(server.url, silent, { name: 'test' });
  cleanup.push(async () => {
    await closeRedis(client);
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  });
  return { server, client };
}

/** How long `work` took to settle, and how it settled. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await work();
    return { ms: Date.now() - started, error: undefined };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe('connectRedis: a client that lives through Redis going away', () => {
  it('fails commands at once while Redis is down, as "unavailable", and works again when it is back', async () => {
    const { server, client } = await setUp();
    await client.set('k', 'before');
    await server.kill();
    await waitFor(() => !client.isReady, 'the client to notice');
    const { ms, error } = await timed(() => client.get('k'));
    expect(ms).toBeLessThan(200);
    expect(asServiceUnavailable(error)).toBeInstanceOf(ServiceUnavailableError);
    expect(await redisReadiness(client)).toEqual({ ready: false, state: 'reconnecting' });

    await server.restart();
    await waitFor(() => client.isReady, 'the client to reconnect', 10_000);
    expect(await client.get('k')).toBe('before');
    expect(await redisReadiness(client)).toEqual({ ready: true, state: 'ok' });
  });

  it('bounds a round trip when Redis is paused, instead of hanging, and recovers when it resumes', async () => {
    const { server, client } = await setUp();
    await client.set('k', 'v');
    server.pause();
    const { ms, error } = await timed(() => orUnavailable(() => client.get('k'), 300));
    server.resume();
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1500);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    // The late reply of the timed-out command is read and dropped: the next reply is this command's own.
    expect(await client.get('k')).toBe('v');
  });

  it('reconnects by itself after Redis drops every client (CLIENT KILL TYPE normal)', async () => {
    const { server, client } = await setUp();
    const admin = await connectRedis(server.url, silent, { name: 'admin' });
    cleanup.push(() => closeRedis(admin));
    const before = await client.clientId();
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal']);
    // The connection the client uses now is a new one (a new id), opened by the client by itself.
    const after = await waitForAsync(async () => {
      const id = await client.clientId();
      return id !== before && id;
    }, 'a new connection', 10_000);
    expect(after).toBeGreaterThan(before);
    expect(await client.set('after', '1')).toBe('OK');
  });

  it('gives up starting after connectWaitMs with a message that names the problem', async () => {
    const { ms, error } = await timed(() => connectRedis('redis://127.0.0.1:1', silent, { connectWaitMs: 300 }));
    expect(ms).toBeLessThan(2000);
    expect((error as Error).message).toMatch(/cannot reach Redis \(redis:\/\/127\.0\.0\.1:1\).*REDIS_URL/);
  });

  it('does not treat a command error as an outage', () => {
    expect(asServiceUnavailable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBeUndefined();
    expect(asServiceUnavailable(new Error('LOADING Redis is loading the dataset in memory'))).toBeInstanceOf(ServiceUnavailableError);
  });
});
