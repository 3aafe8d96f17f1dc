import type { BotCommand } from 'telegraf/types';
import type { Locale } from '../../domain/index.js';
import { adapterText, type AdapterStringKey } from '../adapter-strings.js';

/**
 * The command menu per language. Commands reach the engine as their text ("/cari"); it maps both
 * languages' words to the same intent, so a person may type either.
 */
const COMMANDS: readonly { readonly key: AdapterStringKey; readonly id: string; readonly en: string }[] = [
  { key: 'channel.command.start', id: 'start', en: 'start' },
  { key: 'channel.command.register', id: 'daftar', en: 'register' },
  { key: 'channel.command.search', id: 'cari', en: 'search' },
  { key: 'channel.command.subscribe', id: 'langganan', en: 'subscribe' },
  { key: 'channel.command.profile', id: 'profil', en: 'profile' },
  { key: 'channel.command.applications', id: 'lamaran', en: 'applications' },
  { key: 'channel.command.delete', id: 'hapus', en: 'delete' },
  { key: 'channel.command.language', id: 'bahasa', en: 'language' },
  { key: 'channel.command.help', id: 'bantuan', en: 'help' },
];

export function commandsFor(locale: Locale): BotCommand[] {
  return COMMANDS.map((c) => ({ command: c[locale], description: adapterText(c.key, locale) }));
}

/**
 * What `setMyCommands` is called with: Indonesian as the default for every language, plus explicit
 * `id` and `en` lists, so an English-language Telegram app shows English commands.
 */
export function commandMenus(): { readonly languageCode: Locale | undefined; readonly commands: BotCommand[] }[] {
  return [
    { languageCode: undefined, commands: commandsFor('id') },
    { languageCode: 'id', commands: commandsFor('id') },
    { languageCode: 'en', commands: commandsFor('en') },
  ];
}
