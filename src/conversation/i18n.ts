import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../domain/index.js';
import { LokerError } from '../errors/index.js';

export type Params = Readonly<Record<string, string | number>>;

/** Every text a person sees, by locale and key, from `locales/<locale>.json`. */
export class Locales {
  constructor(private readonly texts: Readonly<Record<Locale, Readonly<Record<string, string>>>>) {}

  static load(dir: string): Locales {
    const texts = {} as Record<Locale, Record<string, string>>;
    for (const locale of LOCALES) {
      const file = path.join(dir, `${locale}.json`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (cause) {
        throw new LokerError('loker:locale-invalid', `${file}: cannot read locale file`, { cause });
      }
      if (!isStringRecord(parsed)) throw new LokerError('loker:locale-invalid', `${file}: must be an object of "key": "text"`);
      texts[locale] = parsed;
    }
    return new Locales(texts);
  }

  has(key: string, locale?: Locale): boolean {
    return locale ? key in this.texts[locale] : LOCALES.every((l) => key in this.texts[l]);
  }

  keys(locale: Locale): string[] {
    return Object.keys(this.texts[locale]);
  }

  /** The text for `key` with `{name}` placeholders filled; falls back to Indonesian, then to the key. */
  t(locale: Locale, key: string, params: Params = {}): string {
    const template = this.texts[locale][key] ?? this.texts.id[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/** "Rp 5.600.000" in both locales: rupiah are written the Indonesian way. */
export function formatRupiah(amount: number): string {
  return RUPIAH.format(amount).replace(/\u00a0/g, ' ');
}

/** A date in Asia/Jakarta (WIB), e.g. "31 Jan 2027". */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
}
