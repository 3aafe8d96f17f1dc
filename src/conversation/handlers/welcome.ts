import type { Locale } from '../../domain/index.js';
import type { CompleteHandler, InputHandler } from '../handlers.js';
import { findChoice } from '../inputs.js';

/** Version of the privacy notice (locale key `consent.notice`); stored with each consent. */
export const CONSENT_VERSION = '2026-11';

const LANGUAGES: readonly { id: Locale; label: string }[] = [
  { id: 'id', label: 'Bahasa Indonesia' },
  { id: 'en', label: 'English' },
];

const LANGUAGE_WORDS: Readonly<Record<string, string>> = { indonesia: 'id', indo: 'id', inggris: 'en', eng: 'en' };

/** Sets the language at once, so the next prompt of the same turn is already in it. */
export const pickLanguage: InputHandler = (ctx, answer) => {
  const choice = findChoice(answer.choiceId ?? answer.text, LANGUAGES) ?? findChoice(LANGUAGE_WORDS[answer.text.trim().toLowerCase()] ?? '', LANGUAGES);
  if (!choice) return Promise.resolve({ replies: [{ text: ctx.hint('error.choice', { max: LANGUAGES.length }), choices: [...LANGUAGES] }] });
  ctx.state.locale = choice.id as Locale;
  return Promise.resolve({ advance: true });
};

/** After the welcome: consent given starts registration; refused keeps nothing. */
export const welcomeDone: CompleteHandler = (ctx) => {
  if (ctx.state.data.consent !== true) return Promise.resolve({ replies: [{ text: ctx.t('consent.declined') }] });
  ctx.state.consentAt = ctx.now.toISOString();
  return Promise.resolve({ replies: [{ text: ctx.t('consent.thanks') }], then: 'registration' });
};

/** Keeps the new language on the profile and on the person's alerts, which are written in it. */
export const languageSaved: CompleteHandler = async (ctx) => {
  const locale = ctx.locale;
  if (ctx.seeker) await ctx.store.seekers.update(ctx.seeker.id, (s) => ({ ...s, locale }));
  for (const subscription of await ctx.store.subscriptions.listBySubscriber(ctx.identity)) {
    if (subscription.locale !== locale) await ctx.store.subscriptions.update(subscription.id, (s) => ({ ...s, locale }));
  }
  return { replies: [{ text: ctx.t('language.changed') }], then: 'menu' };
};
