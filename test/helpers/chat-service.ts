import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { generateDemo } from '../../src/demo/index.js';
import { freePort } from '../../src/runtime/free-port.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startService, type RunningService } from '../../src/service.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { tempDir } from './temp-dir.js';

/*
 * The whole service in this process on its embedded defaults (SQLite under a temp DATA_DIR, HTTP on
 * a free loopback port), with demo vacancies seeded before the start so the matching index is built
 * with them. Used by the browser test and by `npm run bench:chat`; it imports nothing of vitest.
 */

export interface ChatServiceOptions {
  /** A running Redis to use. Default: none, so the service starts its own `redis-server` (the embedded default). */
  readonly redisUrl?: string;
  /** Demo vacancies to seed. Default: 300 (as `seed-demo`). */
  readonly vacancies?: number;
  /** Demo data seed. Default: 2026. */
  readonly seed?: number;
  /** The service's log level. Default: `silent`. */
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** More environment for the service, e.g. `{ CHAT_NEW_CONVERSATIONS_PER_IP: '100000' }` for a load test from one address. Default: none. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ChatService {
  readonly service: RunningService;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Names of the companies that were seeded, to recognise them in replies. */
  readonly companies: ReadonlySet<string>;
  /** Stops the service and removes its DATA_DIR. */
  stop(): Promise<void>;
}

/** Writes demo vacancies into `DATA_DIR/lokerbot.sqlite`, the file the service opens on its embedded default. */
export async function seedDemoVacancies(dataDir: string, count: number, seed: number): Promise<Set<string>> {
  const demo = generateDemo({ vacancies: count, seekers: 0, subscriptions: 0, seed, now: new Date() });
  const backend = new SqliteBackend({ file: path.join(dataDir, 'lokerbot.sqlite') });
  const store = new Store(backend);
  try {
    for (const vacancy of demo.vacancies) await store.vacancies.create(vacancy);
  } finally {
    await backend.close();
  }
  return new Set(demo.vacancies.map((v) => v.company.name));
}

export async function startChatService(options: ChatServiceOptions = {}): Promise<ChatService> {
  const dataDir = tempDir('lokerbot-chat');
  try {
    const companies = await seedDemoVacancies(dataDir, options.vacancies ?? 300, options.seed ?? 2026);
    const logger = createLogger({ level: options.logLevel ?? 'silent' });
    const service = await startWithRetry(async () => {
      const env: NodeJS.ProcessEnv = { ...options.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: options.logLevel ?? 'silent' };
      if (options.redisUrl) env.REDIS_URL = options.redisUrl;
      return startService(loadConfig(env), logger);
    });
    const address = service.address;
    if (!address) throw new Error('the service started without HTTP (is ROLE=worker?)');
    return {
      service,
      baseUrl: `http://${address.host}:${address.port}`,
      dataDir,
      companies,
      stop: async () => {
        await service.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** freePort() can lose its port to another process before the service binds it; try again a few times. */
async function startWithRetry(start: () => Promise<RunningService>): Promise<RunningService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      const inUse = error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!inUse || attempt >= 3) throw error;
    }
  }
}
