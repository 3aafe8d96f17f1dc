import type { EducationLevel, EmploymentType } from '../domain/index.js';

/**
 * Job templates the demo data is drawn from: titles as Bekasi postings write them, and skill
 * phrases that the skills dictionary knows (a test checks every phrase resolves to an entry).
 */
export interface JobTemplate {
  title: string;
  /** Where postings for it appear: factory jobs sit in estates, the rest across the kecamatan. */
  sector: 'factory' | 'town';
  required: readonly string[];
  preferred: readonly string[];
  minEducation: EducationLevel;
  minYears: number;
  /** Salary relative to the Bekasi UMK (DEFAULT_UMK_RUPIAH). */
  pay: number;
  types: readonly EmploymentType[];
  duties: string;
}

export const JOB_TEMPLATES: readonly JobTemplate[] = [
  { title: 'Operator Produksi', sector: 'factory', required: ['operator produksi'], preferred: ['5r', 'k3'], minEducation: 'SMA', minYears: 0, pay: 1, types: ['PKWT'], duties: 'Menjalankan proses produksi sesuai SOP dan target harian, siap kerja shift.' },
  { title: 'Operator Mesin Injection', sector: 'factory', required: ['operator mesin', 'injection molding'], preferred: ['5r', 'quality control'], minEducation: 'SMK', minYears: 1, pay: 1.05, types: ['PKWT'], duties: 'Setting dan menjalankan mesin injection plastik, cek hasil produk.' },
  { title: 'Operator CNC', sector: 'factory', required: ['mesin cnc', 'gambar teknik'], preferred: ['jangka sorong', 'mikrometer'], minEducation: 'SMK', minYears: 1, pay: 1.15, types: ['PKWT', 'PKWTT'], duties: 'Mengoperasikan mesin CNC bubut dan milling, membaca gambar kerja.' },
  { title: 'Welder SMAW', sector: 'factory', required: ['las smaw'], preferred: ['sertifikat las', 'k3'], minEducation: 'SMK', minYears: 1, pay: 1.1, types: ['PKWT', 'harian'], duties: 'Pengelasan konstruksi baja dan rangka mesin.' },
  { title: 'Welder TIG/Argon', sector: 'factory', required: ['las tig'], preferred: ['las smaw', 'gambar teknik'], minEducation: 'SMK', minYears: 2, pay: 1.2, types: ['PKWT'], duties: 'Pengelasan stainless dan aluminium untuk komponen presisi.' },
  { title: 'Operator Forklift', sector: 'factory', required: ['operator forklift', 'sio forklift'], preferred: ['sim b1'], minEducation: 'SMA', minYears: 1, pay: 1.05, types: ['PKWT'], duties: 'Memindahkan barang di area gudang dan loading dock.' },
  { title: 'Admin Gudang', sector: 'factory', required: ['admin gudang', 'microsoft excel'], preferred: ['stock opname', 'fifo'], minEducation: 'SMA', minYears: 1, pay: 1, types: ['PKWT', 'PKWTT'], duties: 'Input data keluar masuk barang, laporan stok harian.' },
  { title: 'Checker Gudang', sector: 'factory', required: ['checker'], preferred: ['fifo', 'bongkar muat'], minEducation: 'SMA', minYears: 0, pay: 1, types: ['PKWT'], duties: 'Mengecek barang datang dan barang kirim sesuai dokumen.' },
  { title: 'Picker Packer', sector: 'factory', required: ['picker', 'packing'], preferred: ['hand pallet'], minEducation: 'SMP', minYears: 0, pay: 1, types: ['PKWT', 'harian'], duties: 'Mengambil dan mengemas barang pesanan pelanggan.' },
  { title: 'QC Inspector', sector: 'factory', required: ['quality control', 'alat ukur'], preferred: ['jangka sorong', '7 qc tools'], minEducation: 'SMK', minYears: 1, pay: 1.1, types: ['PKWT'], duties: 'Inspeksi produk incoming, in-process dan outgoing.' },
  { title: 'Teknisi Maintenance', sector: 'factory', required: ['maintenance', 'listrik'], preferred: ['plc', 'pneumatik', 'hidrolik'], minEducation: 'SMK', minYears: 2, pay: 1.25, types: ['PKWT', 'PKWTT'], duties: 'Perawatan preventif dan perbaikan mesin produksi.' },
  { title: 'Teknisi Listrik', sector: 'factory', required: ['teknisi listrik', 'instalasi listrik'], preferred: ['panel listrik', 'k3'], minEducation: 'SMK', minYears: 2, pay: 1.2, types: ['PKWT'], duties: 'Instalasi dan perawatan panel serta jaringan listrik pabrik.' },
  { title: 'Staff PPIC', sector: 'factory', required: ['ppic', 'microsoft excel'], preferred: ['mrp'], minEducation: 'D3', minYears: 1, pay: 1.3, types: ['PKWTT'], duties: 'Menyusun rencana produksi dan kebutuhan material.' },
  { title: 'Drafter Mekanikal', sector: 'factory', required: ['drafter', 'autocad'], preferred: ['solidworks', 'gambar teknik'], minEducation: 'D3', minYears: 1, pay: 1.3, types: ['PKWTT'], duties: 'Membuat gambar kerja 2D/3D komponen mesin.' },
  { title: 'Helper Produksi', sector: 'factory', required: ['helper produksi'], preferred: ['packing'], minEducation: 'SMP', minYears: 0, pay: 1, types: ['harian', 'PKWT'], duties: 'Membantu operator, menyiapkan material dan kebersihan line.' },
  { title: 'Admin Produksi', sector: 'factory', required: ['admin produksi', 'microsoft excel'], preferred: ['microsoft word'], minEducation: 'SMA', minYears: 1, pay: 1.05, types: ['PKWT'], duties: 'Rekap hasil produksi dan absensi operator.' },
  { title: 'Safety Officer', sector: 'factory', required: ['safety officer', 'ahli k3 umum'], preferred: ['p3k', 'pemadam kebakaran'], minEducation: 'D3', minYears: 2, pay: 1.4, types: ['PKWTT'], duties: 'Mengawasi penerapan K3 dan investigasi insiden.' },
  { title: 'Magang Teknik Mesin', sector: 'factory', required: ['teknik mesin'], preferred: ['gambar teknik'], minEducation: 'SMK', minYears: 0, pay: 0.7, types: ['magang'], duties: 'Program magang satu tahun di bagian produksi dan maintenance.' },
  { title: 'Driver Truk', sector: 'town', required: ['sopir truk', 'sim b1 umum'], preferred: ['bongkar muat'], minEducation: 'SMP', minYears: 2, pay: 1.05, types: ['PKWT'], duties: 'Mengantar barang ke pelanggan area Jabodetabek.' },
  { title: 'Sopir Pribadi', sector: 'town', required: ['sopir pribadi', 'sim a'], preferred: [], minEducation: 'SMA', minYears: 2, pay: 1, types: ['PKWTT'], duties: 'Mengantar direksi, menjaga kebersihan mobil.' },
  { title: 'Kurir Motor', sector: 'town', required: ['kurir', 'sim c'], preferred: [], minEducation: 'SMA', minYears: 0, pay: 0.95, types: ['PKWT', 'harian'], duties: 'Mengantar paket area Cikarang dan Tambun.' },
  { title: 'Satpam', sector: 'town', required: ['satpam', 'gada pratama'], preferred: ['p3k'], minEducation: 'SMA', minYears: 1, pay: 1, types: ['PKWT'], duties: 'Menjaga keamanan area pabrik dan pos jaga.' },
  { title: 'Cleaning Service', sector: 'town', required: ['cleaning service'], preferred: [], minEducation: 'SD', minYears: 0, pay: 0.95, types: ['PKWT', 'harian'], duties: 'Membersihkan area kantor dan toilet.' },
  { title: 'Kasir Minimarket', sector: 'town', required: ['kasir'], preferred: ['pramuniaga'], minEducation: 'SMA', minYears: 0, pay: 0.95, types: ['PKWT'], duties: 'Melayani pembayaran dan menata display toko.' },
  { title: 'SPG Elektronik', sector: 'town', required: ['spg'], preferred: ['sales'], minEducation: 'SMA', minYears: 0, pay: 0.95, types: ['PKWT'], duties: 'Mempromosikan produk di mall dan toko elektronik.' },
  { title: 'Staff Accounting', sector: 'town', required: ['akuntansi', 'pajak'], preferred: ['accurate accounting', 'microsoft excel'], minEducation: 'D3', minYears: 1, pay: 1.3, types: ['PKWTT'], duties: 'Jurnal, rekonsiliasi bank dan laporan pajak bulanan.' },
  { title: 'Staff HRD', sector: 'town', required: ['hrd', 'payroll'], preferred: ['rekrutmen'], minEducation: 'S1', minYears: 1, pay: 1.4, types: ['PKWTT'], duties: 'Rekrutmen, absensi dan penggajian karyawan.' },
  { title: 'Customer Service', sector: 'town', required: ['customer service'], preferred: ['microsoft office'], minEducation: 'SMA', minYears: 0, pay: 1, types: ['PKWT'], duties: 'Melayani keluhan dan pertanyaan pelanggan.' },
  { title: 'Sales Canvas', sector: 'town', required: ['sales canvas', 'sim c'], preferred: [], minEducation: 'SMA', minYears: 1, pay: 1, types: ['PKWT'], duties: 'Menawarkan produk ke toko-toko area Bekasi.' },
  { title: 'IT Support', sector: 'town', required: ['it support', 'jaringan komputer'], preferred: ['microsoft office'], minEducation: 'D3', minYears: 1, pay: 1.2, types: ['PKWT', 'PKWTT'], duties: 'Instalasi PC, troubleshooting jaringan dan printer.' },
  { title: 'Cook Restoran', sector: 'town', required: ['juru masak'], preferred: ['haccp'], minEducation: 'SMA', minYears: 1, pay: 1, types: ['PKWT'], duties: 'Menyiapkan menu harian sesuai standar resep.' },
  { title: 'Barista', sector: 'town', required: ['barista'], preferred: [], minEducation: 'SMA', minYears: 0, pay: 0.95, types: ['PKWT', 'harian'], duties: 'Membuat minuman kopi dan melayani pelanggan.' },
  { title: 'Perawat Klinik Perusahaan', sector: 'town', required: ['perawat', 'str'], preferred: ['p3k'], minEducation: 'D3', minYears: 1, pay: 1.2, types: ['PKWT'], duties: 'Pelayanan kesehatan karyawan di klinik pabrik.' },
  { title: 'Tukang Bangunan', sector: 'town', required: ['tukang bangunan'], preferred: ['tukang keramik'], minEducation: 'SD', minYears: 1, pay: 0.9, types: ['harian'], duties: 'Pekerjaan pasangan bata, plester dan acian.' },
  { title: 'Mekanik Motor', sector: 'town', required: ['mekanik motor'], preferred: ['teknik sepeda motor'], minEducation: 'SMK', minYears: 1, pay: 1, types: ['PKWT'], duties: 'Servis berkala dan perbaikan sepeda motor di bengkel.' },
];
