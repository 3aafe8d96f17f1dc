import { createDefaultMatcher } from '../../src/matching/index.js';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/index.js';
import { seekerSchema } from '../../src/domain/index.js';
import { createTestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { allText, consent, dumpStore, expectPrompt, lastText, register, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

const WORDS: Readonly<Record<Locale, { back: string; help: string; cancel: string; menu: string; language: string; skip: string; other: Locale; otherPick: string }>> = {
  id: { back: 'kembali', help: 'bantuan', cancel: 'batal', menu: 'menu', language: 'bahasa', skip: 'lewati', other: 'en', otherPick: 'English' },
  en: { back: 'back', help: 'help', cancel: 'cancel', menu: 'menu', language: 'language', skip: 'skip', other: 'id', otherPick: 'Bahasa Indonesia' },
};

/** The numbered list the kecamatan step's help shows: Kabupaten Bekasi's kecamatan by name. */
const KECAMATAN_LIST = createDefaultMatcher()
  .kecamatan.all.filter((k) => k.regency === 'Kabupaten Bekasi')
  .map((k) => k.name)
  .sort()
  .map((name, i) => `${i + 1}. ${name}`)
  .join('\n');

describe.each(['id', 'en'] as const)('welcome, consent and registration (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const words = WORDS[locale];

  it('greets a first message with the language question and keeps nothing in the store', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client);
    // The platform's language hint (Telegram's language_code) picks the language of the greeting.
    const replies = await c.say(user, { text: locale === 'id' ? 'halo' : 'hi', languageHint: locale });
    expect(lastText(replies)).toBe(t(locale, 'welcome.language'));
    expect(replies.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['id', 'en']);
    expect(await dumpStore(c.store)).toBe('[[],[],[],[],[],[],[]]');
  });

  it('shows the privacy notice in the chosen language and stores nothing before consent', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client);
    await c.say(user, 'halo');
    const replies = await c.say(user, locale === 'id' ? '1' : 'English');
    expect(lastText(replies)).toBe(t(locale, 'consent.notice'));
    expect(lastText(replies)).toContain('27/2022');
    expect(await dumpStore(c.store)).toBe('[[],[],[],[],[],[],[]]');
    const state = await storedState(redis.client, c, user);
    expect(state?.consentAt).toBeUndefined();
    expect(state?.locale).toBe(locale);
  });

  it('keeps nothing when the notice is declined, and asks again on the next message', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client);
    await c.say(user, 'halo');
    await c.say(user, locale === 'id' ? '1' : '2');
    const declined = await c.say(user, locale === 'id' ? 'tidak' : 'no');
    expect(allText(declined)).toBe(t(locale, 'consent.declined'));
    expect(await dumpStore(c.store)).toBe('[[],[],[],[],[],[],[]]');
    expect((await storedState(redis.client, c, user))?.consentAt).toBeUndefined();
    // Words that need consent do not get past the notice.
    expect(lastText(await c.say(user, locale === 'id' ? 'cari' : 'search'))).toBe(t(locale, 'welcome.language'));
  });

  it('does not open the menu before consent', async () => {
    const user = nextUser();
    const c = conversation();
    await c.say(user, 'halo');
    await c.say(user, locale === 'id' ? '1' : '2');
    const replies = await c.say(user, 'menu');
    expect(allText(replies)).not.toContain(t(locale, 'menu.prompt'));
    expect((await storedState(redis.client, c, user))?.flow).toBe('welcome');
  });

  it('explains the consent question on "help" and asks it again', async () => {
    const user = nextUser();
    const c = conversation();
    await c.say(user, 'halo');
    await c.say(user, locale === 'id' ? '1' : '2');
    const replies = await c.say(user, words.help);
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'consent.help'), t(locale, 'consent.notice')]);
  });

  it('starts the registration right after "setuju" and asks every step in order', async () => {
    const user = nextUser();
    const c = conversation();
    const afterConsent = await consent(c, user, locale);
    expect(afterConsent.map((r) => r.text)).toEqual([t(locale, 'consent.thanks'), t(locale, 'reg.name.prompt')]);
    expect(await seekerOf(c, user)).toBeUndefined();
    for (let i = 0; i < REGISTRATION.length - 1; i++) {
      const step = REGISTRATION[i];
      const next = REGISTRATION[i + 1];
      if (!step || !next) throw new Error('script');
      const replies = await c.say(user, step.answer[locale]);
      expectPrompt(replies, next, locale);
      expect((await storedState(redis.client, c, user))?.step).toBe(next.step);
    }
    const done = await c.say(user, REGISTRATION.at(-1)?.answer[locale] ?? '');
    expect(done.map((r) => r.text)).toEqual([t(locale, 'reg.done', { name: 'Budi Santoso' }), t(locale, 'menu.prompt')]);
  });

  it('saves a valid profile with every answer', async () => {
    const user = nextUser();
    const c = conversation();
    await register(c, user, locale);
    const seeker = await seekerOf(c, user);
    expect(seekerSchema.safeParse(seeker).success).toBe(true);
    expect(seeker).toMatchObject({
      identities: [{ channel: 'web', userId: user }],
      name: 'Budi Santoso',
      domicile: { kecamatan: 'Cikarang Utara', desa: 'Karangasih', ktpBekasi: true },
      education: { level: 'SMK', major: locale === 'id' ? 'Teknik Mesin' : 'Mechanical Engineering' },
      experience: { years: 2 },
      wantedPositions: locale === 'id' ? ['operator produksi', 'welder'] : ['production operator', 'welder'],
      wantedJobTypes: ['PKWT', 'PKWTT'],
      expectedSalary: 5_500_000,
      shiftWilling: true,
      locale,
      consent: { version: '2026-11' },
    });
    expect(seeker?.skills.ids).toEqual(['welding-smaw', 'forklift']);
    expect(seeker?.certifications).toHaveLength(2);
    expect(typeof seeker?.sharingConsentAt).toBe('string');
  });

  it('reads the skills back ("Keahlian yang saya catat: …") and asks again when they are wrong', async () => {
    const user = nextUser();
    const c = conversation();
    const readback = await registerUpTo(c, user, locale, 7);
    const noted = t(locale, 'reg.skills.readback', { skills: locale === 'id' ? 'Las SMAW, Operator Forklift' : 'SMAW Welding, Forklift Operation' });
    expect(lastText(readback)).toBe(`${noted}\n${t(locale, 'reg.skills.readback-confirm')}`);
    const again = await c.say(user, locale === 'id' ? 'salah' : 'no');
    expect(lastText(again)).toBe(t(locale, 'reg.skills.prompt'));
    const second = await c.say(user, locale === 'id' ? 'packing' : 'packing');
    expect(lastText(second)).toMatch(locale === 'id' ? /^Keahlian yang saya catat: .*\.\nBenar\?$/ : /^Skills I noted: .*\.\nIs that right\?$/);
    expect(lastText(await c.say(user, locale === 'id' ? 'benar' : 'correct'))).toBe(t(locale, 'reg.experience-years.prompt'));
  });

  it('says which words it did not recognise, and keeps them as keywords', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 6);
    const readback = lastText(await c.say(user, 'las smaw, nyanyi dangdut'));
    expect(readback).toBe(
      [
        t(locale, 'reg.skills.readback', { skills: locale === 'id' ? 'Las SMAW' : 'SMAW Welding' }),
        t(locale, 'reg.skills.readback-unknown', { words: 'nyanyi, dangdut' }),
        t(locale, 'reg.skills.readback-confirm'),
      ].join('\n'),
    );
  });

  it('says so when it recognised no skill at all, instead of pretending', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 6);
    const readback = lastText(await c.say(user, 'nyanyi dangdut'));
    expect(readback).toBe([t(locale, 'reg.skills.readback-none'), t(locale, 'reg.skills.readback-unknown', { words: 'nyanyi, dangdut' }), t(locale, 'reg.skills.readback-confirm')].join('\n'));
  });

  it('asks for the major only from SMK up', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 4);
    expect(lastText(await c.say(user, 'SMA'))).toBe(t(locale, 'reg.skills.prompt'));
    // Going back from the skills skips the major that was never asked.
    expect(lastText(await c.say(user, words.back))).toBe(t(locale, 'reg.education.prompt'));
    expect(lastText(await c.say(user, 'D3'))).toBe(t(locale, 'reg.major.prompt'));
    expect(lastText(await c.say(user, words.back))).toBe(t(locale, 'reg.education.prompt'));
    expect(lastText(await c.say(user, '3'))).toBe(t(locale, 'reg.skills.prompt')); // 3 = SMA
  });

  it('lets every optional step be skipped, with a word or the skip button', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    const answers = ['Siti Rahmawati', 'Tambun Selatan', words.skip, 'no', 'S1', { choiceId: 'skip' }, 'admin gudang, excel', 'ya', '0', '-', { choiceId: 'skip' }, words.skip, '3', { choiceId: 'skip' }, 'tidak', 'tidak'];
    for (const answer of answers) await c.say(user, answer);
    const seeker = await seekerOf(c, user);
    expect(seekerSchema.safeParse(seeker).success).toBe(true);
    expect(seeker?.domicile).toEqual({ kecamatan: 'Tambun Selatan', ktpBekasi: false });
    expect(seeker?.education).toEqual({ level: 'S1' });
    expect(seeker?.certifications).toEqual([]);
    expect(seeker?.wantedPositions).toEqual([]);
    expect(seeker?.expectedSalary).toBeUndefined();
    expect(seeker?.wantedJobTypes).toEqual(['magang']);
    expect(seeker?.shiftWilling).toBe(false);
    expect(seeker?.sharingConsentAt).toBeUndefined();
  });

  it('offers a skip button on optional steps only', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    const desa = await c.say(user, 'Budi');
    expect(desa.at(-1)?.choices).toBeUndefined(); // the kecamatan question
    const optional = await c.say(user, 'Setu');
    expect(optional.at(-1)?.choices).toEqual([{ id: 'skip', label: t(locale, 'common.skip') }]);
  });

  it(`goes back one step with "${words.back}" at every step, showing that step's question`, async () => {
    const user = nextUser();
    const c = conversation();
    const first = await consent(c, user, locale);
    expect(lastText(first)).toBe(t(locale, 'reg.name.prompt'));
    const atFirst = await c.say(user, words.back);
    expect(atFirst.map((r) => r.text)).toEqual([t(locale, 'nav.no-back'), t(locale, 'reg.name.prompt')]);
    for (let i = 1; i < REGISTRATION.length; i++) {
      const previous = REGISTRATION[i - 1];
      const current = REGISTRATION[i];
      if (!previous || !current) throw new Error('script');
      expectPrompt(await c.say(user, previous.answer[locale]), current, locale);
      expectPrompt(await c.say(user, words.back), previous, locale);
      expect((await storedState(redis.client, c, user))?.step).toBe(previous.step);
      expectPrompt(await c.say(user, previous.answer[locale]), current, locale);
    }
    // Answering the last step after all that back and forth saves one valid profile.
    await c.say(user, REGISTRATION.at(-1)?.answer[locale] ?? '');
    expect(seekerSchema.safeParse(await seekerOf(c, user)).success).toBe(true);
  });

  it(`shows the step's help with "${words.help}" at every step, then asks the same question`, async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    for (const step of REGISTRATION) {
      const replies = await c.say(user, words.help);
      expect(replies).toHaveLength(2);
      expect(replies[0]?.text).toBe(step.help ? `${t(locale, step.help, { kecamatanList: KECAMATAN_LIST })}\n\n${t(locale, 'help.anytime')}` : t(locale, 'help.general'));
      expectPrompt(replies, step, locale);
      await c.say(user, step.answer[locale]);
    }
    expect(await seekerOf(c, user)).toBeDefined();
  });

  it(`cancels with "${words.cancel}" before the first answer: back to the menu, nothing kept`, async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    const replies = await c.say(user, words.cancel);
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'nav.cancelled'), t(locale, 'menu.prompt')]);
    const state = await storedState(redis.client, c, user);
    expect(state).toMatchObject({ flow: 'menu', step: 'pick', data: {}, back: [] });
    expect(state?.draft).toBeUndefined();
  });

  it.each(['cancel', 'menu'] as const)(`asks before leaving with "%s" at every later step; leaving keeps every answer as a draft`, async (word) => {
    const user = nextUser();
    const c = conversation();
    for (let i = 1; i < REGISTRATION.length; i++) {
      const person = `${user}-${i}`;
      await registerUpTo(c, person, locale, i);
      const before = await storedState(redis.client, c, person);
      const asked = await c.say(person, words[word]);
      expect(asked.map((r) => r.text)).toEqual([t(locale, 'draft.leave.prompt')]);
      expect(asked[0]?.choices).toEqual([
        { id: 'stay', label: t(locale, 'draft.stay') },
        { id: 'leave', label: t(locale, 'draft.leave') },
      ]);
      const left = await c.say(person, { choiceId: 'leave' });
      expect(left.map((r) => r.text)).toEqual([t(locale, 'draft.kept'), t(locale, 'menu.prompt')]);
      const state = await storedState(redis.client, c, person);
      expect(state).toMatchObject({ flow: 'menu', draft: { flow: 'registration', step: before?.step, data: before?.data, back: before?.back } });
      expect(await seekerOf(c, person)).toBeUndefined();
    }
  });

  it(`stays at the same step with every answer when "${words.menu}" is answered with "continue"`, async () => {
    const user = nextUser();
    const c = conversation();
    for (let i = 1; i < REGISTRATION.length; i++) {
      const step = REGISTRATION[i];
      if (!step) throw new Error('script');
      const person = `${user}-${i}`;
      await registerUpTo(c, person, locale, i);
      const before = await storedState(redis.client, c, person);
      await c.say(person, words.menu);
      // Typed rather than pressed: the first word of the button does it.
      expectPrompt(await c.say(person, t(locale, 'draft.stay')), step, locale);
      expect(await storedState(redis.client, c, person)).toMatchObject({ flow: 'registration', step: step.step, data: before?.data, back: before?.back });
    }
  });

  it(`switches language with "${words.language}" at every step and resumes that step with the answers kept`, async () => {
    const user = nextUser();
    const c = conversation();
    for (let i = 0; i < REGISTRATION.length; i++) {
      const step = REGISTRATION[i];
      if (!step) throw new Error('script');
      const person = `${user}-${i}`;
      await registerUpTo(c, person, locale, i);
      const before = await storedState(redis.client, c, person);
      expect(lastText(await c.say(person, words.language))).toBe(t(locale, 'welcome.language'));
      const replies = await c.say(person, words.otherPick);
      expect(replies[0]?.text).toBe(t(words.other, 'language.changed'));
      expectPrompt(replies, step, words.other);
      const after = await storedState(redis.client, c, person);
      expect(after).toMatchObject({ flow: 'registration', step: step.step, data: before?.data, back: before?.back, locale: words.other });
    }
  });

  it('finishes the registration in the new language after a switch mid-flow', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 5);
    await c.say(user, words.language);
    await c.say(user, words.otherPick);
    for (const step of REGISTRATION.slice(5)) await c.say(user, step.answer[locale]);
    const seeker = await seekerOf(c, user);
    expect(seeker).toMatchObject({ name: 'Budi Santoso', locale: words.other, education: { level: 'SMK' } });
  });

  it('keeps asking after any number of wrong answers, with the help from the second one, and keeps every answer', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 8);
    const before = await storedState(redis.client, c, user);
    const once = await c.say(user, 'entah');
    expect(once.map((r) => r.text)).toEqual([t(locale, 'error.years'), t(locale, 'reg.experience-years.prompt')]);
    for (let wrong = 2; wrong <= 6; wrong++) {
      const again = await c.say(user, 'hmm');
      expect(again.map((r) => r.text)).toEqual([`${t(locale, 'error.years')}\n\n${t(locale, 'reg.experience-years.help')}`, t(locale, 'reg.experience-years.prompt')]);
      expect(allText(again)).not.toContain('Sepertinya ada kendala');
      expect(allText(again)).not.toContain(t(locale, 'menu.prompt'));
    }
    expect(await storedState(redis.client, c, user)).toMatchObject({ flow: 'registration', step: 'experience-years', data: before?.data, back: before?.back, retries: 6 });
    // A right answer at last goes on as if nothing happened.
    expect(lastText(await c.say(user, locale === 'id' ? 'dua tahun' : 'two years'))).toBe(t(locale, 'reg.experience-text.prompt'));
  });

  it('offers "skip" after a second wrong answer at a step that may be skipped, and keeps the skip button', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, REGISTRATION.findIndex((s) => s.step === 'salary'));
    const first = await c.say(user, 'terserah');
    expect(first[0]?.text).toBe(t(locale, 'error.rupiah'));
    const second = await c.say(user, 'terserah');
    expect(second[0]?.text).toBe([t(locale, 'error.rupiah'), t(locale, 'reg.salary.help'), t(locale, 'error.skip-hint')].join('\n\n'));
    expect(second.at(-1)?.choices).toEqual([{ id: 'skip', label: t(locale, 'common.skip') }]);
    expect(lastText(await c.say(user, { choiceId: 'skip' }))).toBe(t(locale, 'reg.shift.prompt'));
  });
});
