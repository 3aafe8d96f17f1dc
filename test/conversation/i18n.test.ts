import { describe, expect, it } from 'vitest';
import { Locales } from '../../src/conversation/index.js';
import type { Locale } from '../../src/domain/index.js';
import { LokerError } from '../../src/errors/index.js';

const TEXTS = { id: { 'greet.hello': 'Halo {name}', 'only.id': 'Hanya id' }, en: { 'greet.hello': 'Hello {name}' } };

describe('Locales.t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const locales = new Locales(TEXTS);
    expect(locales.t('en', 'greet.hello', { name: 'Siti' })).toBe('Hello Siti');
    expect(locales.t('id', 'greet.hello')).toBe('Halo {name}');
  });

  describe("with onMissing: 'throw' (tests)", () => {
    const strict = new Locales(TEXTS, { onMissing: 'throw' });

    it('throws on a key no locale has, naming the file and the key', () => {
      const error: unknown = (() => {
        try {
          return strict.t('id', 'no.such-key');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(LokerError);
      expect(error).toMatchObject({ code: 'loker:locale-key-missing', message: 'locales/id.json has no key "no.such-key"' });
    });

    it('throws on a key only the other locale has, instead of falling back', () => {
      expect(() => strict.t('en', 'only.id')).toThrow('locales/en.json has no key "only.id"');
    });

    it('does not take a property of every object for a text', () => {
      expect(() => strict.t('id', 'constructor')).toThrow(/no key "constructor"/);
      expect(strict.has('toString')).toBe(false);
    });
  });

  describe("with onMissing: 'key' (the default, production)", () => {
    it('falls back to Indonesian, then to the key, and reports each gap once', () => {
      const reported: [Locale, string][] = [];
      const locales = new Locales(TEXTS, { onMissingKey: (locale, key) => reported.push([locale, key]) });
      expect(locales.t('en', 'only.id')).toBe('Hanya id');
      expect(locales.t('en', 'only.id')).toBe('Hanya id');
      expect(locales.t('id', 'no.such-key')).toBe('no.such-key');
      expect(locales.t('en', 'no.such-key')).toBe('no.such-key');
      expect(reported).toEqual([
        ['en', 'only.id'],
        ['id', 'no.such-key'],
        ['en', 'no.such-key'],
      ]);
    });
  });
});
