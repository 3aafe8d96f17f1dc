/*
 * A send worker process for the crash test (send-crash.test.ts): SendWorkers on the Telegram queue
 * over the given Redis, BullMQ prefix and SQLite file, with a sender that notes each call in Redis
 * and then never answers, as a process killed in the middle of a send would. Configured by env:
 * REDIS_URL, BULL_PREFIX, DB_FILE, CALLS_KEY.
 */
import { SendWorkers } from '../../src/alerts/send-workers.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { connectRedis } from '../../src/runtime/redis-client.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { PACING_SECRET, StubContent } from './send-harness.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger({ level: 'silent' });
const redis = await connectRedis(env('REDIS_URL'), logger);
const queues = await Queues.connect(env('REDIS_URL'), logger, { prefix: env('BULL_PREFIX') });
const store = new Store(new SqliteBackend({ file: env('DB_FILE') }));
const workers = new SendWorkers({
  queues,
  store,
  redis,
  content: new StubContent(),
  logger,
  keySecret: PACING_SECRET,
  telegram: { perChatMs: 0 },
  stalls: { lockDurationMs: 1500, stalledIntervalMs: 500 },
});
await workers.startChannel('telegram', {
  channel: 'telegram',
  async send(userId) {
    await redis.rPush(env('CALLS_KEY'), userId);
    await new Promise(() => undefined);
  },
});
process.stdout.write('ready\n');
