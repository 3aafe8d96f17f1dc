import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ConversationStateStore, createConversationEngine, Locales, type ConversationEngine, type ConversationStateStoreOptions, type Inbound, type Outbound } from '../../src/conversation/index.js';
import type { Channel } from '../../src/domain/index.js';
import { MatcherConversationServices } from '../../src/indexes/conversation-services.js';
import { MatchIndex } from '../../src/indexes/match-index.js';
import { createDefaultMatcher } from '../../src/matching/index.js';
import { createLogger, type Logger } from '../../src/runtime/logger.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { uniquePrefix } from './redis.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The pseudonymising key of every test conversation (the service keeps its own in the store). */
export const TEST_STATE_KEY = Buffer.alloc(32, 7);

export interface TestConversation {
  readonly engine: ConversationEngine;
  readonly store: Store;
  readonly index: MatchIndex;
  readonly prefix: string;
  /** The engine's Redis state, read through the same keys (pseudonymised person keys). */
  readonly states: ConversationStateStore;
  /** Sends text (or a pressed choice) as `userId` and returns the replies. */
  say(userId: string, message: string | { choiceId: string } | Partial<Inbound>, messageId?: string): Promise<readonly Outbound[]>;
  /** A second engine over the same Redis and store, as after a restart. */
  restart(): ConversationEngine;
}

export interface TestConversationOptions {
  readonly channel?: Channel;
  readonly now?: () => Date;
  readonly idleTimeoutMs?: number;
  readonly prefix?: string;
  readonly store?: Store;
  /** The UMK "UMK" means at the salary step. Default: the engine's (DEFAULT_UMK_RUPIAH). */
  readonly minimumWage?: number;
  /** The engine's logger. Default: silent. */
  readonly logger?: Logger;
  /** More Redis state options (windows and bounds). Default: the store's defaults. */
  readonly state?: Partial<Omit<ConversationStateStoreOptions, 'keySecret' | 'prefix'>>;
}

/** A real engine (real flows, locales, matcher, SQLite in memory) over the given Redis. */
export function createTestConversation(redis: RedisClient, options: TestConversationOptions = {}): TestConversation {
  const store = options.store ?? new Store(new SqliteBackend({ file: ':memory:' }));
  const matcher = createDefaultMatcher();
  const index = new MatchIndex(matcher, store, createLogger({ level: 'silent' }));
  store.onChange((change) => void index.apply(change));
  const prefix = options.prefix ?? uniquePrefix('conv');
  const build = () =>
    createConversationEngine({
      root: ROOT,
      // A text asked for under a key the locale files lack fails the test instead of showing the key.
      locales: Locales.load(path.join(ROOT, 'locales'), { onMissing: 'throw' }),
      redis,
      store,
      services: new MatcherConversationServices(matcher, store, index.verifiedCompanies),
      logger: options.logger ?? createLogger({ level: 'silent' }),
      state: { ...options.state, prefix, keySecret: TEST_STATE_KEY },
      engine: {
        ...(options.now ? { now: options.now } : {}),
        ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        ...(options.minimumWage ? { minimumWage: options.minimumWage } : {}),
      },
    });
  let engine = build();
  return {
    get engine() {
      return engine;
    },
    store,
    index,
    prefix,
    states: new ConversationStateStore(redis, { ...options.state, prefix, keySecret: TEST_STATE_KEY }),
    say: (userId, message, messageId = randomUUID()) => {
      const base = { channel: options.channel ?? 'web', userId, messageId, receivedAt: new Date().toISOString() } as const;
      const inbound: Inbound =
        typeof message === 'string'
          ? { ...base, kind: 'text', text: message }
          : 'choiceId' in message && typeof message.choiceId === 'string' && Object.keys(message).length === 1
            ? { ...base, kind: 'choice', choiceId: message.choiceId }
            : { ...base, kind: 'text', ...message };
      return engine.handle(inbound);
    },
    restart: () => {
      engine = build();
      return engine;
    },
  };
}

export function textOf(replies: readonly Outbound[]): string {
  return replies.map((r) => r.text).join('\n---\n');
}

export function choiceIds(replies: readonly Outbound[]): string[] {
  return replies.at(-1)?.choices?.map((c) => c.id) ?? [];
}
