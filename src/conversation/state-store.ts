import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { localeSchema } from '../domain/index.js';
import { LokerError } from '../errors/index.js';
import type { RedisClient } from '../runtime/redis-client.js';
import { RedisScript } from '../runtime/redis-script.js';

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
 * Takes the person's lock; when it is free, also answers whether the message was handled before
 * and returns the stored state: one round trip at the start of a turn.
 * KEYS: lock, seen (sorted set of message ids by time), state. ARGV: token, lock ms, message id.
 */
const BEGIN = new RedisScript(`
if not redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
local seen = redis.call('zscore', KEYS[2], ARGV[3])
return {1, seen and 1 or 0, redis.call('get', KEYS[3]) or ''}
`);

/**
 * Ends a turn in one round trip: writes the state and marks the message handled (or forgets the
 * person entirely), then releases the lock if it is still ours.
 * KEYS: lock, seen, state. ARGV: token, state JSON or '' to forget, retention s, message id, now ms, seen window ms.
 */
const FINISH = new RedisScript(`
if ARGV[2] == '' then
  redis.call('del', KEYS[3], KEYS[2])
else
  redis.call('set', KEYS[3], ARGV[2], 'EX', ARGV[3])
  redis.call('zadd', KEYS[2], ARGV[5], ARGV[4])
  redis.call('zremrangebyscore', KEYS[2], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[6]))
  redis.call('pexpire', KEYS[2], ARGV[6])
end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
return 1
`);

const RELEASE = new RedisScript(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`);

/** One message's hold on a person's conversation. */
export interface Turn {
  /** The message id was handled before: nothing to do. */
  readonly duplicate: boolean;
  readonly state: ConversationState;
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
  private readonly seenWindowMs: number;
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
    this.seenWindowMs = (options.seenTtlSeconds ?? 24 * 3600) * 1000;
  }

  /**
   * Runs `work` for one message while holding the person's lock (one message of a person at a
   * time, across processes). `work` gets the state and returns the state to keep, or `null` to
   * forget the person; nothing is written when it throws, and a duplicate message id skips it.
   */
  withTurn<T>(person: string, messageId: string, work: (state: ConversationState) => Promise<{ result: T; keep: ConversationState | null }>, onDuplicate: () => T): Promise<T> {
    const previous = this.local.get(person) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.turn(person, messageId, work, onDuplicate));
    const tail = run.catch(() => undefined);
    this.local.set(person, tail);
    void tail.then(() => {
      if (this.local.get(person) === tail) this.local.delete(person);
    });
    return run;
  }

  /** The stored state (for admin tools and tests); a turn gets it from `withTurn`. */
  async load(person: string): Promise<ConversationState> {
    return parseState(await this.redis.get(this.key('state', person)));
  }

  private async turn<T>(person: string, messageId: string, work: (state: ConversationState) => Promise<{ result: T; keep: ConversationState | null }>, onDuplicate: () => T): Promise<T> {
    const keys = [this.key('lock', person), this.key('seen', person), this.key('state', person)];
    const token = randomUUID();
    const id = messageId.slice(0, 200);
    const deadline = Date.now() + this.lockWaitMs;
    let begun: unknown[];
    for (;;) {
      begun = (await BEGIN.run(this.redis, keys, [token, String(this.lockTtlMs), id])) as unknown[];
      if (begun[0] === 1) break;
      if (Date.now() > deadline) throw new ConversationBusyError();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    let finished = false;
    try {
      if (begun[1] === 1) return onDuplicate();
      const { result, keep } = await work(parseState(typeof begun[2] === 'string' ? begun[2] : ''));
      const args = [token, keep ? JSON.stringify(keep) : '', String(this.retentionSeconds), id, String(Date.now()), String(this.seenWindowMs)];
      await FINISH.run(this.redis, keys, args);
      finished = true;
      return result;
    } finally {
      if (!finished) await RELEASE.run(this.redis, [keys[0] ?? ''], [token]);
    }
  }

  private key(kind: 'lock' | 'seen' | 'state', person: string): string {
    return `${this.prefix}:${kind}:${person}`;
  }
}

function parseState(raw: string | null | undefined): ConversationState {
  if (!raw) return conversationStateSchema.parse({});
  try {
    return conversationStateSchema.parse(JSON.parse(raw));
  } catch {
    // A state this build cannot read starts over rather than failing every message.
    return conversationStateSchema.parse({});
  }
}
