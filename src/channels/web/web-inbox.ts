import { randomUUID } from 'node:crypto';
import type { Outbound } from '../../conversation/message.js';
import { LokerError } from '../../errors/index.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, orUnavailable, type RedisClient } from '../../runtime/redis-client.js';
import { pseudonym } from '../../runtime/pseudonym.js';

export interface WebInboxOptions {
  /** Prefix of the inbox keys. Default: `lokerbot:web:inbox:`. */
  readonly prefix?: string;
  /** Messages kept per person; past it the oldest go first. Default: 50. */
  readonly maxMessages?: number;
  /** How long a kept message waits to be shown. Default: 30 days. */
  readonly maxAgeMs?: number;
  /** Longest wait for one Redis reply. Default: DEFAULT_COMMAND_TIMEOUT_MS (2 000 ms). */
  readonly commandTimeoutMs?: number;
  /** Default: `Date.now`. */
  readonly now?: () => number;
}

/** One kept message. `raw` is its stored form, which also names it for removal. */
export interface InboxEntry {
  readonly id: string;
  readonly message: Outbound;
  readonly raw: string;
}

interface StoredEntry {
  readonly id: string;
  /** Epoch ms after which it is not shown any more. */
  readonly until: number;
  readonly message: Outbound;
}

export const DEFAULT_WEB_INBOX = { prefix: 'lokerbot:web:inbox:', maxMessages: 50, maxAgeMs: 30 * 24 * 3600 * 1000 } as const;

/**
 * Messages for a web chat person, kept in Redis until one of their pages shows them: alerts and
 * broadcasts reach people whose page is closed the next time they open it. One list per person,
 * bounded in length and age (each entry carries its own expiry, so readers need no settings).
 * The key is a hash of the web id; web ids are random server-issued ids, so no keyed hash is
 * needed to keep them from being guessed back.
 */
export class WebInbox {
  private readonly prefix: string;
  private readonly maxMessages: number;
  private readonly maxAgeMs: number;
  private readonly commandTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    options: WebInboxOptions = {},
  ) {
    this.prefix = options.prefix ?? DEFAULT_WEB_INBOX.prefix;
    this.maxMessages = options.maxMessages ?? DEFAULT_WEB_INBOX.maxMessages;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_WEB_INBOX.maxAgeMs;
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.maxMessages) || this.maxMessages < 1) throw new LokerError('loker:config-invalid', 'WebInbox: maxMessages must be a whole number, at least 1');
    if (!Number.isInteger(this.maxAgeMs) || this.maxAgeMs < 1000) throw new LokerError('loker:config-invalid', 'WebInbox: maxAgeMs must be a whole number of milliseconds, at least 1000');
  }

  /** Keeps `message` for `userId` (dropping the oldest past the bound) and returns the entry. */
  async keep(userId: string, message: Outbound): Promise<InboxEntry> {
    const stored: StoredEntry = { id: randomUUID(), until: this.now() + this.maxAgeMs, message };
    const raw = JSON.stringify(stored);
    const key = this.keyOf(userId);
    await orUnavailable(() => this.redis.multi().rPush(key, raw).lTrim(key, -this.maxMessages, -1).pExpire(key, this.maxAgeMs).exec(), this.commandTimeoutMs);
    return { id: stored.id, message, raw };
  }

  /** What waits for `userId`, oldest first, without what has expired. Nothing is removed: see `remove`. */
  async pending(userId: string): Promise<InboxEntry[]> {
    const raws = await orUnavailable(() => this.redis.lRange(this.keyOf(userId), 0, -1), this.commandTimeoutMs);
    const now = this.now();
    const entries: InboxEntry[] = [];
    for (const raw of raws) {
      const stored = parseEntry(raw);
      if (stored && stored.until > now) entries.push({ id: stored.id, message: stored.message, raw });
    }
    return entries;
  }

  /** Forgets entries that were shown. Entries are unique (each has its own id), so two pages removing one is harmless. */
  async remove(userId: string, raws: readonly string[]): Promise<void> {
    if (raws.length === 0) return;
    const key = this.keyOf(userId);
    await orUnavailable(() => {
      const batch = this.redis.multi();
      for (const raw of raws) batch.lRem(key, 1, raw);
      return batch.exec();
    }, this.commandTimeoutMs);
  }

  /** Forgets everything kept for `userId` (the person deleted their data). */
  async clear(userId: string): Promise<void> {
    await orUnavailable(() => this.redis.del(this.keyOf(userId)), this.commandTimeoutMs);
  }

  /** The Redis key of one person's inbox. Exposed for tests. */
  keyOf(userId: string): string {
    return `${this.prefix}${pseudonym(userId)}`;
  }
}

function parseEntry(raw: string): StoredEntry | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<StoredEntry>;
    if (typeof parsed.id !== 'string' || typeof parsed.until !== 'number' || typeof parsed.message?.text !== 'string') return undefined;
    return parsed as StoredEntry;
  } catch {
    return undefined;
  }
}
