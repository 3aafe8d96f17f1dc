import type { TrainingProgramme } from '../domain/index.js';

const DAY = 86_400_000;
const WIB_MS = 7 * 3600_000;

/** The WIB calendar day `days` after `now`, as `YYYY-MM-DD`. */
function dayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + WIB_MS + days * DAY).toISOString().slice(0, 10);
}

type Facts = Omit<TrainingProgramme, 'schedule' | 'createdAt' | 'updatedAt'> & {
  /** Days from today to the start, and the length in days (dates), or a text only. */
  readonly when: { readonly startIn: number; readonly days: number; readonly text?: string } | { readonly text: string };
};

/**
 * What the office's training offer looks like: BLK Kabupaten Bekasi courses for the jobs the
 * estates ask for most (welding, forklift, industrial electrics), an LPK's Japan apprenticeship, a
 * manufacturing internship, and last year's closed intake. Skills are the dictionary's ids, so the
 * chat offers each to the seekers who lack exactly those skills. Providers and places are made up
 * where a real one would be named.
 */
const PROGRAMMES: readonly Facts[] = [
  {
    id: 'demo-trp-las',
    name: 'Pelatihan Las SMAW dan GMAW (MIG)',
    provider: 'UPTD BLK Kabupaten Bekasi',
    kind: 'blk',
    skills: ['welding-smaw', 'welding-mig'],
    when: { startIn: 14, days: 40, text: 'Senin–Jumat 08.00–15.00, gratis' },
    quota: 16,
    requirements: { text: 'Usia 18–35 tahun, sehat jasmani, KTP Kabupaten Bekasi', minEducation: 'SMP' },
    kecamatan: 'Cikarang Pusat',
    location: 'UPTD BLK Kabupaten Bekasi (demo)',
    status: 'open',
  },
  {
    id: 'demo-trp-forklift',
    name: 'Operator Forklift dan SIO',
    provider: 'UPTD BLK Kabupaten Bekasi',
    kind: 'blk',
    skills: ['forklift', 'sio-forklift'],
    when: { startIn: 21, days: 12, text: 'Senin–Sabtu, termasuk uji SIO' },
    quota: 20,
    requirements: { text: 'Usia 20–40 tahun, memiliki SIM A atau B1', minEducation: 'SMA' },
    kecamatan: 'Cikarang Pusat',
    location: 'UPTD BLK Kabupaten Bekasi (demo)',
    status: 'open',
  },
  {
    id: 'demo-trp-listrik',
    name: 'Instalasi Listrik Industri dan Wiring Panel',
    provider: 'UPTD BLK Kabupaten Bekasi',
    kind: 'blk',
    skills: ['electrical-installation', 'panel-wiring'],
    when: { startIn: 28, days: 30 },
    quota: 16,
    requirements: { text: 'Tidak buta warna', minEducation: 'SMK' },
    kecamatan: 'Cikarang Pusat',
    location: 'UPTD BLK Kabupaten Bekasi (demo)',
    status: 'open',
  },
  {
    id: 'demo-trp-jepang',
    name: 'Pemagangan ke Jepang (Ginou Jisshusei), persiapan bahasa Jepang',
    provider: 'LPK Sakura Cikarang (demo)',
    kind: 'apprenticeship-japan',
    skills: ['magang-jepang', 'japanese'],
    when: { text: 'Pendaftaran setiap bulan; pelatihan bahasa 4 bulan sebelum berangkat' },
    quota: 30,
    requirements: { text: 'Usia 18–26 tahun, belum menikah, lulus tes fisik dan matematika dasar', minEducation: 'SMA' },
    kecamatan: 'Cikarang Utara',
    location: 'Jl. Raya Industri, Cikarang Utara (demo)',
    status: 'open',
  },
  {
    id: 'demo-trp-magang',
    name: 'Magang Industri Manufaktur (operator produksi dan QC)',
    provider: 'Disnaker Kabupaten Bekasi bersama perusahaan di MM2100 (demo)',
    kind: 'internship',
    skills: ['operator-produksi', 'quality-control'],
    when: { startIn: 35, days: 180, text: '6 bulan, uang saku' },
    quota: 40,
    requirements: { text: 'Lulusan baru (maksimal 2 tahun), usia 18–24 tahun', minEducation: 'SMK' },
    kecamatan: 'Cikarang Barat',
    location: 'Kawasan MM2100',
    status: 'open',
  },
  {
    id: 'demo-trp-tig-2025',
    name: 'Pelatihan Las TIG angkatan 2025',
    provider: 'UPTD BLK Kabupaten Bekasi',
    kind: 'blk',
    skills: ['welding-tig'],
    when: { startIn: -120, days: 30 },
    quota: 16,
    requirements: { text: 'Sudah bisa las SMAW', minEducation: 'SMP' },
    kecamatan: 'Cikarang Pusat',
    status: 'closed',
  },
];

/** The demo training programmes, their dates counted from `now`. */
export function demoProgrammes(now: Date): TrainingProgramme[] {
  const at = now.toISOString();
  return PROGRAMMES.map(({ when, ...facts }) => ({
    ...facts,
    schedule: 'startIn' in when ? { startDate: dayAfter(now, when.startIn), endDate: dayAfter(now, when.startIn + when.days), ...(when.text ? { text: when.text } : {}) } : { text: when.text },
    createdAt: at,
    updatedAt: at,
  }));
}
