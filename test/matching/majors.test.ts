import { describe, expect, it } from 'vitest';
import { loadMajorTable, MajorTable, MatchingDataError } from '../../src/matching/index.js';
import { requirementLines } from '../../src/matching/requirement-lines.js';
import { matcher, seeker, vacancy } from './fixtures.js';

const majors = loadMajorTable();
const asked = (requirements: string): readonly string[] => majors.askedIn(requirementLines(requirements));
const ENGINEERING = ['mechanical', 'automotive', 'electrical', 'electronics', 'mechatronics', 'chemistry', 'industrial-engineering', 'civil', 'welding', 'refrigeration', 'informatics', 'environmental'];

describe('majors (jurusan)', () => {
  it('reads the majors a must line asks for, however the posting writes them', () => {
    expect(asked('- Pendidikan minimal SMK jurusan Teknik Mesin/Otomotif')).toEqual(['mechanical', 'automotive']);
    expect(asked('- Lulusan SMK TKR, TBSM atau Teknik Pemesinan\n- Pengalaman min 1 tahun')).toEqual(['automotive', 'mechanical']);
    expect(asked('- Pendidikan min. S1 Akuntansi/Perpajakan')).toEqual(['accounting']);
    expect(asked('- Minimum Bachelor degree in Industrial Engineering')).toEqual(['industrial-engineering']);
    expect(asked('- Pendidikan min D3 Manajemen Informatika')).toEqual(['informatics']);
    // A field stands for all its majors, and a misspelt major still names its field.
    expect(asked('- Lulusan SMK jurusan teknik')).toEqual(ENGINEERING);
    expect(asked('- Pendidikan min SMK Teknik Kmia')).toEqual(ENGINEERING);
  });

  it('asks for no major when any will do, when it is only preferred, or when the words are not about the school', () => {
    expect(asked('- Lulusan SMA/SMK semua jurusan')).toEqual([]);
    expect(asked('- Minimum SMA any major')).toEqual([]);
    expect(asked('- Pendidikan minimal SMK (diutamakan jurusan Teknik Mesin)')).toEqual([]);
    expect(asked('- Pendidikan min SMA, paham listrik dan elektronika')).toEqual([]);
    expect(asked('- Pendidikan min SMK dan bisa mengoperasikan mesin bubut')).toEqual([]);
    expect(asked('- Menguasai akuntansi dasar')).toEqual([]);
  });

  it("reads a person's major from how people answer", () => {
    expect(majors.read('TKR')).toEqual(['automotive']);
    expect(majors.read('tek. mesin')).toEqual(['mechanical']);
    expect(majors.read('SMK Teknik Instalasi Tenaga Listrik')).toEqual(['electrical']);
    expect(majors.read('ipa')).toEqual(['science-stream']);
    expect(majors.read('teknik')).toEqual([]);
    expect(majors.read('')).toEqual([]);
  });

  it('rejects a table where one phrase names two majors, with the place', () => {
    const file = (phrases: string[]) => ({ about: 'test', fields: {}, majors: [{ id: 'a', field: 'x', name: { id: 'A', en: 'A' }, phrases: ['tkr'] }, { id: 'b', field: 'x', name: { id: 'B', en: 'B' }, phrases }] });
    expect(() => MajorTable.parse(file(['TKR']), 'majors.json')).toThrow(MatchingDataError);
    expect(() => MajorTable.parse(file(['TKR']), 'majors.json')).toThrow(/majors\.1\.phrases: "TKR" already names a/);
    expect(MajorTable.parse(file(['tsm'])).read('TKR / TSM')).toEqual(['a', 'b']);
  });
});

describe('majors in ranking', () => {
  const operator = (id: string, major: string) => seeker(id, 'operator produksi', { education: { level: 'SMK', major }, domicile: { kecamatan: 'Cikarang Utara', ktpBekasi: true } });

  it('weighs a vacancy asking for another major by majorMismatchFactor, says which majors it asks, and never holds an unknown major against anyone', () => {
    const build = (majorMismatchFactor: number) => {
      const m = matcher({ scoring: { majorMismatchFactor } });
      m.addVacancy(vacancy('machining', { requirements: '- Pendidikan minimal SMK jurusan Teknik Mesin/Otomotif\n- Bersedia kerja shift' }));
      m.addVacancy(vacancy('any', { requirements: '- Lulusan SMA/SMK semua jurusan\n- Bersedia kerja shift' }));
      return m;
    };
    const [judged, blind] = [build(0.6), build(1)];
    const scores = (m: typeof judged, id: string, major: string) => new Map(m.topVacanciesFor(operator(id, major)).map((x) => [x.vacancyId, x.score]));

    const accountant = judged.topVacanciesFor(operator('akl', 'Akuntansi'));
    expect(accountant.map((x) => x.vacancyId)).toEqual(['any', 'machining']);
    expect(accountant[1]!.score).toBeCloseTo(0.6 * scores(blind, 'akl', 'Akuntansi').get('machining')!, 3);
    expect(accountant[1]!.reasons).toContainEqual({ kind: 'major', asked: [{ id: 'Teknik Mesin', en: 'Mechanical Engineering' }, { id: 'Teknik Otomotif', en: 'Automotive Engineering' }] });

    for (const [id, major] of [['tkr', 'TKR'], ['unknown', 'Teknik Tekstil'], ['skipped', '']] as const) {
      expect(scores(judged, id, major)).toEqual(scores(blind, id, major));
      expect(judged.topVacanciesFor(operator(id, major)).flatMap((x) => x.reasons).filter((r) => r.kind === 'major')).toEqual([]);
    }
  });
});
