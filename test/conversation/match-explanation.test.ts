import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Locales, matchExplanation } from '../../src/conversation/index.js';
import type { Locale } from '../../src/domain/index.js';
import type { MatchReason } from '../../src/matching/index.js';
import { projectRoot } from '../../src/project-root.js';

const locales = Locales.load(path.join(projectRoot(), 'locales'), { onMissing: 'throw' });
const line = (reasons: MatchReason[], locale: Locale): string => matchExplanation(reasons, locale, (key, params) => locales.t(locale, key, params));

const SMAW = { id: 'Las SMAW', en: 'SMAW Welding' };
const WELDING = { id: 'Pengelasan', en: 'Welding' };

describe('a match explained in the person’s language', () => {
  it.each([
    ['id', 'Cocok: Pengelasan · terkait: Las SMAW (Anda punya Pengelasan, lebih umum) · kurang: SIM B1 · 7 km dari Cibitung · pendidikan sesuai'],
    ['en', 'Matches: Welding · related: SMAW Welding (you have Welding, more general) · missing: B1 · 7 km from Cibitung · education fits'],
  ] as const)('names what the person gave as a match and what relates to it as related (%s)', (locale, expected) => {
    const reasons: MatchReason[] = [
      { kind: 'skill', skillId: 'welding', name: WELDING, role: 'title' },
      { kind: 'related-skill', skillId: 'welding-smaw', name: SMAW, role: 'required', via: 'welding', viaName: WELDING, relation: 'broader' },
      { kind: 'missing-skill', skillId: 'sim-b1', name: { id: 'SIM B1', en: 'B1' } },
      { kind: 'distance', km: 7.2, from: 'Cibitung', to: 'Cikarang Barat' },
      { kind: 'education', fit: 'meets', required: 'SMK' },
      { kind: 'experience', fit: 'not-required', requiredYears: 0 },
    ];
    expect(line(reasons, locale)).toBe(expected);
  });

  it.each(['id', 'en'] as const)('says how a related skill relates: more specific, more general, covered by a licence, same field (%s)', (locale) => {
    const related = (relation: 'narrower' | 'broader' | 'implied' | 'sibling'): MatchReason[] => [
      { kind: 'related-skill', skillId: 'x', name: { id: 'X', en: 'X' }, role: 'required', via: 'y', viaName: { id: 'Y', en: 'Y' }, relation },
    ];
    const words = {
      narrower: { id: 'lebih khusus', en: 'more specific' },
      broader: { id: 'lebih umum', en: 'more general' },
      implied: { id: 'tercakup', en: 'covered by' },
      sibling: { id: 'sebidang', en: 'same field' },
    };
    for (const relation of ['narrower', 'broader', 'implied', 'sibling'] as const) expect(line(related(relation), locale)).toContain(words[relation][locale]);
  });

  it.each([
    ['id', 'kata yang sama: pabrik · Tetap (PKWTT), bukan jenis kerja pilihan Anda · gaji paling tinggi Rp 4.500.000, di bawah harapan Anda · ada kerja shift · prioritas KTP Bekasi · ditutup dalam 3 hari'],
    ['en', 'same words: pabrik · Permanent (PKWTT), not a job type you chose · pays at most Rp 4.500.000, below what you expect · shift work · Bekasi KTP priority · closes in 3 days'],
  ] as const)('gives shared words, job type, pay, shift and deadline their own words (%s)', (locale, expected) => {
    const reasons: MatchReason[] = [
      { kind: 'keyword', word: 'pabrik', role: 'mentioned' },
      { kind: 'job-type', type: 'PKWTT' },
      { kind: 'salary', offeredMax: 4_500_000, expected: 6_000_000 },
      { kind: 'shift' },
      { kind: 'local-priority' },
      { kind: 'deadline', closesInDays: 3 },
    ];
    expect(line(reasons, locale)).toBe(expected);
  });
  it.each([
    ['id', 'kurang: SIM B1 Umum · khusus pemegang KTP Kabupaten Bekasi'],
    ['en', 'missing: SIM B1 Umum · Kabupaten Bekasi KTP holders only'],
  ] as const)('says a job is reserved for Kabupaten Bekasi KTP holders (%s)', (locale, expected) => {
    const reasons: MatchReason[] = [
      { kind: 'missing-skill', skillId: 'sim-b1-umum', name: { id: 'SIM B1 Umum', en: 'SIM B1 Umum' } },
      { kind: 'ktp-only' },
    ];
    expect(line(reasons, locale)).toBe(expected);
  });
  it.each([
    ['id', 'jurusan yang diminta: Teknik Mesin, Teknik Otomotif, Teknik Listrik, …'],
    ['en', 'asks for a major in Mechanical Engineering, Automotive Engineering, Electrical Engineering, …'],
  ] as const)('names the majors a posting asks for, three at most (%s)', (locale, expected) => {
    const named = (id: string, en: string) => ({ id, en });
    const reasons: MatchReason[] = [
      { kind: 'major', asked: [named('Teknik Mesin', 'Mechanical Engineering'), named('Teknik Otomotif', 'Automotive Engineering'), named('Teknik Listrik', 'Electrical Engineering'), named('Kimia', 'Chemistry')] },
    ];
    expect(line(reasons, locale)).toBe(expected);
  });
});
