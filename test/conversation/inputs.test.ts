import { describe, expect, it } from 'vitest';
import { isSkip, readYesNo } from '../../src/conversation/answer-words.js';
import { globalAction } from '../../src/conversation/global-words.js';
import { stepSchema } from '../../src/conversation/flow-schema.js';
import { readNumber, readRupiah, readYears } from '../../src/conversation/amounts.js';
import { educationChoices, employmentTypeChoices, findChoice, parseAnswer, readEducationLevel } from '../../src/conversation/inputs.js';
import type { ConversationServices } from '../../src/conversation/services.js';
import { MAX_CHOICES } from '../../src/conversation/message.js';
import { EMPLOYMENT_TYPES } from '../../src/domain/index.js';

describe('readRupiah', () => {
  it.each([
    ['5000000', 5_000_000],
    ['5.000.000', 5_000_000],
    ['Rp 5.000.000', 5_000_000],
    ['Rp5.600.000', 5_600_000],
    ['rp. 4,800,000', 4_800_000],
    ['5 juta', 5_000_000],
    ['5jt', 5_000_000],
    ['5,5 juta', 5_500_000],
    ['4.8jt', 4_800_000],
    ['750 ribu', 750_000],
    ['750rb', 750_000],
    ['800k', 800_000],
    ['6', 6_000_000],
    ['5 JUTA.', 5_000_000],
  ])('reads %j as %i', (text, amount) => {
    expect(readRupiah(text)).toBe(amount);
  });

  it.each([
    ['lima juta', 5_000_000],
    ['enam setengah juta', 6_500_000],
    ['setengah juta', 500_000],
    ['sejuta', 1_000_000],
    ['lima ratus ribu', 500_000],
  ])('reads the spelled-out %j as %i', (text, amount) => {
    expect(readRupiah(text)).toBe(amount);
  });

  it.each(['UMK', 'umk', 'sesuai UMK', 'UMK Bekasi', 'minimal umk', 'UMK 2026'])('reads %j as the UMK it is given', (text) => {
    expect(readRupiah(text, 5_938_885)).toBe(5_938_885);
    // Without a UMK to go by, "UMK" is no amount.
    expect(readRupiah(text)).toBeUndefined();
  });

  it('reads "1,5 UMK" as one and a half times the UMK', () => {
    expect(readRupiah('1,5 UMK', 6_000_000)).toBe(9_000_000);
  });

  it.each(['', 'banyak', 'terserah', '-5 juta', '1e9', '5 juta juta', '💰💰', '{"$gt": ""}', "1; DROP TABLE seekers", '<b>umk</b>', 'umk; DROP TABLE'])('refuses %j', (text) => {
    expect(readRupiah(text, 5_938_885)).toBeUndefined();
  });

  it('returns whole rupiah for fractional millions', () => {
    expect(Number.isInteger(readRupiah('5,55555 juta'))).toBe(true);
  });
});

describe('readNumber', () => {
  it.each([
    ['2', 2],
    ['2 tahun', 2],
    ['2thn', 2],
    ['sekitar 3 tahun', 3],
    ['1,5', 1.5],
    ['1.5 years', 1.5],
    ['0', 0],
    ['-5', -5],
    ['999', 999],
    ['2-3 tahun', 2],
  ])('reads %j as %d', (text, value) => {
    expect(readNumber(text)).toBe(value);
  });

  it('reads an exponent as the number it writes, not its first digit', () => {
    expect(readNumber('1e9')).toBe(1_000_000_000);
  });

  it.each([
    ['dua', 2],
    ['tiga tahun', 3],
    ['dua belas', 12],
    ['dua puluh lima', 25],
    ['sepuluh', 10],
    ['nol', 0],
    ['two', 2],
    ['twenty-five', 25],
  ])('reads the number word %j as %d', (text, value) => {
    expect(readNumber(text)).toBe(value);
  });

  it.each(['', 'banyak', '😀', 'مرحبا', '<script>alert(1)</script>', "1; DROP TABLE seekers; --", '{"$gt": 1}'])('finds no number in %j', (text) => {
    expect(readNumber(text)).toBeUndefined();
  });
});

describe('readYears', () => {
  it.each([
    ['2', 2],
    ['dua', 2],
    ['dua tahun', 2],
    ['2thn', 2],
    ['sekitar 3 tahun', 3],
    ['2-3 tahun', 2],
    ['setengah tahun', 0.5],
    ['6 bulan', 0.5],
    ['enam bulan', 0.5],
    ['18 bulan', 1.5],
    ['1,5 th', 1.5],
    ['1.5 tahun', 1.5],
    ['satu setengah tahun', 1.5],
    ['1 tahun 6 bulan', 1.5],
    ['setahun', 1],
    ['dua belas tahun', 12],
    ['belum pernah', 0],
    ['0', 0],
    ['two years', 2],
    ['half a year', 0.5],
    ['6 months', 0.5],
    ['a year and a half', 1.5],
    ['one and a half years', 1.5],
    ['a year', 1],
    ['never worked', 0],
    ['-5', -5],
    ['1e9', 1_000_000_000],
  ])('reads %j as %d years', (text, years) => {
    expect(readYears(text)).toBe(years);
  });

  it.each(['belasan tahun', 'beberapa tahun', 'banyak', 'puluhan', 'several years', 'a few years'])('asks for the number behind %j', (text) => {
    expect(readYears(text)).toBe('vague');
  });

  it.each(['', 'entah', 'lama', '2 3', '1 tahun 6', '<script>alert(1)</script>', '{"$gt": 1}', '😀'])('finds no duration in %j', (text) => {
    expect(readYears(text)).toBeUndefined();
  });
});

describe('a phone step', () => {
  // The spellings themselves are specified in test/domain/phone.test.ts.
  const step = stepSchema.parse({ id: 'phone', prompt: 'reg.phone.prompt', input: 'phone' });
  // A phone step asks no lookup service; one that did would fail here.
  const services = new Proxy({}, { get: () => { throw new Error('a phone step needs no service'); } }) as ConversationServices;
  const answer = (text: string) => parseAnswer({ text, step, choices: [], services });

  it('saves an Indonesian mobile number in E.164', () => {
    expect(answer('0812-3456-7890')).toEqual({ ok: true, value: '+6281234567890' });
    expect(answer('+62 857 1234 5678')).toEqual({ ok: true, value: '+6285712345678' });
  });

  it.each(['021-8990-1234', '+1 415 555 0100', '08123', 'nomor saya'])('answers %j with the phone hint', (text) => {
    expect(answer(text)).toEqual({ ok: false, error: 'error.phone' });
  });
});

describe('findChoice', () => {
  const choices = [
    { id: 'PKWT', label: 'Kontrak (PKWT)' },
    { id: 'PKWTT', label: 'Tetap (PKWTT)' },
    { id: 'magang', label: 'Magang' },
  ];

  it('picks by number, counting from 1', () => {
    expect(findChoice('2', choices)?.id).toBe('PKWTT');
  });

  it('picks by id and by label, ignoring case and trailing punctuation', () => {
    expect(findChoice('pkwt', choices)?.id).toBe('PKWT');
    expect(findChoice('MAGANG!', choices)?.id).toBe('magang');
  });

  it('picks the only label that contains a typed part of at least 3 letters', () => {
    expect(findChoice('tetap', choices)?.id).toBe('PKWTT');
    expect(findChoice('ma', choices)).toBeUndefined();
  });

  it('refuses numbers out of range and ambiguous parts', () => {
    for (const text of ['0', '4', '-1', '999', '1e9', '']) expect(findChoice(text, choices)).toBeUndefined();
    expect(findChoice('pkw', choices)).toBeUndefined();
  });
});

describe('yes/no and skip words', () => {
  it.each(['ya', 'Iya', 'y', 'yes', 'setuju', 'ok', 'oke', 'benar', 'betul', 'Ya, setuju', 'Saya setuju', 'I agree', 'yes please', '👍'])('reads %j as yes', (text) => {
    expect(readYesNo(text)).toBe(true);
  });

  it.each(['tidak', 'tdk', 'gak', 'nggak', 'no', 'n', 'tolak', 'Tidak setuju', 'saya tidak setuju', 'I disagree', "I don't agree", '👎'])('reads %j as no', (text) => {
    expect(readYesNo(text)).toBe(false);
  });

  it.each(['', 'mungkin', 'maybe', '😀', '{"$gt": ""}', 'nanti saja'])('reads %j as neither', (text) => {
    expect(readYesNo(text)).toBeUndefined();
  });

  it('knows the skip words of both languages', () => {
    for (const text of ['lewati', 'skip', '-', 'tidak ada', 'none', 'Lewati.']) expect(isSkip(text)).toBe(true);
    for (const text of ['Teknik Mesin', 'lewat sini']) expect(isSkip(text)).toBe(false);
  });
});

describe('global words', () => {
  it.each([
    ['menu', 'menu'],
    ['Menu', 'menu'],
    ['/menu@LokerBot', 'menu'],
    ['batal', 'cancel'],
    ['cancel', 'cancel'],
    ['kembali', 'back'],
    ['back', 'back'],
    ['bantuan', 'help'],
    ['help', 'help'],
    ['bahasa', 'language'],
    ['language', 'language'],
  ])('reads %j as %s', (text, action) => {
    expect(globalAction(text)).toBe(action);
  });

  it('leaves ordinary answers alone', () => {
    for (const text of ['Budi', 'ya', 'kembali ke pabrik', '1']) expect(globalAction(text)).toBeUndefined();
  });
});

describe('employment type choices', () => {
  it('offers every employment type of the domain, in its order, with its label key', () => {
    const choices = employmentTypeChoices((key) => `<${key}>`);
    expect(choices).toEqual([
      { id: 'PKWT', label: '<jobtype.pkwt>' },
      { id: 'PKWTT', label: '<jobtype.pkwtt>' },
      { id: 'magang', label: '<jobtype.magang>' },
      { id: 'harian', label: '<jobtype.harian>' },
    ]);
    expect(choices.map((c) => c.id)).toEqual([...EMPLOYMENT_TYPES]);
  });
});

describe('education answers', () => {
  it('offers at most ten buttons, S2 and S3 sharing one', () => {
    const choices = educationChoices();
    expect(choices.length).toBeLessThanOrEqual(MAX_CHOICES);
    expect(choices.at(-1)).toEqual({ id: 'S2', label: 'S2/S3' });
  });

  it.each([
    ['s3', 'S3'],
    ['SMK', 'SMK'],
    ['slta', 'SMA'],
    ['STM', 'SMK'],
    ['Sarjana', 'S1'],
    ['d 3', 'D3'],
  ])('reads a typed level "%s" as %s', (typed, level) => {
    expect(readEducationLevel(typed)).toBe(level);
  });

  it('reads "no 2", "nomor 2" and "#2" as the second choice', () => {
    const choices = [
      { id: 'a', label: 'Satu' },
      { id: 'b', label: 'Dua' },
    ];
    for (const typed of ['no 2', 'nomor 2', 'No. 2', '#2', '2)']) expect(findChoice(typed, choices)?.id).toBe('b');
  });
});
