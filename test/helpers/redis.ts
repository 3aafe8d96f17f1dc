import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { connectRedis, type RedisClient } from '../../src/runtime/redis-client.js';
import { RedisServer } from '../../src/runtime/redis-server.js';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` of this file's own server. */
  readonly url: string;
  /** A connected client; the helper closes it. */
  readonly client: RedisClient;
}

/**
 * Starts an isolated `redis-server` on a free loopback port for the calling test file and stops it
 * afterwards. Never touches a shared Redis on 6379. Use a unique key prefix per test.
 */
export function useTestRedis(): TestRedis {
  let server: RedisServer | undefined;
  let client: RedisClient | undefined;
  let dir = '';
  const handle = {
    get url() {
      if (!server) throw new Error('useTestRedis(): server not started yet (use it inside tests or hooks)');
      return server.url;
    },
    get client() {
      if (!client) throw new Error('useTestRedis(): client not connected yet');
      return client;
    },
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-redis-'));
    server = new RedisServer({ dir, persist: false });
    await server.start();
    client = await connectRedis(server.url, createLogger({ level: 'silent' }), { name: 'test' });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

/** A key prefix no other test uses. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}
