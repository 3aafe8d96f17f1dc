import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/index.js';
import { useTestRedis } from '../helpers/redis.js';
import { allText, expectPrompt, lastText, registerUpTo, REGISTRATION, seedVacancies, seekerOf, sharedConversation, storedState, t } from './script.js';

/*
 * A half-finished registration is a draft: a word that leaves it asks first, leaving keeps every
 * answer, and coming back resumes at the same step with them ("kembali" included).
 */

const WORDS: Readonly<Record<Locale, { search: string; profile: string; subscribe: string; register: string; back: string; applications: string }>> = {
  id: { search: 'cari', profile: 'profil', subscribe: 'langganan', register: 'daftar', back: 'kembali', applications: 'lamaran' },
  en: { search: 'search', profile: 'profile', subscribe: 'subscribe', register: 'register', back: 'back', applications: 'applications' },
};

/** The step the scripted registration is at after `answered` answers. */
const stepAt = (answered: number) => REGISTRATION[answered] ?? REGISTRATION[0]!;

describe.each(['id', 'en'] as const)('drafts of a half-finished registration (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const w = WORDS[locale];
  // vac-1: an open welding job, for the alert buttons below.
  beforeAll(() => seedVacancies(conversation(), 1));

  it.each(['search', 'profile', 'applications'] as const)('asks before leaving for "%s", keeps the draft, and resumes it at the same step with every answer', async (word) => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 6);
    const before = await storedState(redis.client, c, user);
    expect(lastText(await c.say(user, w[word]))).toBe(t(locale, 'draft.leave.prompt'));
    // That part needs the profile that is not finished: leaving goes to the menu, the draft kept.
    const left = await c.say(user, { choiceId: 'leave' });
    expect(left.map((r) => r.text)).toEqual([t(locale, 'draft.kept'), t(locale, 'menu.prompt')]);
    // Coming back: the same question, every answer, and "back" still walks through them.
    const resumed = await c.say(user, w.register);
    expect(resumed[0]?.text).toBe(t(locale, 'draft.resumed'));
    expectPrompt(resumed, stepAt(6), locale);
    expect(await storedState(redis.client, c, user)).toMatchObject({ flow: 'registration', step: before?.step, data: before?.data, back: before?.back });
    expect((await storedState(redis.client, c, user))?.draft).toBeUndefined();
    expectPrompt(await c.say(user, w.back), stepAt(5), locale);
    expectPrompt(await c.say(user, w.back), stepAt(4), locale);
    for (const step of REGISTRATION.slice(4)) await c.say(user, step.answer[locale]);
    expect(await seekerOf(c, user)).toMatchObject({ name: 'Budi Santoso', domicile: { kecamatan: 'Cikarang Utara', desa: 'Karangasih', ktpBekasi: true }, education: { level: 'SMK' } });
  });

  it('resumes the draft from the menu: a menu choice that needs the profile goes back to it', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 3);
    await c.say(user, 'menu');
    await c.say(user, { choiceId: 'leave' });
    const replies = await c.say(user, { choiceId: 'search' });
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'draft.resumed'), t(locale, 'reg.ktp.prompt')]);
  });

  it('goes where the person was heading when that needs no profile, and the draft waits meanwhile', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 5);
    await c.say(user, w.subscribe);
    const left = await c.say(user, t(locale, 'draft.leave'));
    expect(left.map((r) => r.text)).toEqual([t(locale, 'draft.kept'), t(locale, 'sub.none-yet')]);
    for (const answer of [{ choiceId: 'new' }, 'forklift', { choiceId: 'skip' }, { choiceId: 'skip' }, '1', '1']) await c.say(user, answer);
    expect(await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user })).toHaveLength(1);
    expect((await storedState(redis.client, c, user))?.draft).toMatchObject({ flow: 'registration', step: 'major' });
    expectPrompt((await c.say(user, w.register)).slice(1), stepAt(5), locale);
  });

  it('does not ask before any answer was given, and "daftar" in the middle just carries on', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 0);
    expect(lastText(await c.say(user, 'menu'))).toBe(t(locale, 'menu.prompt'));
    expect((await storedState(redis.client, c, user))?.draft).toBeUndefined();
    await registerUpTo(c, `${user}-b`, locale, 4);
    const again = await c.say(`${user}-b`, w.register);
    expect(again.map((r) => r.text)).toEqual([t(locale, 'draft.resumed'), t(locale, 'reg.education.prompt')]);
  });

  it('keeps the draft when "menu" is typed at the language question of a detour', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 4);
    await c.say(user, locale === 'id' ? 'bahasa' : 'language');
    expect(lastText(await c.say(user, 'menu'))).toBe(t(locale, 'menu.prompt'));
    expect((await storedState(redis.client, c, user))?.draft).toMatchObject({ flow: 'registration', step: 'education', data: { name: 'Budi Santoso' } });
  });

  it('keeps the draft under a "Detail" pressed on an alert, and "lamar" there goes back to it', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 3);
    const before = await storedState(redis.client, c, user);
    const detail = await c.say(user, { choiceId: 'alert:detail:vac-1' });
    expect(lastText(detail)).toContain('*Operator Las SMAW 1*');
    const apply = await c.say(user, locale === 'id' ? 'lamar' : 'apply');
    expect(apply.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'draft.resumed'), t(locale, 'reg.ktp.prompt')]);
    expect(await storedState(redis.client, c, user)).toMatchObject({ flow: 'registration', step: 'ktp', data: before?.data, back: before?.back });
  });

  it('answers an alert\'s "Lamar" pressed mid-registration and asks the same question again, nothing lost', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 3);
    const before = await storedState(redis.client, c, user);
    const replies = await c.say(user, { choiceId: 'alert:apply:vac-1' });
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'reg.ktp.prompt')]);
    expect(replies.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['yes', 'no']);
    expect(await storedState(redis.client, c, user)).toMatchObject({ flow: 'registration', step: 'ktp', data: before?.data, back: before?.back });
    expect(allText(replies)).not.toContain(t(locale, 'reg.name.prompt'));
  });

  it('is erased with everything else by "hapus"', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 5);
    await c.say(user, 'menu');
    await c.say(user, { choiceId: 'leave' });
    expect((await storedState(redis.client, c, user))?.draft).toBeDefined();
    await c.say(user, locale === 'id' ? 'hapus' : 'delete');
    await c.say(user, locale === 'id' ? 'ya' : 'yes');
    expect(await storedState(redis.client, c, user)).toBeUndefined();
  });
});
