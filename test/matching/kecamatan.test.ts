import { describe, expect, it } from 'vitest';
import { haversineKm, loadKecamatanTable } from '../../src/matching/index.js';

const table = loadKecamatanTable();

describe('kecamatan table', () => {
  it('has the 23 kecamatan of Kabupaten Bekasi and neighbours', () => {
    expect(table.all.filter((k) => k.regency === 'Kabupaten Bekasi')).toHaveLength(23);
    expect(table.all.length).toBeGreaterThan(23);
  });

  it('finds a kecamatan by name in any case, inside an address, by estate and with a typo', () => {
    expect(table.lookup('CIKARANG UTARA')?.name).toBe('Cikarang Utara');
    expect(table.lookup('Kec. Tambun Selatan, Kab. Bekasi')?.name).toBe('Tambun Selatan');
    expect(table.lookup('MM2100')?.name).toBe('Cikarang Barat');
    expect(table.lookup('Cikarang Utra')?.name).toBe('Cikarang Utara');
    expect(table.lookup('Atlantis')).toBeUndefined();
  });

  it('measures distance between centroids in km', () => {
    const a = table.lookup('Cikarang Utara')!;
    const b = table.lookup('Tambun Selatan')!;
    expect(table.distanceKm(a.index, b.index)).toBeCloseTo(haversineKm(a.lat, a.lon, b.lat, b.lon), 3);
    expect(table.distanceKm(a.index, b.index)).toBeGreaterThan(3);
    expect(table.distanceKm(a.index, b.index)).toBeLessThan(30);
    expect(haversineKm(-6.2, 107, -6.2, 107)).toBe(0);
  });
});
