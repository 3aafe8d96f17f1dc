import { describe, expect, it } from 'vitest';
import type { Inbound, Outbound } from '../../src/conversation/index.js';
import type { Locale } from '../../src/domain/index.js';
import { seekerSchema } from '../../src/domain/index.js';
import type { TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { consent, expectPrompt, LOCALES, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

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

/** Steps of the registration that read a typed value, with what each must refuse. */
const STEPS: readonly { readonly index: number; readonly extra: readonly Message[] }[] = [
  { index: 1, extra: ['xyzzy qwerty'] }, // kecamatan
  { index: 3, extra: ['mungkin', 'maybe'] }, // ktp yes/no
  { index: 4, extra: ['0', '12', 'kuliah'] }, // education choice
  { index: 8, extra: ['banyak', '61', 'dua tahun'] }, // experience years: number 0–50
  { index: 11, extra: ['0', '5', '1,9', 'semua'] }, // job types: multi-choice
  { index: 12, extra: ['banyak', 'terserah', '5 juta juta', '0', '50 ribu', '1 miliar', 'lima juta'] }, // salary
];

/** Every error text of the locale, with its {params} as wildcards. */
function isErrorText(locale: Locale, text: string): boolean {
  return LOCALES.keys(locale)
    .filter((k) => k.startsWith('error.') && k !== 'error.too-many-tries')
    .some((k) => new RegExp(`^${t(locale, k).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+')}$`).test(text));
}

function expectRefused(replies: readonly Outbound[], locale: Locale, step: (typeof REGISTRATION)[number]): void {
  expect(replies).toHaveLength(2);
  const answer = replies[0]?.text ?? '';
  expect(isErrorText(locale, answer), `"${answer}" is a ${locale} error text`).toBe(true);
  expect(answer.length).toBeLessThan(120);
  expectPrompt(replies, step, locale);
}

describe.each(['id', 'en'] as const)('bad input (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const back = locale === 'id' ? 'kembali' : 'back';

  async function sayMessage(c: TestConversation, user: string, message: Message): Promise<readonly Outbound[]> {
    return c.say(user, message);
  }

  it.each(STEPS.map((s) => [REGISTRATION[s.index]?.step ?? '', s] as const))('refuses bad input at the %s step and stays there', async (_name, { index, extra }) => {
    const user = nextUser();
    const step = REGISTRATION[index];
    const previous = REGISTRATION[index - 1];
    if (!step || !previous) throw new Error('script');
    const c = conversation();
    await registerUpTo(c, user, locale, index);
    for (const message of [...BAD.map(([, m]) => m), ...extra]) {
      const replies = await sayMessage(c, user, message);
      expectRefused(replies, locale, step);
      expect((await storedState(redis.client, c, user))?.step).toBe(step.step);
      // Stepping back and answering again starts the step afresh, so the retry limit is not reached.
      await c.say(user, back);
      await c.say(user, previous.answer[locale]);
    }
    for (const s of REGISTRATION.slice(index)) await c.say(user, s.answer[locale]);
    expect(seekerSchema.safeParse(await seekerOf(c, user)).success).toBe(true);
  });

  it('refuses what cannot be a name at the first step', async () => {
    const user = nextUser();
    const c = conversation();
    const name = REGISTRATION[0];
    if (!name) throw new Error('script');
    const refused: Message[] = [{ kind: 'sticker' }, { kind: 'audio' }, '', 'x'.repeat(20_000), '😀🙏', '12345', 'B', '-5'];
    for (const [i, message] of refused.entries()) {
      const person = `${user}-${i}`;
      await consent(c, person, locale);
      expectRefused(await c.say(person, message), locale, name);
      expect((await storedState(redis.client, c, person))?.step).toBe('name');
    }
  });

  it('stores injection-looking text as plain text, never as a query, and the profile stays valid', async () => {
    const user = nextUser();
    const c = conversation();
    const odd = ['{"$gt": ""}', '<script>alert(1)</script>', "Robert'); DROP TABLE seekers;--", 'مرحبا بكم', '你好世界'];
    for (const [i, text] of odd.entries()) {
      const person = `${user}-${i}`;
      await consent(c, person, locale);
      await c.say(person, text);
      for (const s of REGISTRATION.slice(1)) await c.say(person, s.answer[locale]);
    }
    const seekers = await Promise.all(odd.map((_, i) => seekerOf(c, `${user}-${i}`)));
    expect(seekers.map((s) => s?.name)).toEqual(odd);
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

  it('answers a sticker, an empty text and a long text outside any flow without throwing', async () => {
    const user = nextUser();
    const c = conversation();
    await consent(c, user, locale);
    await c.say(user, locale === 'id' ? 'batal' : 'cancel');
    await c.say(user, locale === 'id' ? 'bantuan' : 'help');
    for (const message of [{ kind: 'sticker' as const }, '', 'x'.repeat(20_000), '😀', '{"$gt": ""}']) {
      const replies = await c.say(user, message);
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) expect(r.text.length).toBeGreaterThan(0);
    }
  });

  it('stays on the menu, the results and the profile for nonsense', async () => {
    const user = nextUser();
    const c = conversation();
    await registerUpTo(c, user, locale, REGISTRATION.length);
    for (const message of ['99', '-5', '1e9', '{"$gt": ""}', '', { kind: 'image' as const }]) {
      await c.say(user, 'menu');
      await c.say(user, message);
      const state = await storedState(redis.client, c, user);
      expect(state?.flow).toBe('menu');
    }
    await c.say(user, locale === 'id' ? 'profil' : 'profile');
    for (const message of ['99', '-5', '<script>alert(1)</script>', { kind: 'sticker' as const }]) {
      const replies = await c.say(user, message);
      expect(replies.length).toBeGreaterThan(0);
      expect((await storedState(redis.client, c, user))?.flow).toBe('profile');
    }
  });
});
