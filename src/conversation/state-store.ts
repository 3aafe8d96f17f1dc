import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { localeSchema } from '../domain/index.js';
import { LokerError } from '../errors/index.js';
import type { RedisClient } from '../runtime/redis-client.js';

/** Where one person is in their conversation. Small and namespaced; lives in Redis. */
export const conversationStateSchema = z.object({
  locale: localeSchema.optional(),
  /** When the person agreed to the privacy notice (before a profile exists). */
  consentAt: z.string().optional(),
  flow: z.string().optional(),
  step: z.string().optional(),
  /** Answers collected in the current flow. */
  data: z.record(z.string(), z.unknown()).default({}),
  /** Steps answered so far in this flow, for "kembali"/"back". */
  back: z.array(z.string()).default([]),
  /** Failed answers at the current step. */
  retries: z.number().int().min(0).default(0),
  /** The choices last offered, so "2" or a label typed back maps to the choice. */
  offered: z.array(z.object({ id: z.string(), label: z.string() })).default([]),
  /** Editing one profile field: the flow ends after this step. */
  single: z.boolean().optional(),
  /** Where the person was when "bahasa"/"language" interrupted a flow; they go on there in the new language. */
  resume: z
    .object({
      flow: z.string(),
      step: z.string(),
      data: z.record(z.string(), z.unknown()),
      back: z.array(z.string()),
      single: z.boolean().optional(),
    })
    .optional(),
  lastActiveAt: z.string().optional(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export interface ConversationStateStoreOptions {
  /** Key prefix. Default: `lokerbot:conv`. */
  readonly prefix?: string;
  /** How long an untouched state is kept at all (language, consent). Default: 90 days. */
  readonly retentionSeconds?: number;
  /** How long a per-user lock is held at most, in case a process dies holding it. Default: 15 000 ms. */
  readonly lockTtlMs?: number;
  /** How long to wait for another process's lock on the same person. Default: 10 000 ms. */
  readonly lockWaitMs?: number;
  /** How long a handled message id is remembered. Default: 24 h. */
  readonly seenTtlSeconds?: number;
}

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Leaves the current flow (and any flow it interrupted); language, consent and the last offered choices stay. */
export function leaveFlow(state: ConversationState): void {
  Object.assign(state, { flow: undefined, step: undefined, data: {}, back: [], retries: 0, single: undefined, resume: undefined });
}

export class ConversationBusyError extends LokerError {
  constructor() {
    super('loker:conversation-busy', 'another message of this person is still being handled');
  }
}

/**
 * Conversation state, message de-duplication and the per-person lock, all in Redis so any
 * process can take the next message and a restart resumes where the person was.
 */
export class ConversationStateStore {
  private readonly prefix: string;
  private readonly retentionSeconds: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly seenTtlSeconds: number;
  /** In-process queue per person, so this process never races itself for the Redis lock. */
  private readonly local = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: RedisClient,
    options: ConversationStateStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'lokerbot:conv';
    this.retentionSeconds = options.retentionSeconds ?? 90 * 24 * 3600;
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
    this.lockWaitMs = options.lockWaitMs ?? 10_000;
    this.seenTtlSeconds = options.seenTtlSeconds ?? 24 * 3600;
  }

  async load(person: string): Promise<ConversationState> {
    const raw = await this.redis.get(`${this.prefix}:state:${person}`);
    if (!raw) return conversationStateSchema.parse({});
    try {
      return conversationStateSchema.parse(JSON.parse(raw));
    } catch {
      // A state this build cannot read starts over rather than failing every message.
      return conversationStateSchema.parse({});
    }
  }

  async save(person: string, state: ConversationState): Promise<void> {
    await this.redis.set(`${this.prefix}:state:${person}`, JSON.stringify(state), { EX: this.retentionSeconds });
  }

  /** Forgets the person: their state and the ids of their handled messages (whose keys name them). */
  async erase(person: string): Promise<void> {
    await this.redis.del([`${this.prefix}:state:${person}`]);
    const pattern = `${this.prefix}:seen:${person.replace(/[*?[\]\\]/g, '\\$&')}:*`;
    for await (const keys of this.redis.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      if (keys.length > 0) await this.redis.del(keys);
    }
  }

  async wasHandled(person: string, messageId: string): Promise<boolean> {
    return (await this.redis.exists(this.seenKey(person, messageId))) === 1;
  }

  async markHandled(person: string, messageId: string): Promise<void> {
    await this.redis.set(this.seenKey(person, messageId), '1', { EX: this.seenTtlSeconds });
  }

  /** Runs `work` while holding this person's lock: one message of a person at a time, across processes. */
  withLock<T>(person: string, work: () => Promise<T>): Promise<T> {
    const previous = this.local.get(person) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withRedisLock(person, work));
    const tail = run.catch(() => undefined);
    this.local.set(person, tail);
    void tail.then(() => {
      if (this.local.get(person) === tail) this.local.delete(person);
    });
    return run;
  }

  private async withRedisLock<T>(person: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:lock:${person}`;
    const token = randomUUID();
    const deadline = Date.now() + this.lockWaitMs;
    while ((await this.redis.set(key, token, { NX: true, PX: this.lockTtlMs })) !== 'OK') {
      if (Date.now() > deadline) throw new ConversationBusyError();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE_LOCK, { keys: [key], arguments: [token] });
    }
  }

  private seenKey(person: string, messageId: string): string {
    return `${this.prefix}:seen:${person}:${messageId.slice(0, 200)}`;
  }
}
