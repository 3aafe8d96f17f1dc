import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { localeSchema } from '../domain/index.js';
import { LokerError, ServiceUnavailableError } from '../errors/index.js';
import { pseudonym } from '../runtime/pseudonym.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, orUnavailable, withDeadline, type RedisClient } from '../runtime/redis-client.js';
import { RELEASE_IF_OWNER, RENEW_IF_OWNER, type RedisScript } from '../runtime/redis-script.js';
import { alertRecordSchema, type AlertKind, type AlertRecord } from './alert-record.js';
import { MAX_CHOICES, type Choice } from './message.js';
import { BEGIN, FINISH, REMEMBER } from './state-scripts.js';

/** A place in a flow with the answers given there: where a detour returns to, or a kept draft. */
const flowPositionSchema = z.object({
  flow: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.unknown()),
  back: z.array(z.string()),
  single: z.boolean().optional(),
});
export type FlowPosition = z.infer<typeof flowPositionSchema>;

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
  resume: flowPositionSchema.optional(),
  /** A half-finished flow that keeps drafts (the registration), left with its answers; starting it again resumes here. */
  draft: flowPositionSchema.optional(),
  lastActiveAt: z.string().optional(),
  /** What the last alert or broadcast offered, until the person's next message (see AlertRecord). */
  alert: alertRecordSchema.optional(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export interface ConversationStateStoreOptions {
  /**
   * Secret that turns a person (`telegram/12345`, `whatsapp/+62812…`) into the pseudonym their keys
   * are stored under, so no chat id or phone number is ever written to Redis or its append-only
   * file. Shared by every process (kept in the store). Required.
   */
  readonly keySecret: Buffer;
  /** Key prefix. Default: `lokerbot:conv`. */
  readonly prefix?: string;
  /** How long an untouched state is kept once the person consented (language, consent). Default: 90 days. */
  readonly retentionSeconds?: number;
  /** How long an untouched state is kept before consent: just long enough to finish the welcome. Default: 30 minutes. */
  readonly unconsentedTtlSeconds?: number;
  /**
   * Life of a per-person lock without renewal. The holder renews it while its turn runs, so this
   * only bounds how long a crashed process's lock blocks that person. Default: 5 000 ms.
   */
  readonly lockTtlMs?: number;
  /** How long to wait for another turn of the same person; longer than `lockTtlMs`, so a dead holder's lock is outwaited. Default: `lockTtlMs` + 1 000 ms. */
  readonly lockWaitMs?: number;
  /** How long a handled message id is remembered. Default: 24 h. */
  readonly seenTtlSeconds?: number;
  /** Longest wait for one Redis reply before the message answers "unavailable". Default: 2 000 ms. */
  readonly commandTimeoutMs?: number;
  /** How long after an alert or broadcast a typed number or "berhenti" still answers it. Default: 24 h. */
  readonly alertReplySeconds?: number;
  /** How long the replies to a message are kept for a retry of the same message id (see TurnOutcome.replay). Default: 600 s. */
  readonly replayWindowSeconds?: number;
  /** How many messages' replies are kept for retries, newest first. Default: 20. */
  readonly replayMessages?: number;
  /** Entries of a person's transcript kept, newest last (see TurnOutcome.transcript). Default: 40. */
  readonly transcriptEntries?: number;
}

/** Leaves the current flow (and any flow it interrupted); language, consent and the last offered choices stay. */
export function leaveFlow(state: ConversationState): void {
  Object.assign(state, { flow: undefined, step: undefined, data: {}, back: [], retries: 0, single: undefined, resume: undefined });
}

/** Another message of this person is still being handled (or its process died holding the lock). */
export class ConversationBusyError extends ServiceUnavailableError {
  constructor() {
    super('loker:conversation-busy', 'another message of this person is still being handled; try again shortly', { retryAfterSeconds: 2 });
  }
}

/** The turn outlived its lock (a stalled process): another turn may have run, so its state is not written. */
export class ConversationLockLostError extends ServiceUnavailableError {
  constructor() {
    super('loker:conversation-lock-lost', 'this message took too long and was not saved; send it again', { retryAfterSeconds: 1 });
  }
}

/** The person's lock while it is held: what BEGIN answered, and the one fenced write that ends the hold. */
interface Hold {
  readonly begun: unknown[];
  /** Runs `script` (KEYS lock, seen, state; ARGV token then `args`); throws ConversationLockLostError when it wrote nothing. */
  end(script: RedisScript, args: string[]): Promise<void>;
}

/** What a turn decided: its result, and the state to keep (`null` forgets the person). */
export interface TurnOutcome<T> {
  readonly result: T;
  readonly keep: ConversationState | null;
  /** Whether the person has consented; before consent the state lives only `unconsentedTtlSeconds`. */
  readonly consented: boolean;
  /** The result as kept for a retry of the same message id, within `replayWindowSeconds`. Default: not kept. */
  readonly replay?: string;
  /** Entries added to the person's transcript (bounded by `transcriptEntries`; it lives as long as the state). Default: none. */
  readonly transcript?: readonly string[];
}

type TurnWork<T> = (state: ConversationState) => Promise<TurnOutcome<T>>;
/** Answers a message id handled before, with its kept `replay` when it is still within the window. */
type OnDuplicate<T> = (replay: string | undefined) => T;

/** One kept reply for retries: the message id, when, and the result as the turn gave it. */
interface ReplayEntry {
  readonly id: string;
  readonly at: number;
  readonly result: string;
}

/**
 * Conversation state, message de-duplication and the per-person lock, all in Redis so any
 * process can take the next message and a restart resumes where the person was. Keys hold a keyed
 * pseudonym of the person, never their chat id or number. A Redis outage surfaces as a
 * ServiceUnavailableError (503 at the HTTP edge), never as a hang: every command has a timeout.
 */
export class ConversationStateStore {
  private readonly prefix: string;
  private readonly keySecret: Buffer;
  private readonly retentionSeconds: number;
  private readonly unconsentedTtlSeconds: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly seenWindowMs: number;
  private readonly commandTimeoutMs: number;
  private readonly alertReplyMs: number;
  private readonly replayWindowMs: number;
  private readonly replayMessages: number;
  private readonly transcriptEntries: number;
  /** In-process queue per person, so this process never races itself for the Redis lock. */
  private readonly local = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: RedisClient,
    options: ConversationStateStoreOptions,
  ) {
    if (options.keySecret.length < 16) throw new LokerError('loker:config-invalid', 'ConversationStateStore: keySecret must be at least 16 bytes');
    this.keySecret = options.keySecret;
    this.prefix = options.prefix ?? 'lokerbot:conv';
    this.retentionSeconds = options.retentionSeconds ?? 90 * 24 * 3600;
    this.unconsentedTtlSeconds = options.unconsentedTtlSeconds ?? 30 * 60;
    this.lockTtlMs = options.lockTtlMs ?? 5_000;
    this.lockWaitMs = options.lockWaitMs ?? this.lockTtlMs + 1_000;
    this.seenWindowMs = (options.seenTtlSeconds ?? 24 * 3600) * 1000;
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.alertReplyMs = (options.alertReplySeconds ?? 24 * 3600) * 1000;
    this.replayWindowMs = (options.replayWindowSeconds ?? 600) * 1000;
    this.replayMessages = options.replayMessages ?? 20;
    this.transcriptEntries = options.transcriptEntries ?? 40;
  }

  /**
   * Runs `work` for one message while holding the person's lock (one message of a person at a
   * time, across processes). `work` gets the state and returns the state to keep, or `null` to
   * forget the person; nothing is written when it throws or when its lock was lost, and a
   * duplicate message id skips it: `onDuplicate` answers it, with the first handling's kept replay.
   */
  withTurn<T>(person: string, messageId: string, work: TurnWork<T>, onDuplicate: OnDuplicate<T>): Promise<T> {
    return this.queued(person, () => this.turn(person, messageId, work, onDuplicate));
  }

  /**
   * Remembers what an alert just sent to `person` offered, so that their next message can answer
   * it (a typed "2" on WhatsApp, "berhenti" after a broadcast) until `alertReplySeconds` have
   * passed. A turn of its own: it waits for the person's lock as a message does and writes fenced
   * by it, so it neither overwrites a turn in progress nor is overwritten by one (a turn writes back
   * the whole state it read). Throws ServiceUnavailableError (busy, lock lost, Redis away) like a turn.
   */
  rememberAlert(person: string, choices: readonly Choice[], kind: AlertKind, at: Date = new Date()): Promise<void> {
    const record: AlertRecord = {
      kind,
      at: at.toISOString(),
      until: new Date(at.getTime() + this.alertReplyMs).toISOString(),
      choices: choices.slice(0, MAX_CHOICES).map((c) => ({ id: c.id, label: c.label })),
    };
    return this.queued(person, () =>
      // '' is never a message id: only the lock and the state of BEGIN's answer are used.
      this.holding(person, '', async (hold) => {
        const state = parseState(typeof hold.begun[2] === 'string' ? hold.begun[2] : '');
        await hold.end(REMEMBER, [JSON.stringify({ ...state, alert: record }), String(this.alertReplyMs)]);
      }),
    );
  }

  /** The stored state (for admin tools and tests); a turn gets it from `withTurn`. */
  async load(person: string): Promise<ConversationState> {
    return parseState(await orUnavailable(() => this.redis.get(this.keysOf(person).state), this.commandTimeoutMs));
  }

  /** The person's transcript, oldest first, as the turns wrote it (see TurnOutcome.transcript). */
  async transcript(person: string): Promise<string[]> {
    return orUnavailable(() => this.redis.lRange(this.keysOf(person).transcript, 0, -1), this.commandTimeoutMs);
  }

  /** The Redis keys that hold what is kept about `person` (for erasure checks). */
  keysOf(person: string): { readonly lock: string; readonly seen: string; readonly state: string; readonly replies: string; readonly transcript: string } {
    const ref = pseudonym(person, this.keySecret);
    return {
      lock: `${this.prefix}:lock:${ref}`,
      seen: `${this.prefix}:seen:${ref}`,
      state: `${this.prefix}:state:${ref}`,
      replies: `${this.prefix}:replies:${ref}`,
      transcript: `${this.prefix}:transcript:${ref}`,
    };
  }

  /** Runs `run` after every earlier call for `person` in this process, so this process never races itself for the Redis lock. */
  private queued<T>(person: string, run: () => Promise<T>): Promise<T> {
    const previous = this.local.get(person) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(run);
    const tail = result.catch(() => undefined);
    this.local.set(person, tail);
    void tail.then(() => {
      if (this.local.get(person) === tail) this.local.delete(person);
    });
    return result;
  }

  private turn<T>(person: string, messageId: string, work: TurnWork<T>, onDuplicate: OnDuplicate<T>): Promise<T> {
    const id = messageId.slice(0, 200);
    return this.holding(person, id, async (hold) => {
      if (hold.begun[1] === 1) return onDuplicate(this.replayOf(hold.begun[3], id));
      const outcome = await work(parseState(typeof hold.begun[2] === 'string' ? hold.begun[2] : ''));
      const ttl = outcome.consented ? this.retentionSeconds : this.unconsentedTtlSeconds;
      const now = Date.now();
      const replay = outcome.replay !== undefined ? JSON.stringify({ id, at: now, result: outcome.replay } satisfies ReplayEntry) : '';
      await hold.end(FINISH, [
        outcome.keep ? JSON.stringify(outcome.keep) : '',
        String(ttl),
        id,
        String(now),
        String(this.seenWindowMs),
        replay,
        String(this.replayWindowMs),
        String(this.replayMessages),
        String(this.transcriptEntries),
        ...(outcome.transcript ?? []),
      ]);
      return outcome.result;
    });
  }

  /** The kept result of message `id`, from BEGIN's list of kept replies, while within the window. */
  private replayOf(kept: unknown, id: string): string | undefined {
    if (!Array.isArray(kept)) return undefined;
    const oldest = Date.now() - this.replayWindowMs;
    for (const raw of kept) {
      try {
        const entry = JSON.parse(String(raw)) as Partial<ReplayEntry>;
        if (entry.id === id && typeof entry.result === 'string' && typeof entry.at === 'number' && entry.at >= oldest) return entry.result;
      } catch {
        // A kept reply this build cannot read is as good as none.
      }
    }
    return undefined;
  }

  /**
   * Holds the person's lock while `body` runs: takes it (BEGIN), renews it, and releases it unless
   * `body` ended the hold with its fenced write, which releases it in the same round trip.
   */
  private async holding<T>(person: string, messageId: string, body: (hold: Hold) => Promise<T>): Promise<T> {
    const { lock, seen, state, replies, transcript } = this.keysOf(person);
    const keys = [lock, seen, state, replies, transcript];
    const token = randomUUID();
    const begun = await this.acquire(keys, token, messageId);
    // Renewed while the body runs, so a slow turn keeps its lock and a dead process's lock soon expires.
    const renewal = setInterval(() => {
      withDeadline(RENEW_IF_OWNER.run(this.redis, [lock], [token, String(this.lockTtlMs)]), this.commandTimeoutMs).catch(() => undefined);
    }, Math.max(100, Math.floor(this.lockTtlMs / 3)));
    renewal.unref();
    let finished = false;
    const hold: Hold = {
      begun,
      end: async (script, args) => {
        clearInterval(renewal);
        const written = await orUnavailable(() => script.run(this.redis, keys, [token, ...args]), this.commandTimeoutMs);
        finished = true;
        if (written !== 1) throw new ConversationLockLostError();
      },
    };
    try {
      return await body(hold);
    } finally {
      clearInterval(renewal);
      if (!finished) await withDeadline(RELEASE_IF_OWNER.run(this.redis, [lock], [token]), this.commandTimeoutMs).catch(() => undefined);
    }
  }

  /** Takes the lock, waiting out another turn (or a crashed holder's lock) for at most `lockWaitMs`. */
  private async acquire(keys: string[], token: string, messageId: string): Promise<unknown[]> {
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      let begun: unknown[];
      try {
        begun = (await orUnavailable(() => BEGIN.run(this.redis, keys, [token, String(this.lockTtlMs), messageId]), this.commandTimeoutMs)) as unknown[];
      } catch (error) {
        // A BEGIN that timed out may still run when a paused Redis resumes, taking the lock for
        // nobody; a release sent right behind it on the same connection runs right after it.
        RELEASE_IF_OWNER.run(this.redis, [keys[0] ?? ''], [token]).catch(() => undefined);
        throw error;
      }
      if (begun[0] === 1) return begun;
      if (Date.now() > deadline) throw new ConversationBusyError();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
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
