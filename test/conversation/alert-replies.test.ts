import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/alerts/alert-content.js';
import { AlertChoiceMemory } from '../../src/alerts/alert-choice-memory.js';
import { AlertMessages } from '../../src/alerts/alert-messages.js';
import type { SendJobData } from '../../src/alerts/send-job.js';
import type { Choice, Outbound } from '../../src/conversation/index.js';
import { identityKey, type Channel, type ChannelIdentity, type Locale, type Seeker, type Subscription } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { makeSeeker, makeSubscription, makeVacancy } from '../fixtures/domain.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { appliedText, consent, LOCALES, lastText, registerUpTo, REGISTRATION, seedVacancies, storedState, t } from './script.js';

const HOUR = 3_600_000;

describe.each(['id', 'en'] as const)('acting on alerts and broadcasts outside any flow (%s)', (locale: Locale) => {
  const redis = useTestRedis();
  const w = locale === 'id'
    ? { subscribe: 'langganan', apply: 'lamar', back: 'kembali', stop: 'berhenti', menu: 'menu' }
    : { subscribe: 'subscribe', apply: 'apply', back: 'back', stop: 'stop', menu: 'menu' };
  let c: TestConversation;
  let messages: AlertMessages;
  let memory: AlertChoiceMemory;
  let people = 0;

  beforeAll(async () => {
    c = createTestConversation(redis.client);
    messages = new AlertMessages({ store: c.store, matcher: c.index.matcher, locales: LOCALES, verifiedCompanies: c.index.verifiedCompanies });
    memory = new AlertChoiceMemory(c.states, createLogger({ level: 'silent' }));
    // vac-1..3: open welding jobs the fixture seeker (SMAW welder, forklift operator) matches.
    await seedVacancies(c, 3);
  });

  /** A new person on `channel`: a Telegram chat id, a WhatsApp number or a web chat id. */
  function person(channel: Channel): ChannelIdentity {
    people += 1;
    const userId = channel === 'telegram' ? `${7000 + people}` : channel === 'whatsapp' ? `+62812555${String(people).padStart(4, '0')}` : `web-${people}`;
    return { channel, userId };
  }

  async function seekerOn(who: ChannelIdentity): Promise<Seeker> {
    return c.store.seekers.create(makeSeeker(`skr-${randomUUID().slice(0, 8)}`, { identities: [who], locale }));
  }

  async function subscriptionOf(who: ChannelIdentity, seeker?: Seeker): Promise<Subscription> {
    return c.store.subscriptions.create(
      makeSubscription(`sub-${randomUUID().slice(0, 8)}`, {
        subscriber: who,
        ...(seeker ? { seekerId: seeker.id } : {}),
        filters: { keywords: ['las'], kecamatan: [], jobTypes: [] },
        locale,
      }),
    );
  }

  /** What the send worker does: renders the job, "sends" it, then remembers its choices. */
  async function send(who: ChannelIdentity, job: SendJobData): Promise<Outbound> {
    const recipient: Recipient = { identity: who, key: identityKey(who), locale };
    const message = await messages.render(job, recipient);
    if (!message) throw new Error(`nothing rendered for ${job.kind}`);
    await memory.rememberAlertChoices(recipient, job, message);
    return message;
  }

  const alertFor = (subscription: Subscription, vacancyId = 'vac-1'): SendJobData => ({ kind: 'vacancy-alert', sourceId: `vacancy-${vacancyId}`, vacancyId, subscriptionId: subscription.id });

  async function broadcastTo(seeker: Seeker): Promise<SendJobData> {
    const id = `bc-${randomUUID().slice(0, 8)}`;
    const at = new Date().toISOString();
    await c.store.broadcasts.create({
      id,
      kind: 'training',
      title: 'Pelatihan Las BLK',
      body: { id: 'Pelatihan las gratis di BLK Cikarang.', en: 'Free welding training at BLK Cikarang.' },
      segment: { channels: [], kecamatan: [], skills: [], ktpBekasiOnly: false },
      status: 'sending',
      createdBy: 'tok-admin',
      createdAt: at,
      updatedAt: at,
    });
    return { kind: 'broadcast', sourceId: `broadcast-${id}`, broadcastId: id, seekerId: seeker.id, channel: seeker.identities[0]?.channel ?? 'telegram' };
  }

  /** A Telegram button press (the id, with the label Telegram reads back from the keyboard). */
  const press = (who: ChannelIdentity, choice: Choice | undefined) => c.say(who.userId, { channel: who.channel, kind: 'choice', choiceId: choice?.id ?? '', text: choice?.label ?? '' });
  /** Typed text, or what a web button sends back: its id as text. */
  const type = (who: ChannelIdentity, text: string) => c.say(who.userId, { channel: who.channel, kind: 'text', text });

  const choiceIdsOf = (replies: readonly Outbound[]) => replies.at(-1)?.choices?.map((ch) => ch.id) ?? [];
  const applicationsOf = async (seeker: Seeker) => (await c.store.applications.listBySeeker(seeker.id)).map((a) => a.vacancyId);

  /** The person opens "new alert" in the subscription flow, which leaves them at its keywords question. */
  async function atKeywordsQuestion(who: ChannelIdentity): Promise<void> {
    await type(who, w.subscribe);
    expect(lastText(await press(who, { id: 'new', label: t(locale, 'sub.new') }))).toBe(t(locale, 'sub.keywords.prompt'));
  }

  describe('"Detail"', () => {
    it('pressed on Telegram in the middle of another flow opens the vacancy, where "lamar" applies once confirmed and the results are a button away', async () => {
      const who = person('telegram');
      const seeker = await seekerOn(who);
      const alert = await send(who, alertFor(await subscriptionOf(who, seeker)));
      await atKeywordsQuestion(who);
      const detail = await press(who, alert.choices?.[0]);
      expect(lastText(detail)).toContain('*Operator Las SMAW 1*');
      expect(lastText(detail)).toContain(`${t(locale, 'vacancy.salary')}: Rp 5.200.000 – Rp 5.800.000`);
      expect(choiceIdsOf(detail)).toEqual(['apply', 'results', 'report']);
      expect(lastText(await type(who, w.apply)).startsWith(t(locale, 'apply.preview.header', { title: 'Operator Las SMAW 1', company: 'PT Maju Jaya 1' }))).toBe(true);
      expect(await applicationsOf(seeker)).toEqual([]);
      expect(lastText(await type(who, w.apply))).toBe(appliedText(locale, 'Operator Las SMAW 1', 'PT Maju Jaya 1'));
      expect(await applicationsOf(seeker)).toEqual(['vac-1']);
      expect(lastText(await press(who, { id: 'results', label: t(locale, 'search.back-to-results') })).startsWith(t(locale, 'search.header'))).toBe(true);
    });

    it('sent back as its id by a web button opens the vacancy too', async () => {
      const who = person('web');
      await seekerOn(who);
      expect(lastText(await type(who, 'alert:detail:vac-2'))).toContain('*Operator Las SMAW 2*');
      expect((await storedState(redis.client, c, who.userId))?.step).toBe('detail');
    });

    it('lets a subscriber without a profile read the vacancy; applying from there asks them to register', async () => {
      const who = person('web');
      await consent(c, who.userId, locale);
      await type(who, w.menu);
      const alert = await send(who, alertFor(await subscriptionOf(who)));
      const detail = await type(who, alert.choices?.[0]?.id ?? '');
      expect(lastText(detail)).toContain('*Operator Las SMAW 1*');
      expect(choiceIdsOf(detail)).toEqual(['apply', 'report']);
      const replies = await type(who, w.apply);
      expect(replies.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'reg.name.prompt')]);
    });

    it('says a vacancy that was removed is gone', async () => {
      const who = person('telegram');
      await seekerOn(who);
      expect(lastText(await press(who, { id: 'alert:detail:vac-removed', label: 'Detail' }))).toBe(t(locale, 'search.gone'));
    });
  });

  describe('"Lamar"', () => {
    it('sent back by a web button shows what the company will see, applies once confirmed, and refuses a second time', async () => {
      const who = person('web');
      const seeker = await seekerOn(who);
      await atKeywordsQuestion(who);
      const preview = await type(who, 'alert:apply:vac-3');
      expect(lastText(preview).startsWith(t(locale, 'apply.preview.header', { title: 'Operator Las SMAW 3', company: 'PT Maju Jaya 3' }))).toBe(true);
      expect(choiceIdsOf(preview)).toEqual(['send', 'not-now']);
      expect(await applicationsOf(seeker)).toEqual([]);
      const applied = await type(who, 'send');
      expect(applied.map((r) => r.text)).toEqual([appliedText(locale, 'Operator Las SMAW 3', 'PT Maju Jaya 3')]);
      expect(choiceIdsOf(applied)).toEqual(['results', 'more', 'applications']);
      expect(await applicationsOf(seeker)).toEqual(['vac-3']);
      expect(lastText(await type(who, 'alert:apply:vac-3'))).toBe(t(locale, 'apply.duplicate', { title: 'Operator Las SMAW 3' }));
      expect(await applicationsOf(seeker)).toEqual(['vac-3']);
    });

    it('without a profile says one is needed and asks the open question again', async () => {
      const who = person('web');
      await consent(c, who.userId, locale);
      await type(who, w.subscribe);
      await press(who, { id: 'new', label: t(locale, 'sub.new') });
      const replies = await type(who, 'alert:apply:vac-1');
      expect(replies.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'sub.keywords.prompt')]);
    });

    it('is refused for a vacancy that closed after the alert went out', async () => {
      const who = person('telegram');
      const seeker = await seekerOn(who);
      await c.store.vacancies.create(makeVacancy(`vac-closing-${people}`, { title: 'Operator Forklift', deadline: '2030-01-31T16:59:59.000Z' }));
      const alert = await send(who, alertFor(await subscriptionOf(who, seeker), `vac-closing-${people}`));
      await c.store.vacancies.update(`vac-closing-${people}`, (v) => ({ ...v, status: 'closed' }));
      expect(lastText(await press(who, alert.choices?.[1]))).toBe(t(locale, 'apply.closed'));
      expect(await applicationsOf(seeker)).toEqual([]);
    });
  });

  describe('WhatsApp numbers', () => {
    it('pick the alert\'s choices as the first reply after it, idle or at the menu: 1 opens, 2 applies, 3 unsubscribes', async () => {
      const who = person('whatsapp');
      const seeker = await seekerOn(who);
      const subscription = await subscriptionOf(who, seeker);
      await send(who, alertFor(subscription));
      expect(lastText(await type(who, '2')).startsWith(t(locale, 'apply.preview.header', { title: 'Operator Las SMAW 1', company: 'PT Maju Jaya 1' }))).toBe(true);
      expect(lastText(await type(who, locale === 'id' ? 'ya' : 'yes'))).toBe(appliedText(locale, 'Operator Las SMAW 1', 'PT Maju Jaya 1'));
      expect(await applicationsOf(seeker)).toEqual(['vac-1']);
      // Applying leaves the person at its "what next" buttons, a question of its own: back to the menu first.
      expect(lastText(await type(who, w.menu))).toBe(t(locale, 'menu.prompt'));
      await send(who, alertFor(subscription, 'vac-2'));
      const opened = await type(who, '1');
      expect(lastText(opened)).toContain('*Operator Las SMAW 2*');
      expect((await storedState(redis.client, c, who.userId, 'whatsapp'))?.step).toBe('detail');
      expect(lastText(await type(who, w.menu))).toBe(t(locale, 'menu.prompt'));
      await send(who, alertFor(subscription, 'vac-2'));
      const stopped = await type(who, '3');
      expect(stopped[0]?.text).toBe(t(locale, 'alert.unsubscribed', { subscription: describeStopped(locale) }));
      // At the menu, the menu is shown again, so the numbers on screen are its own.
      expect(lastText(stopped)).toBe(t(locale, 'menu.prompt'));
      expect((await c.store.subscriptions.get(subscription.id))?.active).toBe(false);
    });

    it('stay answers of the flow in the middle of a question: "2" at years of experience is two years', async () => {
      const c2 = createTestConversation(redis.client, { channel: 'whatsapp', store: c.store, prefix: c.prefix });
      const who = person('whatsapp');
      await registerUpTo(c2, who.userId, locale, REGISTRATION.findIndex((s) => s.step === 'experience-years'));
      const subscription = await subscriptionOf(who);
      await send(who, alertFor(subscription));
      expect(lastText(await c2.say(who.userId, '2'))).toBe(t(locale, 'reg.experience-text.prompt'));
      const state = await storedState(redis.client, c, who.userId, 'whatsapp');
      expect((state?.data as Record<string, unknown>).experienceYears).toBe(2);
      expect((await c.store.subscriptions.get(subscription.id))?.active).toBe(true);
    });

    it('pick from the menu again once the person wrote after the alert', async () => {
      const who = person('whatsapp');
      const seeker = await seekerOn(who);
      await send(who, alertFor(await subscriptionOf(who, seeker)));
      expect(lastText(await type(who, w.menu))).toBe(t(locale, 'menu.prompt'));
      expect(lastText(await type(who, '2')).startsWith(t(locale, 'profile.header'))).toBe(true);
      expect(await applicationsOf(seeker)).toEqual([]);
    });
  });

  describe('"Berhenti langganan"', () => {
    it("switches off the person's own subscription only; another's is answered as unknown and left alone", async () => {
      const who = person('telegram');
      const other = person('telegram');
      const seeker = await seekerOn(who);
      const mine = await subscriptionOf(who, seeker);
      const theirs = await subscriptionOf(other);
      const refused = await press(who, { id: `alert:unsubscribe:${theirs.id}`, label: t(locale, 'alert.unsubscribe') });
      expect(lastText(refused)).toBe(t(locale, 'alert.unsubscribe.unknown'));
      expect((await c.store.subscriptions.get(theirs.id))?.active).toBe(true);
      const alert = await send(who, alertFor(mine));
      expect(lastText(await press(who, alert.choices?.[2]))).toBe(t(locale, 'alert.unsubscribed', { subscription: describeStopped(locale) }));
      expect((await c.store.subscriptions.get(mine.id))?.active).toBe(false);
      expect((await c.store.subscriptions.get(theirs.id))?.active).toBe(true);
    });

    it('works for a subscriber whose conversation expired, without the privacy notice first', async () => {
      const who = person('telegram');
      const subscription = await subscriptionOf(who);
      expect(lastText(await press(who, { id: `alert:unsubscribe:${subscription.id}`, label: t(locale, 'alert.unsubscribe') }))).toBe(
        t(locale, 'alert.unsubscribed', { subscription: describeStopped(locale) }),
      );
      expect((await c.store.subscriptions.get(subscription.id))?.active).toBe(false);
    });
  });

  describe('broadcast opt-out', () => {
    it('from the button sets the opt-out; the next broadcast renders nothing for them, and vacancy alerts go on', async () => {
      const who = person('telegram');
      const seeker = await seekerOn(who);
      const subscription = await subscriptionOf(who, seeker);
      const message = await send(who, await broadcastTo(seeker));
      expect(lastText(await press(who, message.choices?.[0]))).toBe(t(locale, 'broadcast.opted-out'));
      const optedOutAt = (await c.store.seekers.get(seeker.id))?.broadcastsOptedOutAt;
      expect(Date.parse(optedOutAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
      const next = await broadcastTo(seeker);
      expect(await messages.render(next, { identity: who, key: identityKey(who), locale })).toBeUndefined();
      expect((await c.store.subscriptions.get(subscription.id))?.active).toBe(true);
    });

    it(`by typing "${w.stop}" as the first reply to a broadcast, which keeps the flow the person was in`, async () => {
      const who = person('whatsapp');
      const seeker = await seekerOn(who);
      await atKeywordsQuestion(who);
      await send(who, await broadcastTo(seeker));
      const replies = await type(who, w.stop);
      expect(replies.map((r) => r.text)).toEqual([t(locale, 'broadcast.opted-out'), t(locale, 'sub.keywords.prompt')]);
      expect((await c.store.seekers.get(seeker.id))?.broadcastsOptedOutAt).toBeDefined();
      expect((await storedState(redis.client, c, who.userId, 'whatsapp'))?.flow).toBe('subscribe');
    });

    it(`leaves "${w.stop}" the global cancel when it answers no broadcast: after another message, after a day, or after a vacancy alert`, async () => {
      const who = person('whatsapp');
      const seeker = await seekerOn(who);
      const subscription = await subscriptionOf(who, seeker);
      const cancelled = [t(locale, 'nav.nothing-to-cancel'), t(locale, 'nav.cancelled')];
      await send(who, await broadcastTo(seeker));
      await type(who, w.menu);
      expect(cancelled).toContain((await type(who, w.stop))[0]?.text);
      const optOut = (await send(who, await broadcastTo(seeker))).choices ?? [];
      await c.states.rememberAlert(identityKey(who), optOut, 'broadcast', new Date(Date.now() - 25 * HOUR));
      expect(cancelled).toContain((await type(who, w.stop))[0]?.text);
      await send(who, alertFor(subscription));
      expect(cancelled).toContain((await type(who, w.stop))[0]?.text);
      expect((await c.store.seekers.get(seeker.id))?.broadcastsOptedOutAt).toBeUndefined();
      expect((await c.store.subscriptions.get(subscription.id))?.active).toBe(true);
    });
  });

  /** The stopped subscription as the overview describes it (the fixture's: "las", any area, instant). */
  function describeStopped(l: Locale): string {
    // Without "dijeda"/"paused": the sentence says it was stopped.
    return `las · ${t(l, 'sub.any-area')} · ${t(l, 'sub.mode.instant')}`;
  }
});
