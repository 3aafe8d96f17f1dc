import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/alerts/alert-content.js';
import { AlertChoiceMemory } from '../../src/alerts/alert-choice-memory.js';
import { AlertMessages } from '../../src/alerts/alert-messages.js';
import { profileRefreshSourceId, type SendJobData } from '../../src/alerts/send-job.js';
import { formatDate } from '../../src/conversation/i18n.js';
import type { Choice, Outbound } from '../../src/conversation/index.js';
import { confirmedSince, identityKey, jobSearchOf, type Channel, type ChannelIdentity, type Locale, type Seeker } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { makeSeeker, makeSubscription } from '../fixtures/domain.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { lastText, LOCALES, t } from './script.js';

/*
 * The job search status in the chat: the profile refresh question's three buttons, answered from
 * any flow (pressed on Telegram, typed as a number on WhatsApp, sent back as an id by the web page),
 * and the menu entry that shows and changes the status.
 */
describe.each(['id', 'en'] as const)('job search status in the chat (%s)', (locale: Locale) => {
  const redis = useTestRedis();
  const w = locale === 'id' ? { subscribe: 'langganan', status: 'status kerja', skip: 'lewati' } : { subscribe: 'subscribe', status: 'job search', skip: 'skip' };
  let c: TestConversation;
  let messages: AlertMessages;
  let memory: AlertChoiceMemory;
  let people = 0;

  beforeAll(() => {
    c = createTestConversation(redis.client);
    messages = new AlertMessages({ store: c.store, matcher: c.index.matcher, locales: LOCALES, verifiedCompanies: c.index.verifiedCompanies, refreshGraceDays: 14 });
    memory = new AlertChoiceMemory(c.states, createLogger({ level: 'silent' }));
  });

  async function seekerOn(channel: Channel): Promise<{ who: ChannelIdentity; seeker: Seeker }> {
    people += 1;
    const userId = channel === 'telegram' ? `${8100 + people}` : channel === 'whatsapp' ? `+62812666${String(people).padStart(4, '0')}` : `web-js-${people}`;
    const who = { channel, userId };
    const seeker = await c.store.seekers.create(makeSeeker(`skr-${randomUUID().slice(0, 8)}`, { identities: [who], identityKeys: [identityKey(who)], locale }));
    return { who, seeker };
  }

  /** What the send worker does with the refresh job: renders it in the seeker's language and remembers its choices. */
  async function ask(who: ChannelIdentity, seeker: Seeker): Promise<Outbound> {
    const job: SendJobData = { kind: 'profile-refresh', sourceId: profileRefreshSourceId(seeker.id, confirmedSince(seeker)), seekerId: seeker.id, channel: who.channel };
    const recipient: Recipient = { identity: who, key: identityKey(who), locale };
    const message = await messages.render(job, recipient);
    if (!message) throw new Error('nothing rendered');
    await memory.rememberAlertChoices(recipient, job, message);
    return message;
  }

  const press = (who: ChannelIdentity, choice: Choice | undefined) => c.say(who.userId, { channel: who.channel, kind: 'choice', choiceId: choice?.id ?? '', text: choice?.label ?? '' });
  const type = (who: ChannelIdentity, text: string) => c.say(who.userId, { channel: who.channel, kind: 'text', text });
  const searchOf = async (seeker: Seeker) => jobSearchOf((await c.store.seekers.get(seeker.id))!);

  it('asks in the seeker\'s language with the three answers', async () => {
    const { who, seeker } = await seekerOn('telegram');
    const question = await ask(who, seeker);
    expect(question.text).toBe(t(locale, 'refresh.question', { name: seeker.name, days: 14 }));
    expect(question.choices?.map((ch) => ch.label)).toEqual([t(locale, 'job-search.answer.seeking'), t(locale, 'job-search.answer.working'), t(locale, 'job-search.answer.pause')]);
  });

  it('"still looking", pressed in the middle of another flow, is recorded and that flow\'s question is asked again', async () => {
    const { who, seeker } = await seekerOn('telegram');
    const question = await ask(who, seeker);
    await type(who, w.subscribe);
    await press(who, { id: 'new', label: t(locale, 'sub.new') });
    const replies = await press(who, question.choices?.[0]);
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'job-search.recorded.seeking'), t(locale, 'sub.keywords.prompt')]);
    expect(await searchOf(seeker)).toEqual({ state: 'active', confirmedAt: expect.any(String) as string });
  });

  it('"I have a job", typed as its number on WhatsApp, asks where and records it', async () => {
    const { who, seeker } = await seekerOn('whatsapp');
    await ask(who, seeker);
    const asked = await type(who, '2');
    expect(asked.map((r) => r.text)).toEqual([t(locale, 'job-search.recorded.working'), t(locale, 'job-search.where.prompt')]);
    expect(await searchOf(seeker)).toMatchObject({ state: 'placed', placement: { at: expect.any(String) as string } });
    const saved = await type(who, 'PT Yamaha Indonesia Motor');
    expect(saved[0]?.text).toBe(t(locale, 'job-search.where.saved', { company: 'PT Yamaha Indonesia Motor' }));
    expect(lastText(saved)).toBe(t(locale, 'menu.prompt'));
    expect((await searchOf(seeker)).placement?.company).toBe('PT Yamaha Indonesia Motor');
  });

  it('"I have a job" sent back by a web button may skip where', async () => {
    const { who, seeker } = await seekerOn('web');
    await type(who, 'refresh:working');
    const skipped = await type(who, w.skip);
    expect(skipped[0]?.text).toBe(t(locale, 'job-search.where.skipped'));
    const search = await searchOf(seeker);
    expect(search.state).toBe('placed');
    expect(search.placement?.company).toBeUndefined();
  });

  it('"pause alerts" pauses; the menu entry shows it and "still looking" comes back', async () => {
    const { who, seeker } = await seekerOn('telegram');
    const question = await ask(who, seeker);
    expect((await press(who, question.choices?.[2]))[0]?.text).toBe(t(locale, 'job-search.recorded.pause'));
    expect(await searchOf(seeker)).toMatchObject({ state: 'paused', pausedBy: 'choice' });
    // The person's alerts say why they do not come.
    await c.store.subscriptions.create(makeSubscription(`sub-${randomUUID().slice(0, 8)}`, { subscriber: who, subscriberKey: identityKey(who), seekerId: seeker.id, locale }));
    expect(lastText(await type(who, w.subscribe))).toContain(t(locale, 'sub.not-seeking.paused'));

    const menu = await type(who, 'menu');
    const entry = menu.at(-1)?.choices?.find((ch) => ch.id === 'job-search');
    expect(entry?.label).toBe(t(locale, 'menu.job-search'));
    const status = await press(who, entry);
    const pausedAt = (await searchOf(seeker)).pausedAt ?? '';
    expect(lastText(status).startsWith(t(locale, 'job-search.status.paused', { since: formatDate(pausedAt, locale) }))).toBe(true);
    expect(lastText(status)).toContain(t(locale, 'job-search.prompt'));
    expect(status.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['seeking', 'working', 'pause']);
    const back = await press(who, status.at(-1)?.choices?.[0]);
    expect(back.map((r) => r.text)).toEqual([t(locale, 'job-search.recorded.seeking'), t(locale, 'menu.prompt')]);
    expect((await searchOf(seeker)).state).toBe('active');
    expect(lastText(await type(who, w.subscribe))).not.toContain(t(locale, 'sub.not-seeking.paused'));
  });

  it('is reached by its word too, and shows where the person works', async () => {
    const { who, seeker } = await seekerOn('web');
    await type(who, 'refresh:working');
    await type(who, 'PT Astra Honda Motor');
    const status = await type(who, w.status);
    expect(lastText(status)).toContain(t(locale, 'job-search.status.company', { company: 'PT Astra Honda Motor' }));
    expect((await searchOf(seeker)).state).toBe('placed');
    await c.store.subscriptions.create(makeSubscription(`sub-${randomUUID().slice(0, 8)}`, { subscriber: who, subscriberKey: identityKey(who), seekerId: seeker.id, locale }));
    expect(lastText(await type(who, w.subscribe))).toContain(t(locale, 'sub.not-seeking.placed'));
  });
});
