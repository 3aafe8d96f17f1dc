import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../domain/index.js';
import { LokerError } from '../errors/index.js';

export type Params = Readonly<Record<string, string | number>>;

export interface LocalesOptions {
  /**
   * What `t` does with a key the person's locale does not have. `key`: falls back to the
   * Indonesian text, then to the key itself, so a person still gets an answer, and reports the
   * gap once through `onMissingKey`. `throw`: throws a LokerError `loker:locale-key-missing`,
   * so a test fails on the spot instead of showing a raw key. Default: `key`.
   */
  readonly onMissing?: 'key' | 'throw';
  /** Told once per locale and key in `key` mode, e.g. to log a warning. Default: nothing. */
  readonly onMissingKey?: (locale: Locale, key: string) => void;
}

/** Every text a person sees, by locale and key, from `locales/<locale>.json`. */
export class Locales {
  private readonly reported = new Set<string>();

  constructor(
    private readonly texts: Readonly<Record<Locale, Readonly<Record<string, string>>>>,
    private readonly options: LocalesOptions = {},
  ) {}

  static load(dir: string, options: LocalesOptions = {}): Locales {
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
    return new Locales(texts, options);
  }

  has(key: string, locale?: Locale): boolean {
    return locale ? Object.hasOwn(this.texts[locale], key) : LOCALES.every((l) => Object.hasOwn(this.texts[l], key));
  }

  keys(locale: Locale): string[] {
    return Object.keys(this.texts[locale]);
  }

  /** The text for `key` with `{name}` placeholders filled. A missing key: see LocalesOptions.onMissing. */
  t(locale: Locale, key: string, params: Params = {}): string {
    // hasOwn: a key such as "constructor" must not find Object.prototype's.
    const template = Object.hasOwn(this.texts[locale], key) ? (this.texts[locale][key] as string) : this.missing(locale, key);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }

  private missing(locale: Locale, key: string): string {
    if (this.options.onMissing === 'throw') {
      throw new LokerError('loker:locale-key-missing', `locales/${locale}.json has no key "${key}"`, { context: { locale, key } });
    }
    const id = `${locale}:${key}`;
    if (!this.reported.has(id)) {
      this.reported.add(id);
      this.options.onMissingKey?.(locale, key);
    }
    return Object.hasOwn(this.texts.id, key) ? (this.texts.id[key] as string) : key;
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

/** A number as the locale writes it: "1,5" in Indonesian, "1.5" in English. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
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
