import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/matching/normalize.js';

/** The general pipeline, applied to every text: the ASCII fast path must agree with it. */
function reference(text: string): string {
  return text
    .replace(/<[^<>]{0,200}>|&[a-z]{2,8};|&#\d{1,6};/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\bc\+\+/g, ' cpp ')
    .replace(/\bc#/g, ' csharp ')
    .replace(/\.net\b/g, ' dotnet ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('normalizeText', () => {
  it('gives plain ASCII text the same words as the general Unicode path', () => {
    const samples = [
      'Operator Forklift & Admin Gudang / SIM B1',
      '<b>Las</b> SMAW, TIG &amp; MIG — 2 th (K3)',
      'C++ / C# / .NET developer; {"$gt": ""}',
      'sy bisa ms.excel+word, ngelas, nyupir!!! 085712345678',
      '\t\n  \u007f mixed_under-score  ',
    ];
    for (const text of samples) expect(normalizeText(text)).toBe(reference(text));
  });

  it('still folds accents and keeps other scripts when the text is not ASCII', () => {
    expect(normalizeText('Café Résumé ✨ 日本語 Ölçü')).toBe('cafe resume 日本語 olcu');
    expect(normalizeText('Café Résumé ✨ 日本語')).toBe(reference('Café Résumé ✨ 日本語'));
  });
});
