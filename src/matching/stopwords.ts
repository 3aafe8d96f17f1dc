import { englishStopwords, indonesianStopwords } from './natural-parts.js';

/**
 * Words of job postings and chat answers that say nothing about the skill itself, on top of
 * natural's Indonesian and English lists: chat slang ("sy", "bs", "gw"), posting boilerplate
 * ("dibutuhkan", "minimal", "diutamakan") and their English counterparts.
 */
const POSTING_AND_CHAT_WORDS = `
sy aku gw gue ane saya kami bs bsa bisa dpt dapat mampu pernah udah udh sdh sudah blm belum jg juga yg dgn
utk dr krn tdk gak ga nggak engga ok oke dll dsb etc kak pak bu mas mba mbak bang min max minimal maksimal
maks usia umur thn th tahun tahunan bulan hari pengalaman berpengalaman pengalamannya kerja bekerja pekerjaan
lowongan loker dibutuhkan dicari membutuhkan mencari segera urgent diutamakan utama lebih disukai nilai plus
memiliki punya mempunyai menguasai paham memahami mengerti lancar baik bagus mau bersedia siap sanggup
pria wanita laki perempuan lulusan lulus pendidikan ijazah sederajat setara jujur disiplin rajin teliti
sehat jasmani rohani kerjasama tim team bertanggung jawab tanggung penempatan lokasi area wilayah daerah
gaji upah umk ump tunjangan bonus lembur shift kontrak tetap status pt cv tbk kawasan industri perusahaan
kandidat calon pelamar persyaratan syarat kualifikasi requirement requirements qualification qualifications
experience experienced years year months able ability good knowledge skill skills skilled willing must
preferred plus least job jobs work working position candidate candidates male female fresh graduate graduates
dipersilakan dipersilahkan silakan silahkan welcome
`;

const extra = new Set(POSTING_AND_CHAT_WORDS.split(/\s+/).filter((w) => w !== ''));

export function isStopword(word: string): boolean {
  return extra.has(word) || indonesianStopwords.has(word) || englishStopwords.has(word);
}
