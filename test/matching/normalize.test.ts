import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, MAX_WORDS, normalizeText, splitWords } from '../../src/matching/normalize.js';

/** What a text reduces to: lower-case, accent-free words joined by single spaces. Written by hand. */
const SPECIFICATION: readonly (readonly [what: string, text: string, words: string])[] = [
  // Markup: tags and entities separate words; the text inside a tag pair stays.
  ['bold tags', '<b>Las</b> SMAW', 'las smaw'],
  ['a tag with attributes', '<p class="req">Operator Forklift</p>', 'operator forklift'],
  ['a self-closing tag between words', 'las<br/>bubut', 'las bubut'],
  ['a script tag: its text is words like any other', '<script>alert(1)</script>forklift', 'alert 1 forklift'],
  ['a lone less-than', 'gaji < 5 juta', 'gaji 5 juta'],
  ['a named entity', 'Las &amp; Bubut', 'las bubut'],
  ['a numeric entity', 'K3 &#39;umum&#39;', 'k3 umum'],
  ['a non-breaking space entity', '&nbsp;forklift', 'forklift'],
  // Names whose meaning is in their punctuation.
  ['C++', 'C++ developer', 'cpp developer'],
  ['C++ with a version', 'c++11', 'cpp 11'],
  ['C# and .NET', 'C# / .NET', 'csharp dotnet'],
  ['ASP.NET', 'ASP.NET Core', 'asp dotnet core'],
  ['C++ only as a word of its own', 'abc++', 'abc'],
  ['.net only as a word of its own', 'admin.network', 'admin network'],
  ['other dotted names split', 'Node.js, ms.excel+word', 'node js ms excel word'],
  // Accents and compatibility forms fold to plain letters.
  ['French accents', 'Café Résumé', 'cafe resume'],
  ['Turkish letters', 'Ölçü', 'olcu'],
  ['a diaeresis and a cedilla', 'naïve façade', 'naive facade'],
  ['full-width letters', 'ＳＭＡＷ', 'smaw'],
  ['a ligature', 'ﬁtter', 'fitter'],
  ['a non-breaking space', 'las\u00a0smaw', 'las smaw'],
  // Emoji and symbols separate words and leave nothing behind.
  ['emoji between words', 'las 🔥 smaw 👷‍♂️', 'las smaw'],
  ['emoji only', '😀🙏', ''],
  ['a dash and a bullet', 'Operator — shift • 2', 'operator shift 2'],
  // Other scripts are kept as they are written (lower-cased where they have case).
  ['Japanese', '溶接工 日本語', '溶接工 日本語'],
  ['Cyrillic, lower-cased', 'Сварщик', 'сварщик'],
  ['Arabic', 'مرحبا بكم', 'مرحبا بكم'],
  // Digits are words: phone-like numbers survive, split where punctuation splits them.
  ['a mobile number', '085712345678', '085712345678'],
  ['a written-out mobile number', '+62 857-1234-5678', '62 857 1234 5678'],
  ['a decimal', '1,5 tahun', '1 5 tahun'],
  ['a SIM class', 'SIM B1', 'sim b1'],
  // White space and control characters.
  ['surrounding white space', '\t\n  forklift  \r\n', 'forklift'],
  ['white space only', '   \n\t ', ''],
  ['an underscore and a hyphen', 'mixed_under-score', 'mixed under score'],
  ['control characters', 'las\u0000smaw\u007f\u0007', 'las smaw'],
  ['a query operator', '{"$gt": ""}', 'gt'],
  ['SQL', "'; DROP TABLE vacancies; --", 'drop table vacancies'],
  ['empty', '', ''],
];

describe('normalizeText', () => {
  it.each(SPECIFICATION)('%s: %j → %j', (_what, text, words) => {
    expect(normalizeText(text)).toBe(words);
  });

  it('reads plain ASCII text the same way whether or not other characters are in it', () => {
    // Plain ASCII takes a faster path; a trailing "é" sends the same words down the general one.
    for (const [, text] of SPECIFICATION.filter(([, t]) => [...t].every((c) => c.charCodeAt(0) < 0x80))) {
      const general = normalizeText(`${text} é`);
      expect(general, text).toBe(`${normalizeText(text)} e`.trim());
    }
  });

  it(`reads at most ${MAX_INPUT_CHARS} characters, or the limit given`, () => {
    expect(normalizeText('a'.repeat(MAX_INPUT_CHARS + 500))).toHaveLength(MAX_INPUT_CHARS);
    expect(normalizeText('operator forklift', 8)).toBe('operator');
  });
});

describe('splitWords', () => {
  it('splits the normalised text into words', () => {
    expect(splitWords('<b>Las</b> SMAW, C++ & Café')).toEqual(['las', 'smaw', 'cpp', 'cafe']);
    expect(splitWords(' 😀 ')).toEqual([]);
  });

  it(`keeps at most ${MAX_WORDS} words`, () => {
    const words = splitWords('las '.repeat(MAX_WORDS + 50), 10_000);
    expect(words).toHaveLength(MAX_WORDS);
  });
});
