import { z } from 'zod';
import { editDistanceWithin, typoBudget } from './edit-distance.js';
import { MatchingDataError } from './errors.js';
import { normalizeText } from './normalize.js';

export const kecamatanRecordSchema = z.object({
  name: z.string().trim().min(1).max(60),
  regency: z.string().trim().min(1).max(60),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  aliases: z.array(z.string().trim().min(1).max(80)).default([]),
  estates: z.array(z.string().trim().min(1).max(80)).default([]),
});
export type KecamatanRecord = z.infer<typeof kecamatanRecordSchema>;

export interface Kecamatan {
  /** Position in the table; distances are looked up by it. */
  readonly index: number;
  readonly name: string;
  readonly regency: string;
  readonly lat: number;
  readonly lon: number;
}

const EARTH_RADIUS_KM = 6371;
const FILLER = new Set(['kec', 'kecamatan', 'kab', 'kabupaten', 'kota', 'desa', 'kel', 'kelurahan', 'di', 'daerah']);
const CACHE_LIMIT = 10_000;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kecamatan centroids with lookup by name, alias, industrial estate or a near-miss spelling. */
export class KecamatanTable {
  readonly all: readonly Kecamatan[];
  private readonly byPhrase = new Map<string, number>();
  private readonly distances: Float32Array;
  private readonly cache = new Map<string, number>();

  constructor(records: readonly KecamatanRecord[]) {
    this.all = records.map((r, index) => ({ index, name: r.name, regency: r.regency, lat: r.lat, lon: r.lon }));
    // Names first, then aliases, then estates: a phrase keeps its first owner.
    const phrases = (pick: (r: KecamatanRecord) => readonly string[]): void =>
      records.forEach((r, i) => pick(r).forEach((p) => this.addPhrase(p, i)));
    phrases((r) => [r.name]);
    phrases((r) => r.aliases);
    phrases((r) => r.estates);
    const n = this.all.length;
    this.distances = new Float32Array(n * n);
    for (const a of this.all) {
      for (const b of this.all) this.distances[a.index * n + b.index] = haversineKm(a.lat, a.lon, b.lat, b.lon);
    }
  }

  /** The kecamatan a free text names, or undefined. Bounded: input is capped and results cached. */
  lookup(text: string | undefined): Kecamatan | undefined {
    if (text === undefined) return undefined;
    const normalized = normalizeText(text, 200);
    let index = this.cache.get(normalized);
    if (index === undefined) {
      index = this.resolve(normalized);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(normalized, index);
    }
    return index < 0 ? undefined : this.all[index];
  }

  distanceKm(a: number, b: number): number {
    return this.distances[a * this.all.length + b] ?? Number.NaN;
  }

  private addPhrase(phrase: string, index: number): void {
    const key = normalizeText(phrase, 200);
    if (key !== '' && !this.byPhrase.has(key)) this.byPhrase.set(key, index);
  }

  private resolve(normalized: string): number {
    if (normalized === '') return -1;
    const exact = this.byPhrase.get(normalized);
    if (exact !== undefined) return exact;
    const words = normalized.split(' ').filter((w) => !FILLER.has(w));
    // "Jl. Raya Industri, Cikarang Utara, Bekasi": the longest known phrase inside the text wins.
    for (let len = Math.min(words.length, 4); len >= 1; len--) {
      for (let start = 0; start + len <= words.length; start++) {
        const hit = this.byPhrase.get(words.slice(start, start + len).join(' '));
        if (hit !== undefined) return hit;
      }
    }
    return this.closestByTypo(words.join(' '));
  }

  private closestByTypo(text: string): number {
    const budget = typoBudget(text.length);
    for (let distance = 1; distance <= budget; distance++) {
      for (const [phrase, index] of this.byPhrase) {
        if (typoBudget(phrase.length) >= distance && editDistanceWithin(text, phrase, distance)) return index;
      }
    }
    return -1;
  }
}

export function parseKecamatanTable(raw: unknown, source = 'kecamatan.json'): KecamatanTable {
  const parsed = z.array(kecamatanRecordSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    throw new MatchingDataError(source, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return new KecamatanTable(parsed.data);
}
