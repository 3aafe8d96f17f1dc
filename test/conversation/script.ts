import path from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_UMK_RUPIAH } from '../../src/config/index.js';
import { formatRupiah, Locales, type Outbound } from '../../src/conversation/index.js';
import type { Locale } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import type { Store } from '../../src/store/index.js';
import { makeVacancy } from '../fixtures/domain.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';

/** The real locale files, to compare replies with the texts a person should see; a missing key throws. */
export const LOCALES = Locales.load(path.resolve(import.meta.dirname, '../../locales'), { onMissing: 'throw' });

/** A text as the test engine shows it: `{umk}` is the default UMK, as the engine fills it in. */
export const t = (locale: Locale, key: string, params?: Readonly<Record<string, string | number>>): string => LOCALES.t(locale, key, { umk: formatRupiah(DEFAULT_UMK_RUPIAH), ...params });

/** The reply to a confirmed application: sent, and what happens next. */
export const appliedText = (locale: Locale, title: string, company: string): string => `${t(locale, 'apply.done', { title, company })}\n${t(locale, 'apply.next')}`;

/** A hint as shown before a language is chosen: both languages. */
export const both = (key: string, params?: Readonly<Record<string, string | number>>): string => `${t('id', key, params)}\n${t('en', key, params)}`;

/** The text of the last reply: the question the person is left with. */
export function lastText(replies: readonly Outbound[]): string {
  return replies.at(-1)?.text ?? '';
}

export function allText(replies: readonly Outbound[]): string {
  return replies.map((r) => r.text).join('\n');
}

/** What a person types to answer each registration step, and the step's question. */
export interface ScriptedStep {
  readonly step: string;
  readonly prompt: (locale: Locale) => string | RegExp;
  readonly answer: Readonly<Record<Locale, string>>;
  /** Locale key "bantuan"/"help" shows at this step; the general help when unset. */
  readonly help?: string;
}

const key = (k: string) => (locale: Locale) => t(locale, k);

/** Registration of an SMK graduate (so the major is asked), one entry per step in flow order. */
export const REGISTRATION: readonly ScriptedStep[] = [
  { step: 'name', prompt: key('reg.name.prompt'), answer: { id: 'Budi Santoso', en: 'Budi Santoso' }, help: 'reg.name.help' },
  { step: 'kecamatan', prompt: key('reg.kecamatan.prompt'), answer: { id: 'cikarang utara', en: 'Cikarang Utara' }, help: 'reg.kecamatan.help' },
  { step: 'desa', prompt: key('reg.desa.prompt'), answer: { id: 'Karangasih', en: 'Karangasih' } },
  { step: 'ktp', prompt: key('reg.ktp.prompt'), answer: { id: 'ya', en: 'yes' }, help: 'reg.ktp.help' },
  { step: 'education', prompt: key('reg.education.prompt'), answer: { id: 'SMK', en: 'SMK' } },
  { step: 'major', prompt: key('reg.major.prompt'), answer: { id: 'Teknik Mesin', en: 'Mechanical Engineering' } },
  { step: 'skills', prompt: key('reg.skills.prompt'), answer: { id: 'las smaw, operator forklift', en: 'SMAW welding, forklift operator' }, help: 'reg.skills.help' },
  {
    step: 'skills-confirm',
    prompt: (locale) => (locale === 'id' ? /^Keahlian yang saya catat: .+\.\nBenar\?$/ : /^Skills I noted: .+\.\nIs that right\?$/),
    answer: { id: 'ya', en: 'yes' },
  },
  { step: 'experience-years', prompt: key('reg.experience-years.prompt'), answer: { id: '2', en: '2 years' }, help: 'reg.experience-years.help' },
  { step: 'experience-text', prompt: key('reg.experience-text.prompt'), answer: { id: '2 tahun operator di MM2100', en: '2 years as operator at MM2100' } },
  { step: 'positions', prompt: key('reg.positions.prompt'), answer: { id: 'operator produksi, welder', en: 'production operator, welder' }, help: 'reg.positions.help' },
  { step: 'certifications', prompt: key('reg.certifications.prompt'), answer: { id: 'BLK Las, K3 Umum', en: 'BLK welding, K3' }, help: 'reg.certifications.help' },
  { step: 'job-types', prompt: key('reg.job-types.prompt'), answer: { id: '1,2', en: '1, 2' } },
  { step: 'salary', prompt: key('reg.salary.prompt'), answer: { id: '5,5 juta', en: '5.5 juta' }, help: 'reg.salary.help' },
  { step: 'shift', prompt: key('reg.shift.prompt'), answer: { id: 'ya', en: 'yes' } },
  { step: 'sharing', prompt: key('reg.sharing.prompt'), answer: { id: 'ya', en: 'yes' }, help: 'reg.sharing.help' },
];

/** Asserts that `replies` end with the question of `step`. */
export function expectPrompt(replies: readonly Outbound[], step: ScriptedStep, locale: Locale): void {
  const expected = step.prompt(locale);
  if (typeof expected === 'string') expect(lastText(replies)).toBe(expected);
  else expect(lastText(replies)).toMatch(expected);
}

/** First contact up to the first registration question: greeting, language, consent. */
export async function consent(c: TestConversation, user: string, locale: Locale): Promise<readonly Outbound[]> {
  await c.say(user, locale === 'id' ? 'halo' : 'hello');
  await c.say(user, locale === 'id' ? '1' : 'English');
  return c.say(user, locale === 'id' ? 'setuju' : 'yes');
}

/** Consents and answers registration steps up to (not including) step number `upTo`. */
export async function registerUpTo(c: TestConversation, user: string, locale: Locale, upTo: number): Promise<readonly Outbound[]> {
  let replies = await consent(c, user, locale);
  for (const step of REGISTRATION.slice(0, upTo)) replies = await c.say(user, step.answer[locale]);
  return replies;
}

/** A complete registration; returns the replies to the last answer. */
export function register(c: TestConversation, user: string, locale: Locale): Promise<readonly Outbound[]> {
  return registerUpTo(c, user, locale, REGISTRATION.length);
}

/** The conversation state as stored in Redis (or undefined when there is none). */
export async function storedState(redis: RedisClient, c: TestConversation, user: string, channel = 'web'): Promise<Record<string, unknown> | undefined> {
  const raw = await redis.get(c.states.keysOf(`${channel}/${user}`).state);
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
}

/** Seeds open vacancies a welder/forklift operator matches and waits until the matcher has them. */
export async function seedVacancies(c: TestConversation, count: number, overrides: Parameters<typeof makeVacancy>[1] = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `vac-${i}`;
    await c.store.vacancies.create(
      makeVacancy(id, {
        title: `Operator Las SMAW ${i}`,
        company: { id: `cmp-${i}`, name: `PT Maju Jaya ${i}` },
        deadline: '2030-01-31T16:59:59.000Z',
        ...overrides,
      }),
    );
    ids.push(id);
  }
  // The store's change listener feeds the matcher asynchronously; wait until it has caught up.
  await c.index.apply({ collection: 'vacancies', op: 'upsert', id: ids.at(-1) ?? '' });
  return ids;
}

/** Every document of every collection a person's data could sit in. */
export async function dumpStore(store: Store): Promise<string> {
  const parts = await Promise.all([
    store.seekers.find(),
    store.subscriptions.find(),
    store.applications.find(),
    store.deliveries.find(),
    store.audit.find(),
    store.outbox.find(),
    store.reports.find(),
  ]);
  return JSON.stringify(parts);
}

/**
 * One engine per test file (building the matcher takes a few hundred milliseconds): tests share it and
 * keep apart by talking as different people. Tests that assert on the whole store build their own.
 */
export function sharedConversation(redis: { readonly client: RedisClient }): { conversation: () => TestConversation; nextUser: () => string } {
  let conversation: TestConversation | undefined;
  let users = 0;
  return {
    conversation: () => (conversation ??= createTestConversation(redis.client)),
    nextUser: () => `user-${++users}`,
  };
}

export function seekerOf(c: TestConversation, userId: string): ReturnType<Store['seekers']['findByIdentity']> {
  return c.store.seekers.findByIdentity({ channel: 'web', userId });
}
