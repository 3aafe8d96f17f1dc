import { describe, expect, it } from 'vitest';
import { assessPosting, type ScamInput } from '../../src/admin/scam-detector.js';
import { DEFAULT_UMK_RUPIAH } from '../../src/config/index.js';

const options = { umkRupiah: DEFAULT_UMK_RUPIAH };
const assess = (input: ScamInput, extra: { companyVerified?: boolean } = {}) => assessPosting(input, { ...options, ...extra });
const codes = (input: ScamInput) => assess(input).reasons.map((r) => r.code);
const office = 'Lamaran via email hrd@maju-presisi.co.id atau antar ke pos satpam, Jl. Jababeka XII Blok B-3.';

describe('fee and scam detector', () => {
  it.each([
    ['biaya administrasi', 'Biaya administrasi Rp 350.000 transfer ke rek BRI a.n. Dedi, besok langsung kerja.'],
    ['uang seragam', 'Yang lolos cukup ganti uang seragam 250rb saat konfirmasi.'],
    ['medical to a personal account', 'Biaya medical check-up Rp 300.000 ditransfer ke rekening pribadi admin.'],
    ['a DP', 'Amankan slot dengan DP 500rb hari ini, sisa setelah tanda tangan kontrak.'],
    ['paid training', 'Wajib ikut pelatihan 3 hari, biaya Rp 750.000 termasuk sertifikat.'],
    ['a deposit', 'Kurir baru wajib deposit Rp 500.000 sebagai jaminan paket.'],
    ['a dowry for an insider', 'Ada jalur dalam, maharnya 6jt bisa dicicil.'],
    ['a cut of the first pay', 'Fee penempatan 3jt dipotong dari gaji 3 bulan pertama.'],
  ])('flags a request for money: %s', (_name, description) => {
    const result = assess({ title: 'Operator Produksi', companyName: 'PT Maju', description });
    expect(result.flagged).toBe(true);
    expect(result.reasons.map((r) => r.code)).toContain('fee-request');
  });

  it.each([
    ['no fee', 'Seluruh proses rekrutmen tidak dipungut biaya.'],
    ['MCU paid by the company', 'Medical check-up di klinik rekanan, seluruh biaya MCU ditanggung perusahaan.'],
    ["the company's own warning", 'Kami TIDAK PERNAH meminta transfer uang, biaya MCU, seragam, atau tiket.'],
    ['pay sent to the payroll account', 'Gaji UMK ditransfer setiap tanggal 25 ke rekening payroll, BPJS, bus jemputan.'],
    ['a paid internship', 'Magang berbayar: uang saku Rp 3.800.000/bulan, makan, seragam.'],
    ["customers' down payments", 'Kasir: melayani pembayaran dan DP pesanan pelanggan, transfer dan tunai.'],
    ['lawful deductions', 'Iuran BPJS dipotong dari gaji sesuai aturan, premi hadir Rp 200.000.'],
    ["a promoter's day fee", 'Fee Rp 250.000/hari + makan, dibayar H+3 setelah event.'],
  ])('leaves an honest posting alone: %s', (_name, description) => {
    const result = assess({ title: 'Operator Produksi', companyName: 'PT Maju Presisi', description: `${description} ${office}`, salaryMin: 5_600_000 });
    expect(result.flagged).toBe(false);
    expect(result.reasons.map((r) => r.code)).not.toContain('fee-request');
  });

  it('flags identity and OTP harvesting, not a walk-in asking for photocopies', () => {
    expect(codes({ description: 'Kirim foto KTP dan selfie sambil pegang KTP ke WA admin, lalu teruskan kode OTP.' })).toContain('data-harvest');
    expect(codes({ description: `Walk in interview, bawa CV, fotokopi KTP dan ijazah. ${office}` })).toEqual([]);
  });

  it('flags pay far above the market for entry-level work, with the figures, but not a skilled job that pays well', () => {
    const gudang = assess({ title: 'Operator Gudang', description: 'Gaji Rp 12.000.000/bulan, tanpa pengalaman. Tanpa tes, langsung kerja. Chat WA 0831-7765-0042.' });
    expect(gudang.flagged).toBe(true);
    const pay = gudang.reasons.find((r) => r.code === 'unrealistic-pay');
    expect(pay?.details).toEqual({ monthlyPay: 12_000_000, ceiling: Math.round(DEFAULT_UMK_RUPIAH * 1.2) });
    const engineer = assess({ title: 'Maintenance Engineer (PLC)', description: `Gaji Rp 12–16 juta, pengalaman min 5 tahun. ${office}`, salaryMin: 12_000_000, salaryMax: 16_000_000 });
    expect(engineer.reasons).toEqual([]);
  });

  it('reads pay per day as a month of work', () => {
    const result = assess({ title: 'Online Assistant', description: 'Work from home, no experience needed. Earn Rp 500.000 – Rp 1.500.000 PER DAY.' });
    expect(result.reasons.find((r) => r.code === 'unrealistic-pay')?.details?.monthlyPay).toBe(37_500_000);
    expect(result.flagged).toBe(true);
  });

  it('flags "kerja di rumah gaji 10 juta" for anyone, not a remote developer chosen by tests and interviews', () => {
    expect(assess({ title: 'Admin Online', description: 'Kerja di rumah gaji 10 juta, cukup modal HP.' }).flagged).toBe(true);
    const developer = assess({ title: 'Backend Developer (Remote)', description: `Full remote. Gaji Rp 10–15 juta. Tes teknis dan 2x interview. ${office}`, salaryMax: 15_000_000 });
    expect(developer.flagged).toBe(false);
  });

  it('names a personal WhatsApp contact by its kind, never the number', () => {
    const result = assess({ title: 'Helper Dapur', description: 'Info WA Bu Lina 0838-1122-6098.' });
    expect(result.reasons).toEqual([{ code: 'personal-contact-only', field: 'description', details: { kind: 'personal-phone' } }]);
    expect(result.flagged).toBe(false);
    expect(JSON.stringify(result)).not.toContain('6098');
  });

  it('weighs an unknown agency with other signs, and not at all for a verified company or a licensed one', () => {
    const yayasan = { title: 'Penyaluran Kerja PT Jepang', companyName: 'Yayasan Karya', description: 'Penyaluran ke beberapa PT, nama PT dirahasiakan. Hubungi WA 0821-1188-3021.' };
    expect(assess(yayasan).flagged).toBe(true);
    expect(assess(yayasan, { companyVerified: true }).reasons.map((r) => r.code)).toEqual(['personal-contact-only']);
    const licensed = { companyName: 'PT Karya Mandiri (Outsourcing)', description: 'Penyedia jasa pekerja berizin (izin OSS), penempatan di beberapa perusahaan klien. Kantor kami Jl. Niaga Raya.' };
    expect(assess(licensed).reasons).toEqual([]);
  });

  it('does not flag a small business reachable only on WhatsApp', () => {
    const result = assess({ title: 'Pelayan Rumah Makan', description: 'Butuh 2 pelayan, gaji 2,5jt, makan 3x. Minat WA pemilik 0812-8453-2210.', salaryMin: 2_500_000 });
    expect(result.flagged).toBe(false);
  });

  it('reads English postings', () => {
    expect(assess({ description: 'Pay a registration fee of Rp 200.000 to our admin before your first day.' }).flagged).toBe(true);
    expect(assess({ description: `We never charge any fee. ${office}` }).flagged).toBe(false);
  });
});
