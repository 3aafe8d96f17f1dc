import { describe, expect, it } from 'vitest';
import { indonesianMobileToE164, internationalDigitsToE164, toE164 } from '../../src/domain/index.js';

const BUDI = '+6281234567890';

describe('indonesianMobileToE164 (a person typing their own number)', () => {
  it.each([
    ['081234567890', BUDI],
    ['0812-3456-7890', BUDI],
    ['0812 3456 7890', BUDI],
    ['  0812 3456 7890  ', BUDI],
    ['0812.3456.7890', BUDI],
    ['(0812) 3456-7890', BUDI],
    ['+62 812 3456 7890', BUDI],
    ['+62 (0) 812 3456 7890', BUDI],
    ['+6281234567890', BUDI],
    ['6281234567890', BUDI],
    ['62 812-3456-7890', BUDI],
    ['0857 1234 5678', '+6285712345678'],
    ['0811-1234-567', '+628111234567'],
    ['+62 895 1234 5678', '+6289512345678'],
  ])('reads %j as %s', (typed, e164) => {
    expect(indonesianMobileToE164(typed)).toBe(e164);
  });

  it.each([
    ['a Jakarta landline', '021-8990-1234'],
    ['a Jakarta landline, short', '0212345678'],
    ['a landline written internationally', '+62 21 8990 1234'],
    ['a US number', '+1 415 555 0100'],
    ['a Malaysian mobile', '+60 12-345 6789'],
    ['a UK mobile', '+44 7911 123456'],
    ['too short', '08123'],
    ['too short for a mobile', '0812 345'],
    ['too long', '0812345678901234567'],
    ['a mobile with one digit too many', '+628123456789012'],
    ['a short code', '12345'],
    ['words', 'nomor saya'],
    ['a number inside words', 'nomor saya 0812 3456 7890'],
    ['empty', ''],
  ])('refuses %s (%j)', (_what, typed) => {
    expect(indonesianMobileToE164(typed)).toBeUndefined();
  });
});

describe('toE164 (numbers platforms and shared contacts give us)', () => {
  it.each([
    ['0812-3456-7890', BUDI],
    ['+62 812 3456 7890', BUDI],
    ['6281234567890', BUDI],
    ['+60 12-345 6789', '+60123456789'],
    ['+1 415 555 0100', '+14155550100'],
    // Landlines are numbers too: a vCard may carry an office number.
    ['021-8990-1234', '+622189901234'],
  ])('reads %j as %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each(['123', '08123', '+62812', '0812345678901234567', 'TEL:unknown', ''])('refuses %j', (raw) => {
    expect(toE164(raw)).toBeUndefined();
  });
});

describe('internationalDigitsToE164 (WhatsApp ids, Telegram contacts)', () => {
  it('reads the digits as an international number', () => {
    expect(internationalDigitsToE164('6281234567890')).toBe(BUDI);
    expect(internationalDigitsToE164('+6281234567890')).toBe(BUDI);
    expect(internationalDigitsToE164('60123456789')).toBe('+60123456789');
  });

  it('never reads them as a national number', () => {
    // With the Indonesian default this would become +62447911123456.
    expect(internationalDigitsToE164('447911123456')).toBe('+447911123456');
    expect(internationalDigitsToE164('081234567890')).toBeUndefined();
  });

  it('refuses what is not only digits or cannot be a number', () => {
    for (const raw of ['62 812 3456 7890', '62812abc', '', '62812', '999123456789']) expect(internationalDigitsToE164(raw), raw).toBeUndefined();
  });
});
