import type { Locale } from '../domain/index.js';

/**
 * The few texts a channel adapter answers by itself, for things the conversation engine never sees
 * (group chats, edited messages) and for the platform's command menu. Keys are the ones to move into
 * `locales/{id,en}.json` later; until then this map is their only home.
 */
export const ADAPTER_STRINGS = {
  'channel.groupRefusal': {
    id: 'Maaf, saya hanya melayani obrolan pribadi. Silakan chat saya langsung untuk mencari kerja atau berlangganan info lowongan.',
    en: 'Sorry, I only work in private chats. Please message me directly to look for jobs or subscribe to vacancy alerts.',
  },
  'channel.editedIgnored': {
    id: 'Saya tidak membaca pesan yang diedit. Silakan kirim ulang sebagai pesan baru.',
    en: "I don't read edited messages. Please send it again as a new message.",
  },
  'channel.command.start': { id: 'Mulai', en: 'Start' },
  'channel.command.register': { id: 'Daftar sebagai pencari kerja', en: 'Register as a job seeker' },
  'channel.command.search': { id: 'Cari lowongan yang cocok', en: 'Search matching vacancies' },
  'channel.command.subscribe': { id: 'Langganan info lowongan', en: 'Subscribe to vacancy alerts' },
  'channel.command.profile': { id: 'Lihat atau ubah profil', en: 'View or edit your profile' },
  'channel.command.applications': { id: 'Lamaran saya', en: 'My applications' },
  'channel.command.delete': { id: 'Hapus data saya', en: 'Delete my data' },
  'channel.command.language': { id: 'Ganti bahasa', en: 'Change language' },
  'channel.command.help': { id: 'Bantuan', en: 'Help' },
} as const satisfies Record<string, Record<Locale, string>>;

export type AdapterStringKey = keyof typeof ADAPTER_STRINGS;

export function adapterText(key: AdapterStringKey, locale: Locale): string {
  return ADAPTER_STRINGS[key][locale];
}

/** Telegram's `language_code` ("en", "en-GB", "id"…) to our locale; Indonesian unless clearly English. */
export function localeFromHint(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'id';
}
