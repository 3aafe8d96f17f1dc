import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/index.js';
import { createTestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { sleep } from '../helpers/wait.js';
import { consent, lastText, registerUpTo, REGISTRATION, sharedConversation, t } from './script.js';

/*
 * What the web chat gets back: the replies of a message retried with the same id, and the recent
 * transcript a reloaded page shows (the pending question with its buttons last).
 */

describe.each(['id', 'en'] as const)('replayed message ids and the transcript (%s)', (locale: Locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const web = (userId: string) => ({ channel: 'web' as const, userId });

  it('answers a retried message id with its first replies, handled once', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    const first = await c.say(user, 'Budi Santoso', 'msg-1');
    expect(lastText(first)).toBe(t(locale, 'reg.kecamatan.prompt'));
    // A client that timed out sends it again, even with other text: the same replies, nothing handled twice.
    expect(await c.say(user, 'Budi Santoso', 'msg-1')).toEqual(first);
    expect(await c.say(user, 'something else', 'msg-1')).toEqual(first);
    expect(lastText(await c.say(user, 'Setu', 'msg-2'))).toBe(t(locale, 'reg.desa.prompt'));
  });

  it('keeps replies for retries a short while only', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client, { state: { replayWindowSeconds: 1 } });
    await consent(c, user, locale);
    await c.say(user, 'Budi Santoso', 'late');
    await sleep(1100);
    expect(await c.say(user, 'Budi Santoso', 'late')).toEqual([]);
  });

  it('replays nothing on Telegram or WhatsApp, whose redeliveries must not send twice, but keeps their transcript (a report may attach it)', async () => {
    const c = createTestConversation(redis.client, { channel: 'telegram' });
    const user = nextUser();
    const greeted = await c.say(user, 'halo', 'upd-1');
    expect(greeted).not.toEqual([]);
    expect(await c.say(user, 'halo', 'upd-1')).toEqual([]);
    // Before consent only the bot's own lines are kept.
    const lines = await c.engine.transcript({ channel: 'telegram', userId: user });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.from === 'bot')).toBe(true);
  });

  it('keeps the transcript with the words as shown (a button by its label) and the pending question with its buttons last', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 3);
    await c.say(user, { choiceId: 'yes' });
    const lines = await c.engine.transcript(web(user));
    const person = lines.filter((line) => line.from === 'person').map((line) => line.text);
    // The person's words only from the consent on; a button pressed (or its id typed) appears as its label.
    expect(person).toEqual([locale === 'id' ? 'setuju' : t('en', 'common.yes'), ...REGISTRATION.slice(0, 3).map((s) => s.answer[locale]), t(locale, 'common.yes')]);
    expect(lines.at(-1)).toEqual({ from: 'bot', text: t(locale, 'reg.education.prompt'), choices: expect.arrayContaining([{ id: 'SMK', label: 'SMK' }]) as unknown });
    expect(lines.filter((line) => line.from === 'bot').map((line) => line.text)).toContain(t(locale, 'consent.notice'));
  });

  it('keeps nothing the person typed before consent, and only as long as the welcome may be kept', async () => {
    const user = nextUser();
    const c = conversation();
    await c.say(user, 'halo');
    await c.say(user, 'Nama saya Budi 0812-3456-7890');
    const lines = await c.engine.transcript(web(user));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.from === 'bot')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('Budi');
    expect(await redis.client.ttl(c.states.keysOf(`web/${user}`).transcript)).toBeLessThanOrEqual(30 * 60);
  });

  it('masks a phone number the person typed after consent', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    await c.say(user, 'Budi 081234567890');
    const typed = (await c.engine.transcript(web(user))).filter((line) => line.from === 'person').map((line) => line.text);
    expect(typed.at(-1)).toMatch(/^Budi 0812…90$/);
  });

  it('keeps a bounded number of the latest lines', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client, { state: { transcriptEntries: 6 } });
    await registerUpTo(c, user, locale, 6);
    const lines = await c.engine.transcript(web(user));
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)?.text).toBe(t(locale, 'reg.skills.prompt'));
  });

  it('is erased with the rest by "hapus"', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, REGISTRATION.length);
    expect((await c.engine.transcript(web(user))).length).toBeGreaterThan(0);
    await c.say(user, locale === 'id' ? 'hapus' : 'delete');
    await c.say(user, locale === 'id' ? 'ya' : 'yes', 'erase');
    expect(await c.engine.transcript(web(user))).toEqual([]);
    const keys = c.states.keysOf(`web/${user}`);
    expect(await redis.client.exists([keys.state, keys.seen, keys.replies, keys.transcript])).toBe(0);
    // Not even the reply to the erasing message is kept for a retry: the same id meets a new conversation.
    expect(lastText(await c.say(user, locale === 'id' ? 'ya' : 'yes', 'erase'))).toBe(t('id', 'welcome.language'));
  });
});
