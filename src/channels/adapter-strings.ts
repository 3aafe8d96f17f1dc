import path from 'node:path';
import { Locales } from '../conversation/i18n.js';
import type { Locale } from '../domain/index.js';
import { projectRoot } from '../project-root.js';

/**
 * The few texts a channel adapter answers by itself, for things the conversation engine never sees
 * (group chats, edited messages) and for the platform's command menu. Their words live in
 * `locales/{id,en}.json` like every other text a person sees.
 */
export const ADAPTER_STRING_KEYS = [
  'channel.group-refusal',
  'channel.edited-ignored',
  'channel.unavailable',
  'channel.command.start',
  'channel.command.register',
  'channel.command.search',
  'channel.command.subscribe',
  'channel.command.profile',
  'channel.command.applications',
  'channel.command.delete',
  'channel.command.language',
  'channel.command.help',
] as const;

export type AdapterStringKey = (typeof ADAPTER_STRING_KEYS)[number];

let locales: Locales | undefined;

export function adapterText(key: AdapterStringKey, locale: Locale): string {
  locales ??= Locales.load(path.join(projectRoot(), 'locales'));
  return locales.t(locale, key);
}

/** Telegram's `language_code` ("en", "en-GB", "id"…) to our locale; Indonesian unless clearly English. */
export function localeFromHint(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'id';
}
