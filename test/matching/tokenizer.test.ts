import { describe, expect, it } from 'vitest';
import { loadSkillsDictionary, SkillTokenizer } from '../../src/matching/index.js';

const tokenizer = new SkillTokenizer(loadSkillsDictionary());
const skills = (text: string): string[] => tokenizer.tokenize(text).skills;

describe('skill tokenizer', () => {
  it('reads chat slang with an ampersand: "sy bisa ngelas smaw & tig"', () => {
    expect(skills('sy bisa ngelas smaw & tig')).toEqual(['welding-smaw', 'welding-tig']);
  });

  it('finds multi-word skills before single words: "operator forklift + SIM B1"', () => {
    const out = skills('operator forklift + SIM B1');
    expect(out).toContain('sim-b1');
    expect(out.some((id) => id.includes('forklift'))).toBe(true);
    expect(tokenizer.tokenize('operator forklift + SIM B1').free).toEqual([]);
  });

  it('splits on slashes: "Microsoft Excel/Word"', () => {
    expect(skills('Microsoft Excel/Word')).toEqual(['microsoft-excel', 'microsoft-word']);
  });

  it('forgives a missing letter and a swapped pair: "forklif", "secuirty"', () => {
    expect(skills('forklif')).toEqual(skills('forklift'));
    expect(skills('secuirty')).toEqual(['security']);
  });

  it('forgives a typo in English text too: "experienced welder, good at weldng"', () => {
    expect(skills('experienced welder, good at weldng')).toContain('welding');
  });

  it('never stretches a short skill over a longer real word: "kelas" is not "las"', () => {
    expect(skills('kelas 3')).not.toContain('welding');
    expect(skills('lasi')).not.toContain('welding');
  });

  it('stems Indonesian and English words for free tokens: "pemotongan"/"potong", "cutting"/"cut"', () => {
    expect(tokenizer.tokenize('pemotongan').free).toEqual(tokenizer.tokenize('potong').free);
    expect(tokenizer.tokenize('cutting').free).toEqual(tokenizer.tokenize('cut').free);
    expect(tokenizer.tokenize('pemotongan').free).toHaveLength(1);
  });

  it('keeps short codes with digits such as b1, k3, 5s as tokens', () => {
    const t = tokenizer.tokenize('k3 5s b1 iso 9001');
    expect([...t.skills, ...t.free].length).toBeGreaterThanOrEqual(3);
    expect(t.skills).toContain('iso-9001');
  });

  it('drops stop words of both languages and chat filler', () => {
    expect(tokenizer.tokenize('saya bisa dan mau yang the and of').free).toEqual([]);
  });

  it('keeps unknown words as free tokens so they still match literally', () => {
    expect(tokenizer.tokenize('kerupuk').free).toEqual(['free:kerupuk']);
  });

  it('does not join the end of one listed phrase with the start of the next', () => {
    const listed = tokenizer.tokenizeAll(['sopir', 'truk box']).skills;
    expect(listed).not.toContain('driver-truck');
  });

  it('reads a position word as the occupation only when it is the whole answer about the work wanted', () => {
    expect(tokenizer.tokenizePositions(['produksi', 'bagian produksi']).skills).toEqual(['operator-produksi']);
    expect(tokenizer.tokenizePositions(['Delivery']).skills).toEqual(['courier']);
    expect(skills('bikin jadwal produksi')).not.toContain('operator-produksi');
    expect(tokenizer.tokenizePositions(['staff ppic, jadwal produksi']).skills).not.toContain('operator-produksi');
  });
});
