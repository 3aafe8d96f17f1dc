import { describe, expect, it } from 'vitest';
import { lintPosting, type LintWarning } from '../../src/admin/posting-linter.js';
import { FUTURE_DEADLINE } from '../fixtures/domain.js';

const complete = { salaryMin: 5_200_000, deadline: FUTURE_DEADLINE, kecamatan: 'Cikarang Utara' };
const found = (warnings: LintWarning[]) => warnings.map((w) => [w.code, w.words]);

describe('posting linter', () => {
  it('names every discriminating phrase of a typical factory ad, once each', () => {
    const requirements = [
      'Persyaratan:',
      '- Pria, usia maksimal 25 tahun',
      '- Pendidikan min. SMK Teknik Mesin',
      '- Berpenampilan menarik, tinggi badan min. 165 cm',
      '- Belum menikah',
      '- Bersedia kerja shift',
    ].join('\n');
    expect(found(lintPosting({ title: 'Operator Produksi', requirements, ...complete }))).toEqual([
      ['gender', 'Pria'],
      ['age-limit', 'usia maksimal 25 tahun'],
      ['appearance', 'Berpenampilan menarik'],
      ['height-weight', 'tinggi badan min. 165 cm'],
      ['marital-status', 'Belum menikah'],
    ]);
  });

  it('reads the spellings ads use: ranges, abbreviations, English', () => {
    const cases: [string, [string, string][]][] = [
      ['Wanita usia 18-25 th; TB/BB proporsional', [['gender', 'Wanita'], ['age-limit', 'usia 18-25 th'], ['height-weight', 'TB/BB proporsional']]],
      ['Umur 20 s.d. 30 tahun', [['age-limit', 'Umur 20 s.d. 30 tahun']]],
      ['Usia 30 tahun ke bawah', [['age-limit', 'Usia 30 tahun ke bawah']]],
      ['Max. 27 tahun, single, good looking', [['age-limit', 'Max. 27 tahun'], ['marital-status', 'single'], ['appearance', 'good looking']]],
      ['Beragama Islam, berjilbab', [['religion', 'Beragama Islam'], ['religion', 'berjilbab']]],
      ['Female only. Not older than 30 years old', [['gender', 'Female'], ['age-limit', '30 years old']]],
      ['Tidak sedang hamil', [['marital-status', 'Tidak sedang hamil']]],
    ];
    for (const [requirements, expected] of cases) expect(found(lintPosting({ requirements, ...complete })), requirements).toEqual(expected);
  });

  it('stays quiet on an ordinary posting: both genders, experience in years, neat appearance, an attractive salary, single-phase wiring', () => {
    const requirements = 'Pria/Wanita. Pendidikan min SMK. Pengalaman minimal 2 tahun, pengalaman kerja maks 10 tahun. Berpenampilan rapi. Gaji menarik. Paham instalasi listrik single phase. Tinggi motivasi.';
    expect(lintPosting({ title: 'Teknisi Listrik', description: 'PT Sinar Jaya di kawasan MM2100', requirements, ...complete })).toEqual([]);
  });

  it('accepts a gender the work needs when the sentence says why', () => {
    expect(lintPosting({ requirements: 'Laki-laki, karena pekerjaan mengangkat karung 50 kg', ...complete })).toEqual([]);
    expect(lintPosting({ requirements: 'Perempuan (pendamping pasien perempuan) karena ketentuan rumah sakit', ...complete })).toEqual([]);
  });

  it('does not take a company or place name for a requirement', () => {
    expect(lintPosting({ title: 'Perawat', description: 'RS Islam Bekasi membuka lowongan perawat', requirements: 'STR aktif', ...complete })).toEqual([]);
  });

  it('says which facts a seeker needs are missing, apart from the wording', () => {
    const warnings = lintPosting({ title: 'Admin Gudang', requirements: 'Menguasai Excel' });
    expect(warnings.map((w) => [w.code, w.field, w.discriminating])).toEqual([
      ['missing-salary', 'salaryMin', false],
      ['missing-deadline', 'deadline', false],
      ['missing-location', 'kecamatan', false],
    ]);
    expect(lintPosting({ title: 'Admin Gudang', salaryMax: 6_000_000, deadline: FUTURE_DEADLINE, kecamatan: 'Setu' })).toEqual([]);
  });

  it('warns about a deadline already past on the day it reads the posting, and not about one still ahead', () => {
    const posting = { title: 'Admin Gudang', salaryMax: 6_000_000, deadline: '2026-12-31T23:59:59+07:00', kecamatan: 'Setu' };
    expect(lintPosting(posting, new Date('2026-12-31T16:59:58Z'))).toEqual([]);
    expect(lintPosting(posting, new Date('2027-01-01T00:00:00+07:00'))).toEqual([
      { code: 'past-deadline', field: 'deadline', discriminating: false, message: 'the deadline has passed: once open, nobody will see the vacancy' },
    ]);
  });

  it('says in its message what is wrong and quotes the words', () => {
    const [warning] = lintPosting({ requirements: 'usia maksimal 25 tahun', ...complete });
    expect(warning).toMatchObject({ code: 'age-limit', field: 'requirements', words: 'usia maksimal 25 tahun', discriminating: true });
    expect(warning?.message).toMatch(/age limit.*"usia maksimal 25 tahun"/);
  });
});
