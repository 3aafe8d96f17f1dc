import { describe, expect, it } from 'vitest';
import { requirementLines, reservesForBekasiKtp } from '../../src/matching/requirement-lines.js';
import { matcher, seeker, vacancy } from './fixtures.js';

const reserved = (text: string): boolean => requirementLines(text).some(reservesForBekasiKtp);

describe('requirement lines', () => {
  it('reads a KTP Kabupaten Bekasi line as a must only when it says so', () => {
    expect(reserved('- Wajib ber-KTP Kabupaten Bekasi (dibuktikan KTP & KK)')).toBe(true);
    expect(reserved('- KTP Kabupaten Bekasi (wajib)')).toBe(true);
    expect(reserved('- Must hold a Kabupaten Bekasi ID card (KTP)')).toBe(true);
    expect(reserved('- Domisili Kab. Bekasi (KTP Bekasi diutamakan)')).toBe(false);
    expect(reserved('- Bekasi ID card (KTP) is a plus')).toBe(false);
    expect(reserved('- Wajib ber-KTP Kota Bekasi')).toBe(false);
    expect(reserved('Walk-in interview, wajib bawa CV + fotokopi KTP')).toBe(false);
  });

  it('marks preferred lines and strips list markers', () => {
    expect(requirementLines('- Wajib memiliki SIM C\n2) Diutamakan memiliki SIM A\n* Sertifikat K3 is a plus')).toEqual([
      { text: 'Wajib memiliki SIM C', preferred: false },
      { text: 'Diutamakan memiliki SIM A', preferred: true },
      { text: 'Sertifikat K3 is a plus', preferred: true },
    ]);
  });
});

describe('hard requirements in ranking', () => {
  const driver = (ktpBekasi: boolean, licence: string) =>
    seeker(`driver-${String(ktpBekasi)}-${licence}`, `driver, ${licence}`, { domicile: { kecamatan: 'Cikarang Utara', ktpBekasi } });

  it('ranks a vacancy reserved for Bekasi KTP holders low for anyone else, and says why', () => {
    const m = matcher();
    m.addVacancy(vacancy('reserved', { title: 'Driver', requirements: '- Wajib ber-KTP Kabupaten Bekasi\n- Memiliki SIM A' }));
    m.addVacancy(vacancy('open', { title: 'Driver', requirements: '- Domisili Kab. Bekasi (KTP Bekasi diutamakan)\n- Memiliki SIM A' }));
    const outsider = m.topVacanciesFor(driver(false, 'sim a'));
    expect(outsider.map((x) => x.vacancyId)).toEqual(['open', 'reserved']);
    expect(outsider[1]!.reasons).toContainEqual({ kind: 'ktp-only' });
    const resident = m.topVacanciesFor(driver(true, 'sim a'));
    const reservedScore = (matches: typeof resident): number => matches.find((x) => x.vacancyId === 'reserved')!.score;
    expect(reservedScore(resident)).toBeGreaterThan(2 * reservedScore(outsider));
    expect(resident.flatMap((x) => x.reasons)).not.toContainEqual({ kind: 'ktp-only' });
  });

  it('ranks a vacancy requiring a licence the person lacks below one they can take, and names the licence as missing', () => {
    const m = matcher();
    // The licence is a must even beside an explicit skills list; a preferred one is not.
    m.addVacancy(vacancy('truck', { title: 'Driver', requiredSkills: ['mengemudi'], requirements: '- Wajib memiliki SIM B1 Umum aktif' }));
    m.addVacancy(vacancy('car', { title: 'Driver', requiredSkills: ['mengemudi'], requirements: '- Diutamakan memiliki SIM B1 Umum' }));
    const carDriver = m.topVacanciesFor(driver(true, 'sim a'));
    expect(carDriver.map((x) => x.vacancyId)).toEqual(['car', 'truck']);
    expect(carDriver[1]!.reasons).toContainEqual(expect.objectContaining({ kind: 'missing-skill', skillId: 'sim-b1-umum' }));
    expect(carDriver[1]!.score).toBeLessThan(carDriver[0]!.score / 2);
    // A SIM B2 Umum covers B1 Umum: nothing is missing.
    const truck = m.topVacanciesFor(driver(true, 'sim b2 umum')).find((x) => x.vacancyId === 'truck')!;
    expect(truck.reasons.filter((r) => r.kind === 'missing-skill')).toEqual([]);
    expect(truck.score).toBeGreaterThan(2 * carDriver[1]!.score);
  });

  it('reads a quality standard as knowledge, not a credential the person must hold', () => {
    const m = matcher();
    m.addVacancy(vacancy('qc-iso', { title: 'QC Inspector', requirements: '- Wajib memahami ISO 9001\n- Bisa membaca gambar teknik' }));
    m.addVacancy(vacancy('qc', { title: 'QC Inspector', requirements: '- Bisa membaca gambar teknik' }));
    const top = m.topVacanciesFor(seeker('qc', 'qc inspector, baca gambar teknik'));
    expect(top.map((x) => x.vacancyId).sort()).toEqual(['qc', 'qc-iso']);
    expect(top.find((x) => x.vacancyId === 'qc-iso')!.score).toBeGreaterThan(top.find((x) => x.vacancyId === 'qc')!.score * 0.5);
  });
});

describe('relevant experience', () => {
  it('counts years in the work the story names, not in other work', () => {
    const m = matcher();
    const asked = { minExperienceYears: 2, requirements: '- Pengalaman min 2 tahun' };
    m.addVacancy(vacancy('production', { title: 'Operator Produksi', ...asked }));
    m.addVacancy(vacancy('courier', { title: 'Kurir', ...asked }));
    const courier = seeker('c', 'sim c, operator produksi', { experience: { years: 12, text: 'kurir 12 tahun' } });
    const byId = new Map(m.topVacanciesFor(courier).map((x) => [x.vacancyId, x.reasons]));
    expect(byId.get('courier')).toContainEqual(expect.objectContaining({ kind: 'experience', fit: 'meets' }));
    expect(byId.get('production')).toContainEqual(expect.objectContaining({ kind: 'experience', fit: 'below' }));
  });
});
