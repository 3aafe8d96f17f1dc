import { describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/conversation/index.js';
import { seekerSchema } from '../../src/domain/index.js';
import { useTestRedis } from '../helpers/redis.js';
import { consent, expectPrompt, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

type Message = string | Partial<Inbound>;

/** Messages no step of the registration should take as an answer. */
const BAD: readonly (readonly [string, Message])[] = [
  ['a sticker', { kind: 'sticker' }],
  ['an image', { kind: 'image' }],
  ['a voice note', { kind: 'audio' }],
  ['empty text', ''],
  ['white space only', '   \n '],
  ['a 20,000-character text', 'x'.repeat(20_000)],
  ['emoji only', '😀🙏🔥'],
  ['Arabic script', 'مرحبا بكم'],
  ['Chinese script', '你好世界'],
  ['a Mongo operator', '{"$gt": ""}'],
  ['a script tag', '<script>alert(1)</script>'],
  ['SQL injection', "'; DROP TABLE seekers; --"],
  ['a negative number', '-5'],
  ['a big number', '999'],
  ['an exponent', '1e9'],
];

/** The engine's longest message (its default). */
const MAX_MESSAGE = 4000;

/** A locale text by key and params: what a refusal must say, word for word. */
interface Refusal {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** What any step answers before its own rule looks: a message that is not text, too long, or empty. */
function engineRefusal(message: Message): Refusal | undefined {
  if (typeof message !== 'string') return { key: 'error.unsupported-kind' };
  if (message.length > MAX_MESSAGE) return { key: 'error.message-too-long', params: { max: MAX_MESSAGE } };
  if (message.trim() === '') return { key: 'error.empty' };
  return undefined;
}

/**
 * Steps of the registration that read a typed value: the hint each gives for an answer it cannot
 * read, answers it reads but must refuse for another reason (out of range, too vague), and more of
 * its own bad answers.
 */
const STEPS: readonly { readonly index: number; readonly hint: Refusal; readonly special?: readonly (Refusal & { readonly answers: readonly string[] })[]; readonly extra: readonly Message[] }[] = [
  { index: 1, hint: { key: 'error.kecamatan' }, extra: ['xyzzy qwerty', '99'] },
  { index: 3, hint: { key: 'error.yes-no' }, extra: ['mungkin', 'maybe'] },
  { index: 4, hint: { key: 'error.choice', params: { max: 10 } }, extra: ['0', '12', 'kuliah'] },
  { index: 2, hint: { key: 'error.desa-unknown', params: { kecamatan: 'Cikarang Utara', list: 'Cikarangkota, Harjamekar, Karangasih, Karangbaru, Karangraharja, Mekarmukti, Pasirgombong, Simpangan, Tanjungsari, Waluya, Wangunharja' } }, special: [{ key: 'error.desa-name', answers: ['ya', 'ok', '12345', '-5', '999', '😀🙏🔥', '{"$gt": ""}', '<script>alert(1)</script>', "'; DROP TABLE seekers; --"] }], extra: ['Sukamaju', 'Jatimulya', 'ya'] },
  {
    index: 8,
    hint: { key: 'error.years' },
    special: [
      { key: 'error.range', params: { min: 0, max: 50 }, answers: ['-5', '999', '1e9', '61'] },
      { key: 'error.years-vague', answers: ['banyak', 'belasan tahun'] },
    ],
    extra: ['banyak', '61', 'belasan tahun', 'entah', '2 3'],
  },
  { index: 12, hint: { key: 'error.multi-choice', params: { max: 4 } }, extra: ['0', '5', '1,9', 'semua'] },
  {
    index: 13,
    hint: { key: 'error.rupiah' },
    special: [{ key: 'error.range', params: { min: 100_000, max: 100_000_000 }, answers: ['999', '0', '50 ribu', '20 UMK'] }],
    extra: ['banyak', 'terserah', '5 juta juta', '0', '50 ribu', '1 miliar', '20 UMK'],
  },
];

/** The conversation state without what a refused answer may change (its retry count and clock). */
function settled(state: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!state) return state;
  const { retries: _retries, lastActiveAt: _lastActiveAt, ...rest } = state;
  return rest;
}

describe.each(['id', 'en'] as const)('bad input (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const back = locale === 'id' ? 'kembali' : 'back';
  const text = (refusal: Refusal) => t(locale, refusal.key, refusal.params);

  it.each(STEPS.map((s) => [REGISTRATION[s.index]?.step ?? '', s] as const))(
    'answers bad input at the %s step with its hint and the same question, and keeps what was answered',
    async (_name, { index, hint, special, extra }) => {
      const user = nextUser();
      const step = REGISTRATION[index];
      const previous = REGISTRATION[index - 1];
      if (!step || !previous) throw new Error('script');
      const c = conversation();
      await registerUpTo(c, user, locale, index);
      const before = settled(await storedState(redis.client, c, user));
      expect(before?.step).toBe(step.step);
      for (const message of [...BAD.map(([, m]) => m), ...extra]) {
        const expected = engineRefusal(message) ?? (typeof message === 'string' ? special?.find((s) => s.answers.includes(message)) : undefined) ?? hint;
        const replies = await c.say(user, message);
        const shown = typeof message === 'string' ? message.slice(0, 40) : JSON.stringify(message);
        expect(replies.map((r) => r.text), shown).toHaveLength(2);
        expect(replies[0]?.text, shown).toBe(text(expected));
        expectPrompt(replies, step, locale);
        expect(settled(await storedState(redis.client, c, user)), shown).toEqual(before);
        // Stepping back and answering again starts the step afresh: each refusal here is a first one.
        await c.say(user, back);
        await c.say(user, previous.answer[locale]);
      }
      for (const s of REGISTRATION.slice(index)) await c.say(user, s.answer[locale]);
      expect(seekerSchema.safeParse(await seekerOf(c, user)).success).toBe(true);
    },
  );

  it('answers what cannot be a name with the reason, asks for the name again, and keeps nothing', async () => {
    const user = nextUser();
    const c = conversation();
    const name = REGISTRATION[0];
    if (!name) throw new Error('script');
    const refused: readonly (readonly [Message, Refusal])[] = [
      [{ kind: 'sticker' }, { key: 'error.unsupported-kind' }],
      [{ kind: 'audio' }, { key: 'error.unsupported-kind' }],
      ['', { key: 'error.empty' }],
      ['x'.repeat(20_000), { key: 'error.message-too-long', params: { max: MAX_MESSAGE } }],
      ['😀🙏', { key: 'error.name-symbols' }],
      ['12345', { key: 'error.name-letters' }],
      ['-5', { key: 'error.name-letters' }],
      ['Budi2', { key: 'error.name-letters' }],
      ['B', { key: 'error.text-short', params: { min: 2 } }],
      ['Budi 0812 3456 7890', { key: 'error.name-phone' }],
      ['+62 812-3456-7890', { key: 'error.name-phone' }],
      ['<b>Budi</b>', { key: 'error.name-symbols' }],
      ['<script>alert(1)</script>', { key: 'error.name-symbols' }],
      ['{"$gt": ""}', { key: 'error.name-symbols' }],
      ['*Budi*', { key: 'error.name-symbols' }],
      ['https://example.com', { key: 'error.name-symbols' }],
      ['budi@example.com', { key: 'error.name-symbols' }],
      ['Siti '.repeat(13), { key: 'error.too-long', params: { max: 60 } }],
    ];
    for (const [i, [message, refusal]] of refused.entries()) {
      const person = `${user}-${i}`;
      await consent(c, person, locale);
      const before = settled(await storedState(redis.client, c, person));
      const replies = await c.say(person, message);
      expect(replies.map((r) => r.text)).toEqual([text(refusal), t(locale, 'reg.name.prompt')]);
      expect(settled(await storedState(redis.client, c, person))).toEqual(before);
      expect((before?.data as Record<string, unknown> | undefined)?.name).toBeUndefined();
    }
  });

  it('takes names in any script, with apostrophes and hyphens, and stores them as typed', async () => {
    const user = nextUser();
    const c = conversation();
    const names = ['مرحبا بكم', '你好世界', "Nur'aini Siti-Rahma", 'Dr. A. Rahman, S.T.'];
    for (const [i, name] of names.entries()) {
      const person = `${user}-${i}`;
      await consent(c, person, locale);
      await c.say(person, name);
      for (const s of REGISTRATION.slice(1)) await c.say(person, s.answer[locale]);
    }
    const seekers = await Promise.all(names.map((_, i) => seekerOf(c, `${user}-${i}`)));
    expect(seekers.map((s) => s?.name)).toEqual(names);
  });

  it('stores injection-looking free text as plain text, never as a query, and the profile stays valid', async () => {
    const user = nextUser();
    const c = conversation();
    const odd = ['{"$gt": ""}', '<script>alert(1)</script>', "Robert'); DROP TABLE seekers;--"];
    const experienceText = REGISTRATION.findIndex((s) => s.step === 'experience-text');
    for (const [i, text] of odd.entries()) {
      const person = `${user}-${i}`;
      await registerUpTo(c, person, locale, experienceText);
      await c.say(person, text);
      for (const s of REGISTRATION.slice(experienceText + 1)) await c.say(person, s.answer[locale]);
    }
    const seekers = await Promise.all(odd.map((_, i) => seekerOf(c, `${user}-${i}`)));
    expect(seekers.map((s) => s?.experience.text)).toEqual(odd);
    for (const seeker of seekers) expect(seekerSchema.safeParse(seeker).success).toBe(true);
  });

  it('drops control characters instead of failing the profile write at the end', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    await c.say(user, 'Budi\u0000 Santoso\u0007');
    for (const s of REGISTRATION.slice(1)) await c.say(user, s.answer[locale]);
    const seeker = await seekerOf(c, user);
    expect(seeker?.name).toBe('Budi Santoso');
  });

  it('caps a skills answer with hundreds of words to what a profile can hold', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, 6);
    const many = Array.from({ length: 150 }, (_, i) => `kata${i}`).join(', ').slice(0, 1000);
    await c.say(user, many);
    for (const s of REGISTRATION.slice(7)) await c.say(user, s.answer[locale]);
    const seeker = await seekerOf(c, user);
    expect(seekerSchema.safeParse(seeker).success).toBe(true);
    expect(seeker?.skills.ids.length).toBeLessThanOrEqual(100);
  });

  it('caps long alert keywords to what a subscription can hold', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    await c.say(user, 'menu');
    await c.say(user, 'langganan');
    for (const answer of [{ choiceId: 'new' }, `operator ${'produksi '.repeat(14)}`, { choiceId: 'skip' }, { choiceId: 'skip' }, '1', '1']) await c.say(user, answer);
    const [sub] = await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user });
    expect(sub?.filters.keywords[0]?.length).toBeLessThanOrEqual(100);
  });

  it('answers nonsense at the menu with the reason and the menu again, and stays there', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    await c.say(user, locale === 'id' ? 'batal' : 'cancel');
    const cases: readonly (readonly [Message, Refusal])[] = [
      [{ kind: 'sticker' }, { key: 'error.unsupported-kind' }],
      [{ kind: 'image' }, { key: 'error.unsupported-kind' }],
      ['', { key: 'error.empty' }],
      ['x'.repeat(20_000), { key: 'error.message-too-long', params: { max: MAX_MESSAGE } }],
      ['😀', { key: 'error.choice', params: { max: 9 } }],
      ['{"$gt": ""}', { key: 'error.choice', params: { max: 9 } }],
      ['99', { key: 'error.choice', params: { max: 9 } }],
      ['-5', { key: 'error.choice', params: { max: 9 } }],
      ['1e9', { key: 'error.choice', params: { max: 9 } }],
    ];
    for (const [message, refusal] of cases) {
      // "menu" starts the menu afresh, so the retry limit is never reached here.
      await c.say(user, 'menu');
      const before = settled(await storedState(redis.client, c, user));
      const replies = await c.say(user, message);
      expect(replies.map((r) => r.text)).toEqual([text(refusal), t(locale, 'menu.prompt')]);
      expect(replies[1]?.choices).toHaveLength(9);
      expect(settled(await storedState(redis.client, c, user))).toEqual(before);
      expect(before?.flow).toBe('menu');
    }
  });

  it('answers nonsense at the profile with its hint and changes nothing in the profile', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, REGISTRATION.length);
    const profile = await seekerOf(c, user);
    await c.say(user, locale === 'id' ? 'profil' : 'profile');
    const before = settled(await storedState(redis.client, c, user));
    for (const message of ['99', '-5', '<script>alert(1)</script>', '{"$gt": ""}']) {
      expect((await c.say(user, message)).map((r) => r.text), message).toEqual([t(locale, 'error.choice', { max: 10 })]);
      expect(settled(await storedState(redis.client, c, user))).toEqual(before);
    }
    const sticker = await c.say(user, { kind: 'sticker' });
    expect(sticker[0]?.text).toBe(t(locale, 'error.unsupported-kind'));
    expect(sticker[1]?.text.startsWith(t(locale, 'profile.header'))).toBe(true);
    expect(before?.flow).toBe('profile');
    expect(await seekerOf(c, user)).toEqual(profile);
  });
});
