import { Telegram } from 'telegraf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendJobId, vacancySourceId, type SendJobData } from '../../src/alerts/send-job.js';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { TelegramEmulator } from '../channels/telegram-emulator.js';
import { makeSubscription } from '../fixtures/domain.js';
import { useTestRedis } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';
import { FAST_RETRIES, createHarness, type Harness } from './send-harness.js';

/*
 * The Telegram send worker through the real TelegramSender (telegraf) against the Bot API
 * emulator, which refuses what breaks its flood limits with 429 and retry_after as Telegram does.
 * The limits here are scaled so the tests take seconds; the 2,000-recipient run at Telegram's own
 * limits is in send-telegram-flood.test.ts.
 */

const PER_CHAT_MS = 300;
const CHAT = 6_001_001;

function alert(vacancyId: string, subscriptionId: string): SendJobData {
  return { kind: 'vacancy-alert', sourceId: vacancySourceId(vacancyId), vacancyId, subscriptionId };
}

describe('Telegram send worker against the Bot API emulator', () => {
  const redis = useTestRedis();
  const emulator = new TelegramEmulator({ limits: { perSecond: 200, perChatMs: PER_CHAT_MS, retryAfterSeconds: 1 } });
  let harness: Harness | undefined;

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(): Promise<Harness> {
    harness = await createHarness(redis, { telegram: { perSecond: 100, perChatMs: PER_CHAT_MS } });
    await harness.workers.startChannel('telegram', new TelegramSender(new Telegram(emulator.token, { apiRoot: emulator.apiRoot })));
    return harness;
  }

  it('spaces alerts to one chat by the per-chat gap, over a Redis key that does not name the chat', async () => {
    const h = await start();
    const others = Array.from({ length: 20 }, (_, i) => CHAT + 100 + i);
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: String(CHAT) }, subscriberKey: `telegram/${CHAT}` }));
    for (const chat of others) await h.store.subscriptions.create(makeSubscription(`sub-${chat}`, { subscriber: { channel: 'telegram', userId: String(chat) }, subscriberKey: `telegram/${chat}` }));
    const throttledBefore = emulator.throttled.length;

    // Five new vacancies for the same person at once, among alerts to twenty others.
    const jobs = [...[1, 2, 3, 4, 5].map((n) => alert(`vac-a${n}`, 'sub-1')), ...others.map((chat) => alert('vac-a1', `sub-${chat}`))];
    await h.queue('telegram').addBulk(jobs.map((data) => ({ name: data.kind, data, opts: { ...FAST_RETRIES, jobId: sendJobId(data) } })));
    const keys = new Set<string>();
    const mine = await waitForAsync(async () => {
      for (const key of await redis.client.keys(`${h.prefix}:pace:*`)) keys.add(key);
      const sent = emulator.sent.map((m, i) => ({ ...m, at: emulator.sentAt[i] ?? 0 })).filter((m) => m.chat_id === String(CHAT));
      return sent.length >= 5 && (await h.store.deliveries.count({ status: 'sent' })) === 25 && sent;
    }, 'all 25 alerts delivered', 15_000);

    expect(mine.map((m) => m.text).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Baru: vacancy-vac-a${n}`));
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(PER_CHAT_MS);
    for (const chat of others) expect(emulator.sent.filter((m) => m.chat_id === String(chat))).toHaveLength(1);
    // Paced by us, not by the platform's refusals.
    expect(emulator.throttled.slice(throttledBefore).filter((t) => t.limit === 'per-chat')).toEqual([]);
    expect(keys.size).toBeGreaterThan(0);
    for (const key of keys) for (const chat of [CHAT, ...others]) expect(key).not.toContain(String(chat));
  });

  it('survives a 429: the job waits out retry_after and is delivered once', async () => {
    const h = await start();
    await h.store.subscriptions.create(makeSubscription('sub-1', { subscriber: { channel: 'telegram', userId: String(CHAT + 1) }, subscriberKey: `telegram/${CHAT + 1}` }));
    emulator.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const calls = emulator.callsOf('sendMessage').length;

    await h.enqueue('telegram', alert('vac-b1', 'sub-1'));
    const { state, job } = await h.settled('telegram', 'vacancy-vac-b1-sub-1');

    expect(state).toBe('completed');
    expect(emulator.callsOf('sendMessage').length - calls).toBe(2);
    expect(emulator.sent.filter((m) => m.chat_id === String(CHAT + 1))).toHaveLength(1);
    expect(job.attemptsMade).toBe(1);
    const refused = emulator.failed.at(-1)!;
    expect(emulator.sentAt.at(-1)! - refused.at).toBeGreaterThanOrEqual(950);
    expect(await h.store.deliveries.findOne('vacancy-vac-b1', `telegram/${CHAT + 1}`)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
