import { describe, expect, it } from 'vitest';
import { DEFAULT_UMK_RUPIAH } from '../../src/config/index.js';
import type { Locale } from '../../src/domain/index.js';
import { createTestConversation } from '../helpers/conversation.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useTestRedis } from '../helpers/redis.js';
import { both, consent, lastText, register, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

/*
 * Answers as people type them, read the way they mean them: years in words and months, "UMK" as
 * a salary, a kecamatan several share a name with, a desa checked against its kecamatan, a name
 * that is a name.
 */

const stepIndex = (id: string) => REGISTRATION.findIndex((s) => s.step === id);

const YEARS: Readonly<Record<Locale, readonly (readonly [string, number])[]>> = {
  id: [
    ['dua', 2],
    ['tiga tahun', 3],
    ['setengah tahun', 0.5],
    ['6 bulan', 0.5],
    ['1,5 th', 1.5],
    ['1.5 tahun', 1.5],
    ['satu setengah tahun', 1.5],
    ['dua belas tahun', 12],
    ['belum pernah', 0],
  ],
  en: [
    ['two years', 2],
    ['three', 3],
    ['half a year', 0.5],
    ['6 months', 0.5],
    ['1.5 years', 1.5],
    ['a year and a half', 1.5],
    ['twelve years', 12],
    ['never worked', 0],
  ],
};

describe.each(['id', 'en'] as const)('answers understood (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);

  /** Registers with `answers` replacing the scripted answers of the named steps. */
  async function registerWith(user: string, answers: Readonly<Record<string, string | { choiceId: string }>>) {
    const c = conversation();
    await consent(c, user, locale);
    for (const step of REGISTRATION) await c.say(user, answers[step.step] ?? step.answer[locale]);
    return seekerOf(c, user);
  }

  it.each(YEARS[locale].map(([typed, years]) => [typed, years] as const))('reads %j at years of experience as %d years', async (typed, years) => {
    const seeker = await registerWith(nextUser(), { 'experience-years': typed });
    expect(seeker?.experience.years).toBe(years);
  });

  it('asks for the number behind "belasan" instead of guessing', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, stepIndex('experience-years'));
    const replies = await c.say(user, locale === 'id' ? 'belasan tahun' : 'several years');
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'error.years-vague'), t(locale, 'reg.experience-years.prompt')]);
  });

  it('shows half a year in the profile the way the language writes it', async () => {
    const user = nextUser();
    await registerWith(user, { 'experience-years': locale === 'id' ? 'setengah tahun' : 'half a year' });
    const profile = lastText(await conversation().say(user, locale === 'id' ? 'profil' : 'profile'));
    expect(profile).toContain(`${t(locale, 'profile.field.experience')}: ${t(locale, 'profile.years', { n: locale === 'id' ? '0,5' : '0.5' })}`);
  });

  it.each([
    ['UMK', DEFAULT_UMK_RUPIAH],
    ['sesuai UMK', DEFAULT_UMK_RUPIAH],
    ['lima juta', 5_000_000],
    ['enam setengah juta', 6_500_000],
  ] as const)('reads %j at the salary step as Rp %i', async (typed, amount) => {
    const seeker = await registerWith(nextUser(), { salary: typed });
    expect(seeker?.expectedSalary).toBe(amount);
  });

  it('says what "UMK" is at the salary step: the configured UMK, in the prompt’s help', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, stepIndex('salary'));
    const help = await c.say(user, locale === 'id' ? 'bantuan' : 'help');
    expect(help[0]?.text).toContain('Rp 5.938.885');
  });

  it('reads "UMK" as the UMK the service is configured with', async () => {
    const user = nextUser();
    const c = createTestConversation(redis.client, { minimumWage: 6_100_000 });
    await registerUpTo(c, user, locale, stepIndex('salary'));
    await c.say(user, 'UMK');
    for (const s of REGISTRATION.slice(stepIndex('shift'))) await c.say(user, s.answer[locale]);
    expect((await seekerOf(c, user))?.expectedSalary).toBe(6_100_000);
  });

  describe('kecamatan', () => {
    it('offers the kecamatan "cikarang" could mean as buttons, and takes the one pressed', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, locale, stepIndex('kecamatan'));
      const replies = await c.say(user, 'cikarang');
      expect(replies.map((r) => r.text)).toEqual([t(locale, 'error.kecamatan-which', { item: 'cikarang' })]);
      expect(replies[0]?.choices?.map((ch) => ch.id).sort()).toEqual(['Cikarang Barat', 'Cikarang Pusat', 'Cikarang Selatan', 'Cikarang Timur', 'Cikarang Utara']);
      expect(lastText(await c.say(user, { choiceId: 'Cikarang Selatan' }))).toBe(t(locale, 'reg.desa.prompt'));
      expect((await storedState(redis.client, c, user))?.data).toMatchObject({ kecamatan: 'Cikarang Selatan' });
    });

    it('offers Tambun Utara and Tambun Selatan for "tambun", and a typed "utara" picks one', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, locale, stepIndex('kecamatan'));
      const replies = await c.say(user, 'Tambun');
      expect(replies[0]?.choices?.map((ch) => ch.label).sort()).toEqual(['Tambun Selatan', 'Tambun Utara']);
      await c.say(user, 'utara');
      expect((await storedState(redis.client, c, user))?.data).toMatchObject({ kecamatan: 'Tambun Utara' });
    });

    it('takes several kecamatan in one answer for an alert, and "cikarang" there may mean all five', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, locale);
      const toArea = async () => {
        await c.say(user, locale === 'id' ? 'langganan' : 'subscribe');
        await c.say(user, { choiceId: 'new' });
        await c.say(user, 'forklift');
      };
      /** Answers the rest of the subscription and returns the kecamatan it was saved with. */
      const saved = async () => {
        for (const answer of [{ choiceId: 'skip' }, '1', '1']) await c.say(user, answer);
        const subscriptions = await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user });
        return [...(subscriptions.at(-1)?.filters.kecamatan ?? [])];
      };
      for (const [area, kecamatan] of [
        ['cikarang utara, cikarang selatan', ['Cikarang Utara', 'Cikarang Selatan']],
        [locale === 'id' ? 'Setu dan Tambun Selatan' : 'Setu and Tambun Selatan', ['Setu', 'Tambun Selatan']],
        // Among others, a word several kecamatan share stands for all of them.
        ['Setu, tambun', ['Setu', 'Tambun Selatan', 'Tambun Utara']],
      ] as const) {
        await toArea();
        await c.say(user, area);
        expect(await saved()).toEqual(kecamatan);
      }
      // Alone, it is asked about: one of them, or all of them.
      await toArea();
      const asked = await c.say(user, 'cikarang');
      const all = asked[0]?.choices?.find((ch) => ch.label === t(locale, 'kecamatan.all', { n: 5 }));
      expect(all).toBeDefined();
      await c.say(user, { choiceId: all?.id ?? '' });
      expect((await saved()).sort()).toEqual(['Cikarang Barat', 'Cikarang Pusat', 'Cikarang Selatan', 'Cikarang Timur', 'Cikarang Utara']);
    });

    it('names the one kecamatan of a list it does not know', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, locale);
      await c.say(user, locale === 'id' ? 'langganan' : 'subscribe');
      await c.say(user, { choiceId: 'new' });
      await c.say(user, 'forklift');
      const replies = await c.say(user, 'Setu, Atlantis');
      expect(replies[0]?.text).toBe(t(locale, 'error.kecamatan-item', { item: 'Atlantis' }));
      expect(replies.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['skip']);
    });
  });

  describe('desa', () => {
    it('checks the desa against its kecamatan’s list and stores it as the list spells it', async () => {
      const seeker = await registerWith(nextUser(), { desa: 'desa karang asih' });
      expect(seeker?.domicile.desa).toBe('Karangasih');
      const typo = await registerWith(nextUser(), { desa: 'Pasirgombog' });
      expect(typo?.domicile.desa).toBe('Pasirgombong');
    });

    it('refuses a desa of another kecamatan with the ones that are there, and "ya" as no desa at all', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, locale, stepIndex('desa'));
      const other = await c.say(user, 'Jatimulya');
      expect(other[0]?.text).toContain(t(locale, 'error.desa-unknown', { kecamatan: 'Cikarang Utara', list: '' }).slice(0, 20));
      expect(other[0]?.text).toContain('Karangasih');
      expect(other.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['skip']);
      // Each refusal leads with its reason (from the second one in a row, the way to skip follows).
      for (const answer of ['ya', locale === 'id' ? 'oke' : 'ok', '12']) expect((await c.say(user, answer))[0]?.text.split('\n\n')[0]).toBe(t(locale, 'error.desa-name'));
      expect((await storedState(redis.client, c, user))?.data).not.toHaveProperty('desa');
    });

    it('takes any place name where the kecamatan’s list is not known (outside Kabupaten Bekasi)', async () => {
      const seeker = await registerWith(nextUser(), { kecamatan: 'Bekasi Utara', desa: 'Harapan Jaya' });
      expect(seeker?.domicile).toMatchObject({ kecamatan: 'Bekasi Utara', desa: 'Harapan Jaya' });
    });
  });

  describe('name', () => {
    it('refuses a phone number as a name, keeps nothing of it, and never logs it', async () => {
      const user = nextUser();
      const logs = captureLogs('trace');
      const c = createTestConversation(redis.client, { logger: logs.logger });
      await consent(c, user, locale);
      const replies = await c.say(user, 'Budi 0812-3456-7890');
      expect(replies.map((r) => r.text)).toEqual([t(locale, 'error.name-phone'), t(locale, 'reg.name.prompt')]);
      expect(JSON.stringify(await storedState(redis.client, c, user))).not.toMatch(/3456/);
      expect(logs.lines.length).toBeGreaterThan(0);
      // Every field but the clock's (whose digits may hold any four in a row).
      const logged = JSON.stringify(logs.lines.map(({ time: _time, ...line }) => line));
      expect(logged).not.toMatch(/0812|3456|7890/);
    });

    it('takes a name of reasonable length, and not a longer one', async () => {
      const seeker = await registerWith(nextUser(), { name: 'Siti Nurhaliza binti Abdul Rahman' });
      expect(seeker?.name).toBe('Siti Nurhaliza binti Abdul Rahman');
      const user = nextUser();
      const c = conversation();
      await consent(c, user, locale);
      expect((await c.say(user, 'Siti '.repeat(13)))[0]?.text).toBe(t(locale, 'error.too-long', { max: 60 }));
    });
  });
});

describe('before a language is chosen', () => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);

  it('gives hints in both languages, with the buttons again', async () => {
    const user = nextUser();
    const c = conversation();
    await c.say(user, 'halo');
    const wrong = await c.say(user, 'xyz');
    expect(wrong[0]?.text).toBe(both('error.choice', { max: 2 }));
    expect(wrong.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['id', 'en']);
    const help = await c.say(user, 'bantuan');
    expect(help[0]?.text).toBe(both('help.general'));
    expect(help.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['id', 'en']);
    const sticker = await c.say(user, { kind: 'sticker' });
    expect(sticker[0]?.text).toBe(both('error.unsupported-kind'));
  });

  it('gives them in the chosen language once it is chosen', async () => {
    const user = nextUser();
    const c = conversation();
    await c.say(user, 'halo');
    await c.say(user, 'English');
    expect((await c.say(user, 'help'))[0]?.text).toBe(t('en', 'consent.help'));
  });
});

describe.each(['id', 'en'] as const)('"bantuan" and buttons after a wrong answer (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);

  const anyTime = locale === 'id' ? ['menu', 'kembali', 'batal', 'lagi', 'bahasa', 'hapus', 'bantuan'] : ['menu', 'back', 'cancel', 'more', 'language', 'delete', 'help'];

  it('lists what can be typed at any time, at a question with its own help too', async () => {
    const user = nextUser();
    const c = conversation();
    await register(c, user, locale);
    const atMenu = (await c.say(user, locale === 'id' ? 'bantuan' : 'help'))[0]?.text ?? '';
    expect(atMenu.startsWith(t(locale, 'menu.help'))).toBe(true);
    for (const word of anyTime) expect(atMenu).toMatch(new RegExp(`\\b${word}\\b`));
    const general = t(locale, 'help.general');
    for (const word of [...anyTime, ...(locale === 'id' ? ['cari', 'profil', 'langganan', 'lamaran', 'daftar'] : ['search', 'profile', 'subscribe', 'applications', 'register'])]) expect(general).toMatch(new RegExp(`• ${word} — `));
  });

  it('brings the buttons back after a wrong answer at a choice, at the profile and at the menu', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, stepIndex('education'));
    const education = await c.say(user, 'kuliah');
    expect(education.at(-1)?.choices?.length).toBe(10);
    const person = `${user}-b`;
    await register(c, person, locale);
    await c.say(person, locale === 'id' ? 'profil' : 'profile');
    const profile = await c.say(person, '42');
    expect(profile.map((r) => r.text)).toEqual([t(locale, 'error.choice', { max: 10 })]);
    expect(profile[0]?.choices).toHaveLength(10);
    await c.say(person, 'menu');
    expect((await c.say(person, 'xyz')).at(-1)?.choices).toHaveLength(9);
  });
});
