/** The 23 kecamatan of Kabupaten Bekasi and a few neighbours seekers live in. */
export const BEKASI_KECAMATAN = [
  'Babelan', 'Bojongmangu', 'Cabangbungin', 'Cibarusah', 'Cibitung', 'Cikarang Barat', 'Cikarang Pusat',
  'Cikarang Selatan', 'Cikarang Timur', 'Cikarang Utara', 'Karangbahagia', 'Kedungwaringin', 'Muaragembong',
  'Pebayuran', 'Serang Baru', 'Setu', 'Sukakarya', 'Sukatani', 'Sukawangi', 'Tambelang', 'Tambun Selatan',
  'Tambun Utara', 'Tarumajaya',
] as const;

export const NEIGHBOUR_KECAMATAN = ['Bekasi Timur', 'Bekasi Utara', 'Mustika Jaya', 'Karawang Barat', 'Cakung'] as const;

/** Industrial estates and the kecamatan they lie in; `weight` is their rough share of factory postings. */
export const ESTATES = [
  { name: 'MM2100', kecamatan: 'Cikarang Barat', weight: 5 },
  { name: 'Jababeka', kecamatan: 'Cikarang Utara', weight: 6 },
  { name: 'EJIP', kecamatan: 'Cikarang Selatan', weight: 3 },
  { name: 'Delta Silicon', kecamatan: 'Cikarang Selatan', weight: 3 },
  { name: 'GIIC Deltamas', kecamatan: 'Cikarang Pusat', weight: 3 },
  { name: 'Hyundai Industrial Park', kecamatan: 'Cikarang Selatan', weight: 2 },
  { name: 'BIIE Hyundai', kecamatan: 'Cikarang Selatan', weight: 1 },
  { name: 'Marunda Center', kecamatan: 'Tarumajaya', weight: 1 },
  { name: 'Gobel', kecamatan: 'Cibitung', weight: 1 },
] as const;

/** Fictional company names, built from parts common in Bekasi's factory names. */
export const COMPANY_PARTS = {
  first: ['Sinar', 'Mitra', 'Cahaya', 'Karya', 'Indo', 'Nusa', 'Prima', 'Mega', 'Tunas', 'Surya', 'Dharma', 'Bina', 'Global', 'Astra', 'Citra'],
  second: ['Presisi', 'Metalindo', 'Plastindo', 'Logistik', 'Teknik', 'Autoparts', 'Elektrindo', 'Packaging', 'Foods', 'Kimia', 'Garmindo', 'Komponen', 'Baja', 'Manufaktur', 'Sejahtera'],
  suffix: ['Indonesia', 'Utama', 'Perkasa', 'Abadi', 'Makmur', 'Jaya', 'Mandiri', 'Sentosa'],
} as const;

export const FIRST_NAMES = ['Agus', 'Budi', 'Dedi', 'Eko', 'Fajar', 'Hendra', 'Irfan', 'Joko', 'Rizki', 'Wahyu', 'Siti', 'Dewi', 'Rina', 'Nur', 'Ayu', 'Lestari', 'Putri', 'Indah', 'Yusuf', 'Dimas', 'Asep', 'Ujang', 'Teguh', 'Rahmat'] as const;
export const LAST_NAMES = ['Saputra', 'Pratama', 'Hidayat', 'Setiawan', 'Kurniawan', 'Wijaya', 'Rahmawati', 'Nugroho', 'Santoso', 'Permana', 'Susanti', 'Maulana', 'Firmansyah', 'Handayani'] as const;
