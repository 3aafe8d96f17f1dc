import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastSourceId, SEND_JOB_OPTIONS, sendJobId, type SendJobData } from '../../src/alerts/send-job.js';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { TelegramEmulator } from '../channels/telegram-emulator.js';
import { makeSeeker } from '../fixtures/domain.js';
import { useTestRedis } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';
import { createHarness, type Harness } from './send-harness.js';

/*
 * A 2,000-recipient broadcast through the real TelegramSender to the Bot API emulator enforcing
 * Telegram's own flood limits (30 messages in any second, one per chat per second, 429 with
 * retry_after past them), with the worker at its defaults (25/s, 1 s per chat). Two extra 429s
 * are thrown in on the way. Every recipient must be served exactly once and no job lost. At 25/s
 * it takes about 80 s; RECIPIENTS and the rates are constants here so a quicker variant is one
 * edit away, and the emulator enforces whatever it is given.
 */

const RECIPIENTS = 2000;
const EMULATED = { perSecond: 30, perChatMs: 1000, retryAfterSeconds: 1 };
const WORKER = { perSecond: 25, perChatMs: 1000 };
const FIRST_CHAT = 700_000;

describe('a 2,000-recipient Telegram broadcast under Telegram’s flood limits', () => {
  const redis = useTestRedis();
  const emulator = new TelegramEmulator({ limits: EMULATED });
  let harness: Harness;

  beforeAll(async () => {
    await emulator.start();
    harness = await createHarness(redis, { telegram: WORKER });
  });
  afterAll(async () => {
    await harness.close();
    await emulator.stop();
  });

  it('serves every recipient exactly once and loses no job', async () => {
    const h = harness;
    const chats = Array.from({ length: RECIPIENTS }, (_, i) => String(FIRST_CHAT + i));
    for (const [i, chat] of chats.entries()) {
      await h.store.seekers.create(makeSeeker(`skr-${i}`, { identities: [{ channel: 'telegram', userId: chat }], identityKeys: [`telegram/${chat}`] }));
    }
    const jobs: SendJobData[] = chats.map((_, i) => ({ kind: 'broadcast', sourceId: broadcastSourceId('brc-flood'), broadcastId: 'brc-flood', seekerId: `skr-${i}`, channel: 'telegram' }));
    for (let i = 0; i < jobs.length; i += 500) {
      await h.queue('telegram').addBulk(jobs.slice(i, i + 500).map((data) => ({ name: data.kind, data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(data) } })));
    }
    // Two 429s the limits did not cause (Telegram gives them at will): the queue pauses, nothing is lost.
    emulator.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    emulator.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });

    const startedAt = Date.now();
    await h.workers.startChannel('telegram', new TelegramSender(new Telegram(emulator.token, { apiRoot: emulator.apiRoot })));
    const counts = await waitForAsync(async () => {
      const c = await h.queue('telegram').getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed', 'prioritized');
      return (c.completed ?? 0) + (c.failed ?? 0) >= RECIPIENTS && c;
    }, `${RECIPIENTS} jobs finished`, 280_000, 500);
    const seconds = (Date.now() - startedAt) / 1000;

    expect(counts).toMatchObject({ completed: RECIPIENTS, failed: 0, waiting: 0, active: 0, delayed: 0 });
    const perChat = new Map<string, number>();
    for (const message of emulator.sent) perChat.set(message.chat_id, (perChat.get(message.chat_id) ?? 0) + 1);
    expect(perChat.size).toBe(RECIPIENTS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(chats.every((chat) => perChat.has(chat))).toBe(true);
    expect(await h.store.deliveries.count({ sourceId: 'broadcast-brc-flood', status: 'sent' })).toBe(RECIPIENTS);
    expect(await h.store.deliveries.count({ sourceId: 'broadcast-brc-flood' })).toBe(RECIPIENTS);
    // Both injected 429s were met and waited out: those recipients' rows show the second attempt.
    expect(emulator.failed.filter((f) => f.status === 429).length).toBeGreaterThanOrEqual(2);
    let repeatedAttempts = 0;
    for await (const row of h.store.deliveries.listBySource('broadcast-brc-flood')) if (row.attempts > 1) repeatedAttempts++;
    expect(repeatedAttempts).toBeGreaterThanOrEqual(2);
    // Never faster than the platform allows (it would have refused), and not much slower than the limit.
    expect(seconds).toBeGreaterThan(RECIPIENTS / EMULATED.perSecond);
    console.info(`${RECIPIENTS} sent in ${seconds.toFixed(1)} s (${(RECIPIENTS / seconds).toFixed(1)}/s); 429s: ${emulator.throttled.length} from the limits, 2 injected`);
  }, 300_000);
});
