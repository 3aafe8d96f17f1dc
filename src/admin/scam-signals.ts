/*
 * The signs of a fee or scam posting, as they are written in Facebook job groups and WhatsApp
 * statuses around Bekasi: what each sign looks like, and what makes a look-alike harmless. Each
 * finder reads one sentence (folded to lower case) and says what it found; the detector
 * (scam-detector.ts) weighs the finds and decides.
 *
 * The hard part is money: honest postings say "tidak dipungut biaya", "MCU ditanggung perusahaan",
 * "uang saku", "magang berbayar" or warn against fraud in the same words a scam asks with. So a
 * charge counts only with a sign that the applicant pays (an amount, transfer, bayar, rekening …)
 * and without a negation before it or a "the company pays" after it, in the same sentence.
 */

/** "Rp 350.000", "Rp350rb", "1,5jt", "500 ribu", "2.5 juta", "100k". */
export const AMOUNT = /\brp\.?\s*\d[\d.,]*(?:\s*(?:rb|ribu|k|jt|juta))?|\b\d+(?:[.,]\d+)?\s*(?:rb|ribu|k|jt|juta)\b/g;

/**
 * Words that cancel a charge after them: a negation ("tidak dipungut biaya", "TANPA potongan gaji",
 * "never ask for a fee") or a benefit ("bantuan biaya kos", "fasilitas tiket pesawat").
 */
const NEGATION = /\b(?:tidak|tdk|tak|tanpa|gratis|free|bukan|never|no|not|jangan|bebas|waspada|hati-hati|mengatasnamakan|fasilitas|mendapat(?:kan)?|dapat|disediakan|ditanggung|bantuan|tunjangan|subsidi|penggantian|reimburse\w*)\b/;
/** After a charge: someone else pays it. */
const PAID_BY_OTHERS = /^[^.]{0,40}?\b(?:ditanggung|disediakan|diberikan|dari perusahaan|oleh perusahaan|gratis|free|dibayar(?:kan)? perusahaan|diganti(?:kan)? (?:oleh )?perusahaan|dibayari|dibiayai|reimburse\w*|covered|provided)\b/;
/** The money is customers' or suppliers' (a cashier takes DPs, a purchasing clerk pays vendors), not the applicant's. */
const CUSTOMERS = /\b(?:pelanggan|customer|konsumen|pembeli|pesanan|tamu|supplier|pemasok|invoice|faktur|tagihan|rekonsiliasi|purchasing|kasir)\b/;
/** Deductions the law makes (BPJS, tax), not a fee. */
const LAWFUL_DEDUCTION = /\b(?:bpjs|pph\s*21|pajak|jht)\b/;
const DEDUCTION_WORDS = new Set(['iuran', 'premi']);

/** Words for a charge to the applicant. Strong ones need nothing more; the rest need a payment sign. */
const STRONG_CHARGE = /\b(?:mahar\w*|uang\s+(?:pelicin|jaminan|komitmen|muka|tanda\s+jadi)|top\s*up(?:\s+saldo)?|fee\s+(?:penempatan|penyaluran|placement))\b/;
const CHARGE =
  /\b(?:biaya|ongkos|uang\s+(?:seragam|pendaftaran|administrasi|admin|keamanan|pangkal|kas|transport\w*\s+ke)|dp|down\s*payment|deposit|setor(?:an)?|menyetor|jaminan(?!\s+(?:kesehatan|sosial|hari\s+tua|pensiun|kecelakaan|kematian|ketenagakerjaan))|premi(?!\s+(?:hadir|kehadiran|produksi|shift|lembur|bulanan))|pulsa|simpanan(?:\s+(?:pokok|wajib))?|iuran|donasi|sumbangan|tebus|seharga|membeli|beli|pembelian|pelunasan|sisa\s+pembayaran|fee|tiket|akomodasi|reservasi|(?:di)?potong(?:an)?\s+(?:dari\s+)?gaji)\b/g;
const PAYMENT_SIGN = /\b(?:transfer|tf|ditransfer|bayar|dibayar\w*|membayar|pembayaran|rek(?:ening)?|a\.?\s?n\.?|dana|ovo|gopay|shopeepay|e-?wallet|setor|mengganti|ganti|wajib|diwajibkan|harus|cukup|dipotong|pay|paid)\b/;

export interface Find {
  /** The words as written (folded), for the reviewer. */
  readonly words: string;
  /** How strong a sign it is; the detector flags a posting from a total of 2. */
  readonly weight: number;
  /** What kind of sign, where one code has several ("otp", "selfie", "per-day"). */
  readonly kind?: string;
}

/** A sentence that warns against what it names: "Kami TIDAK PERNAH meminta transfer uang, biaya MCU, seragam…". */
const DISCLAIMER = /\b(?:tidak\s+pernah|never|tidak\s+(?:memungut|meminta|menarik)|waspada|hati-hati|mengatasnamakan|laporkan)\b/;

/** A negation a few words before, in the same sentence: "tidak dipungut biaya", not "5 tugas gratis selesai, lanjut top up". */
function negatedBefore(sentence: string, at: number): boolean {
  return DISCLAIMER.test(sentence) || NEGATION.test(sentence.slice(Math.max(0, at - 40), at).split(/[;:]/).pop() ?? '');
}

function firstMatch(pattern: RegExp, sentence: string): RegExpExecArray | null {
  return new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(sentence);
}

/** A request for money: a fee, deposit, DP, uniform, MCU, training, pulsa, "mahar", a cut of pay. */
export function feeRequest(sentence: string): Find | undefined {
  if (CUSTOMERS.test(sentence)) return undefined;
  const strong = firstMatch(STRONG_CHARGE, sentence);
  if (strong && !negatedBefore(sentence, strong.index)) return { words: strong[0], weight: 2, kind: 'charge' };
  const paySign = new RegExp(AMOUNT.source).test(sentence) || PAYMENT_SIGN.test(sentence);
  for (const charge of paySign ? sentence.matchAll(CHARGE) : []) {
    // A bare "fee" per day is what a promoter earns ("fee Rp 250.000/hari"), not what they pay.
    if (charge[0] === 'fee' && PER_DAY.test(sentence)) continue;
    if ((DEDUCTION_WORDS.has(charge[0]) || /potong/.test(charge[0])) && LAWFUL_DEDUCTION.test(sentence)) continue;
    if (negatedBefore(sentence, charge.index) || PAID_BY_OTHERS.test(sentence.slice(charge.index + charge[0].length))) continue;
    return { words: charge[0], weight: 2, kind: 'charge' };
  }
  // "Peserta WAJIB reservasi … sebesar Rp 1.450.000": a must with an amount that is no pay.
  const must = /\b(?:wajib|diwajibkan|harus)\b/.exec(sentence);
  const amount = firstMatch(AMOUNT, sentence);
  if (must && amount && !EARNINGS.test(sentence) && !/\b(?:target|omzet|penjualan|sales)\b/.test(sentence) && !negatedBefore(sentence, must.index)) return { words: `${must[0]} … ${amount[0]}`, weight: 2, kind: 'must-pay' };
  return undefined;
}

/** Identity or bank data, OTP codes or an app asked for before any interview. */
export function dataHarvest(sentence: string): Find | undefined {
  const strong = /\b(?:kode\s+)?otp\b|kode\s+verifikasi|selfie|swafoto|nama\s+ibu\s+kandung|\bpin\b|(?:nomor|no\.?)\s+rek(?:ening)?\b|data\s+rekening|kartu\s+atm|m-?banking|\.apk\b|(?:install|instal|unduh|download)\s+(?:aplikasi|apk)/.exec(sentence);
  if (strong && !negatedBefore(sentence, strong.index)) return { words: strong[0], weight: 2, kind: 'identity-or-bank' };
  const photo = /\bfoto\s+(?:ktp|kk|kartu\s+keluarga)\b|\bscan\s+ktp\b/.exec(sentence);
  if (photo && !negatedBefore(sentence, photo.index)) return { words: photo[0], weight: 1, kind: 'id-photo' };
  return undefined;
}

/** "Jalur dalam", "orang dalam", "titipan", "pasti masuk", "dijamin kerja": a job sold through an insider. */
export function insiderPlacement(sentence: string): Find | undefined {
  const found = /\b(?:jalur\s+dalam|orang\s+dalam|titipan|pasti\s+(?:masuk|tembus|diterima|lolos|kerja)|dijamin\s+(?:kerja|masuk|diterima|lolos)|100\s*%\s*(?:pasti\s+)?(?:masuk|diterima|kerja|lolos)|guaranteed\s+(?:job|placement|hiring))\b/.exec(sentence);
  if (found && !negatedBefore(sentence, found.index)) return { words: found[0], weight: 2 };
  return undefined;
}

/** A yayasan, penyalur, LPK or agency placing people in factories it does not name. */
const AGENCY = /\b(?:yayasan|penyalur(?:an)?|disalurkan|menyalurkan|agen(?:cy|si)?|lpk|calo|manpower|bisa\s+bantu\s+(?:masuk|penempatan)|bantu\s+penempatan|beberapa\s+(?:pt|perusahaan)|pt-pt|perusahaan-perusahaan|(?:nama\s+(?:pt|perusahaan)\s+)?dirahasiakan|tidak\s+disebutkan|disebut\s+saat\s+ketemu)\b/;
/** What makes an agency credible: a licence, a named client, or a school or orphanage yayasan. */
export const CREDIBLE_AGENCY = /\b(?:berizin|izin\s+(?:oss|ppjp|p3mi|sip3mi|usaha)|terdaftar\s+(?:di\s+)?(?:kemnaker|disnaker|oss)|vendor\s+resmi|bujp|mabes\s+polri|yayasan\s+(?:pendidikan|panti|sosial|islam|kristen|katolik)|sekolah|panti\s+asuhan|disnaker|uptd|blk|kemnaker)\b/;

export function unknownAgency(sentence: string): Find | undefined {
  const found = AGENCY.exec(sentence);
  // "tidak disebutkan" and "dirahasiakan" are themselves the sign, so only other words are read as negated.
  if (found && (/^(?:tidak\s+disebutkan|dirahasiakan)/.test(found[0]) || !negatedBefore(sentence, found.index))) return { words: found[0], weight: 1 };
  return undefined;
}

/** "Tanpa tes", "tanpa interview", "no interview": hiring without a selection, sold as a plus. */
export function noInterview(sentence: string): Find | undefined {
  const found = /\b(?:tanpa\s+(?:tes|test|interview|wawancara|seleksi|psikotes)|no\s+interview|without\s+(?:an?\s+)?interview|tidak\s+ada\s+(?:interview|wawancara|tes)|no\s+test)\b/.exec(sentence);
  return found ? { words: found[0], weight: 1 } : undefined;
}

/** The talk moves off the posting: Telegram, DMs, "inbox", "japri". */
export function offPlatform(sentence: string): Find | undefined {
  const found = /\b(?:telegram|t\.me|dm|direct\s+message|inbox|japri|pm\s+aja)\b/.exec(sentence);
  return found ? { words: found[0], weight: 1 } : undefined;
}

/** Pressure to act before thinking: a quota running out, "transfer hari ini", "1x24 jam". */
export function pressure(sentence: string): Find | undefined {
  const found = /\b(?:slot\s+(?:cuma|hanya|terbatas|tinggal)|kuota\s+(?:tinggal|hampir)|tinggal\s+\d+\s+(?:orang|slot|kursi)|siapa\s+cepat|hari\s+ini\s+juga|(?:transfer|bayar)\s+hari\s+ini|1\s*x\s*24\s*jam|besok\s+(?:sudah\s+)?ditutup|hampir\s+penuh|tinggal\s+sedikit)\b/.exec(sentence);
  return found ? { words: found[0], weight: 0.5 } : undefined;
}

/** Work from home, online, "cukup modal HP". */
export const WORK_FROM_HOME = /\b(?:work\s+from\s+home|wfh|kerja\s+(?:dari|di)\s+rumah|dari\s+rumah|remote|online|modal\s+hp|cukup\s+hp|dari\s+hp|on\s+your\s+phone)\b/;

/** Anyone may apply: no experience, any schooling, "ibu rumah tangga bisa". */
export const LOW_BARRIER = /\b(?:tanpa\s+pengalaman|tidak\s+perlu\s+pengalaman|no\s+experience|without\s+experience|belum\s+pengalaman|semua\s+lulusan|semua\s+jurusan|lulusan\s+(?:sd|smp)|sd\b|smp\b|ibu\s+rumah\s+tangga|pelajar|siapa\s+saja|bisa\s+baca\s+tulis)/;

/** Signs that the work asks for skill and is selected for: experience, a degree, a test, an interview. */
export const QUALIFIED = /\b(?:pengalaman\s+(?:min\w*\.?\s+)?\d|s1|s2|d3|d4|menguasai|sertifika\w+|degree|tes\s+(?:teknis|tertulis|keterampilan)|interview|wawancara|portofolio|portfolio)\b/;

/** Work anybody can be trained for in days: its pay stays near the UMK. */
export const ENTRY_LEVEL_WORK = /\b(?:operator(?!\s+(?:cnc|alat\s+berat|excavator|crane))|helper|gudang|warehouse|packing|packer|cleaning|office\s+boy|kasir|pramuniaga|pelayan|buruh|kurir|input\s+data|data\s+entry|satpam|security|assembly|produksi)\b/;

/** Words that make an amount pay, not a charge. */
export const EARNINGS = /\b(?:gaji|upah|uang\s+saku|penghasilan|insentif|komisi|lembur|tunjangan|salary|earn|income|dapat|menerima|honor)\b/;

/** Amounts said per day ("500rb/hari", "per day", "sehari bisa dapat"). */
export const PER_DAY = /(?:\/\s*(?:hari|day)|\bper\s+(?:hari|day)|\bsehari\b|\bdaily\b|\ba\s+day\b|\bharian\b)/;

const PERSONAL_PHONE = /(?:\+?62|\b0)8\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}\b|wa\.me\//;
const FREE_MAIL = /@(?:gmail|yahoo|ymail|hotmail|outlook|live)\.\w+/;
const COMPANY_MAIL = /@(?!(?:gmail|yahoo|ymail|hotmail|outlook|live)\.)[\w-]+(?:\.[\w-]+)+/;
const WEBSITE = /\b(?:www\.)?[\w-]+\.(?:co\.id|go\.id|or\.id|ac\.id|sch\.id|com|id|net|org)(?:\/\S*)?/;
const ADDRESS = /\b(?:jl|jln|jalan)\.?\s+\w|\bruko\b|\bblok\s+\w|\bplot\s+\w|\bkm\s*\d|\bpos\s+(?:satpam|security)|\bdatang\s+langsung|\bwalk\s+in|\bkantor\s+(?:kami|pt|disnaker|vendor)|(?:\(0\d{1,3}\)|\b0[1-79]\d)\s?\d{3,4}[\s-]?\d{3,4}\b/;

/** Only a personal WhatsApp, phone or free mail: no company mail, website or place to go to. */
export function personalContactOnly(text: string): Find | undefined {
  const personal = PERSONAL_PHONE.exec(text) ?? FREE_MAIL.exec(text);
  if (!personal) return undefined;
  const mailOrSite = [COMPANY_MAIL, WEBSITE].some((p) => {
    const found = p.exec(text.replace(FREE_MAIL, ' '));
    return found !== null && !/^(?:bit\.ly|t\.me|wa\.me)/.test(found[0]);
  });
  if (mailOrSite || ADDRESS.test(text)) return undefined;
  return { words: personal[0].startsWith('@') ? 'free-mail' : 'personal-phone', weight: 1 };
}
