import { beforeAll, describe, expect, it } from 'vitest';
import { AlertMessages } from '../../src/alerts/alert-messages.js';
import type { Choice, Outbound } from '../../src/conversation/index.js';
import { identityKey, type ChannelIdentity, type Locale, type Report } from '../../src/domain/index.js';
import { makeSubscription } from '../fixtures/domain.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { LOCALES, lastText, register, seedVacancies, t } from './script.js';

describe.each(['id', 'en'] as const)('reporting a fee or a scam (%s)', (locale: Locale) => {
  const redis = useTestRedis();
  const w =
    locale === 'id'
      ? { hello: 'halo', language: '1', agree: 'setuju', search: 'cari', report: 'laporkan', yes: 'ya', no: 'tidak', skip: 'lewati', free: 'Melamar tidak dipungut biaya.', button: 'Laporkan pungutan/penipuan' }
      : { hello: 'hello', language: 'English', agree: 'yes', search: 'search', report: 'report', yes: 'yes', no: 'no', skip: 'skip', free: 'Applying is free of charge.', button: 'Report a fee or scam' };
  const money = locale === 'id' ? 'Saya diminta transfer Rp 750.000 untuk seragam ke 081234567890 sebelum wawancara' : 'They asked me to transfer Rp 750,000 for a uniform to 081234567890 before the interview';
  let c: TestConversation;
  let people = 0;

  beforeAll(async () => {
    c = createTestConversation(redis.client);
    // vac-1..3: open welding jobs the registration's welder matches.
    await seedVacancies(c, 3);
  });

  const nextWebUser = () => `web-report-${locale}-${++people}`;
  const reportsOf = (who: ChannelIdentity): Promise<Report[]> => c.store.reports.listByReporter(who);

  /** A registered seeker on the web chat at the detail of their first search result. */
  async function atDetail(): Promise<{ user: string; detail: readonly Outbound[] }> {
    const user = nextWebUser();
    await register(c, user, locale);
    await c.say(user, w.search);
    return { user, detail: await c.say(user, '1') };
  }

  it('from a vacancy detail: the reason, what happened, the chat attached with consent, then what happens next', async () => {
    const { user, detail } = await atDetail();
    expect(lastText(detail).split('\n').at(-1)).toBe(w.free);
    expect(detail.at(-1)?.choices?.find((ch) => ch.id === 'report')?.label).toBe(w.button);

    const reason = await c.say(user, { choiceId: 'report' });
    expect(lastText(reason)).toBe(t(locale, 'report.reason.prompt'));
    expect(reason.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['asked-for-money', 'fake-vacancy', 'other']);
    expect(lastText(await c.say(user, '1'))).toBe(t(locale, 'report.details.prompt'));
    expect(lastText(await c.say(user, money))).toBe(t(locale, 'report.share-chat.prompt'));
    const done = await c.say(user, w.yes);

    const [report] = await reportsOf({ channel: 'web', userId: user });
    expect(report).toMatchObject({ vacancyId: 'vac-1', reporter: { channel: 'web', userId: user }, reporterKey: `web/${user}`, locale, reason: 'asked-for-money', text: money, status: 'open' });
    expect(lastText(done)).toBe(`${t(locale, 'report.done', { id: report?.id ?? '' })}\n${t(locale, 'report.done.chat-attached')}`);
    // The turns before the report are attached (the vacancy's detail last), not the report's own questions.
    const lines = report?.transcript ?? [];
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toEqual({ from: 'bot', text: lastText(detail) });
    expect(lines.some((l) => l.from === 'person' && l.text === '1')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(t(locale, 'report.reason.prompt'));
    expect(await c.store.audit.listForTarget('report', report?.id ?? '')).toEqual([expect.objectContaining({ action: 'report.create', details: { vacancyId: 'vac-1', reason: 'asked-for-money', transcript: true } })]);
  });

  it('keeps the chat out without consent, and takes "report" typed at the detail and a skipped text', async () => {
    const { user } = await atDetail();
    expect(lastText(await c.say(user, w.report))).toBe(t(locale, 'report.reason.prompt'));
    await c.say(user, t(locale, 'report.reason.fake-vacancy'));
    expect(lastText(await c.say(user, w.skip))).toBe(t(locale, 'report.share-chat.prompt'));
    const done = await c.say(user, w.no);
    const [report] = await reportsOf({ channel: 'web', userId: user });
    expect(report).toMatchObject({ vacancyId: 'vac-1', reason: 'fake-vacancy', status: 'open' });
    expect(report?.text).toBeUndefined();
    expect(report?.transcript).toBeUndefined();
    expect(lastText(done)).toBe(`${t(locale, 'report.done', { id: report?.id ?? '' })}\n${t(locale, 'report.done.chat-not-attached')}`);
  });

  it('from an instant alert, for a Telegram subscriber without a profile, with the Telegram chat attached on consent', async () => {
    const who: ChannelIdentity = { channel: 'telegram', userId: `${8000 + ++people}` };
    const type = (text: string) => c.say(who.userId, { channel: who.channel, kind: 'text', text });
    const press = (choice: Choice | undefined) => c.say(who.userId, { channel: who.channel, kind: 'choice', choiceId: choice?.id ?? '', text: choice?.label ?? '' });
    await type(w.hello);
    await type(w.language);
    await type(w.agree);
    const subscription = await c.store.subscriptions.create(makeSubscription(`sub-report-${locale}`, { subscriber: who, filters: { keywords: ['las'], kecamatan: [], jobTypes: [] }, locale }));
    const messages = new AlertMessages({ store: c.store, matcher: c.index.matcher, locales: LOCALES, verifiedCompanies: c.index.verifiedCompanies });
    const alert = await messages.render({ kind: 'vacancy-alert', sourceId: 'vacancy-vac-2', vacancyId: 'vac-2', subscriptionId: subscription.id }, { identity: who, key: identityKey(who), locale });
    expect(alert?.text.split('\n').at(-1)).toBe(w.free);
    const button = alert?.choices?.find((ch) => ch.id === 'alert:report:vac-2');
    expect(button?.label).toBe(w.button);

    expect(lastText(await press(button))).toBe(t(locale, 'report.reason.prompt'));
    await type('3');
    expect(lastText(await type(locale === 'id' ? 'Kantornya tidak ada di alamat itu' : 'There is no office at that address'))).toBe(t(locale, 'report.share-chat.prompt'));
    const done = await type(w.yes);
    const [report] = await reportsOf(who);
    expect(report).toMatchObject({ vacancyId: 'vac-2', reporter: who, reason: 'other', locale, status: 'open' });
    // What the bot keeps of a Telegram chat is the conversation with it: here the welcome and the consent.
    expect(report?.transcript?.some((line) => line.from === 'person')).toBe(true);
    expect(report?.transcript?.at(-1)?.from).toBe('bot');
    expect(await c.store.seekers.findByIdentity(who)).toBeUndefined();
    expect(lastText(done)).toBe(`${t(locale, 'report.done', { id: report?.id ?? '' })}\n${t(locale, 'report.done.chat-attached')}`);
    expect(await c.store.audit.listForTarget('report', report?.id ?? '')).toEqual([expect.objectContaining({ actor: 'chat:telegram' })]);
  });

  it('asks again on a reason it does not know and a text too long or without letters; "batal" leaves without a report', async () => {
    const { user } = await atDetail();
    await c.say(user, { choiceId: 'report' });
    const unknown = await c.say(user, '7');
    expect(unknown[0]?.text).toBe(t(locale, 'error.choice', { max: 3 }));
    expect(lastText(unknown)).toBe(t(locale, 'report.reason.prompt'));
    await c.say(user, '1');
    const long = await c.say(user, 'a'.repeat(501));
    expect(long[0]?.text).toBe(t(locale, 'error.too-long', { max: 500 }));
    expect(lastText(long)).toBe(t(locale, 'report.details.prompt'));
    const digits = await c.say(user, '500000');
    // A second wrong answer in a row adds the step's help and how to skip it.
    expect(digits[0]?.text).toBe([t(locale, 'error.text-letters'), t(locale, 'report.details.help'), t(locale, 'error.skip-hint')].join('\n\n'));
    await c.say(user, locale === 'id' ? 'batal' : 'cancel');
    expect(await reportsOf({ channel: 'web', userId: user })).toEqual([]);
  });

  it('says a vacancy removed before the report is sent is gone, and keeps no report', async () => {
    const c2 = createTestConversation(redis.client);
    await seedVacancies(c2, 1);
    const user = nextWebUser();
    await register(c2, user, locale);
    await c2.say(user, w.search);
    await c2.say(user, '1');
    await c2.say(user, { choiceId: 'report' });
    await c2.say(user, '2');
    await c2.say(user, w.skip);
    await c2.store.vacancies.delete('vac-1');
    expect(lastText(await c2.say(user, w.no))).toBe(t(locale, 'search.gone'));
    expect(await c2.store.reports.count()).toBe(0);
  });
});
