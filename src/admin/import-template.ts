import { csvText } from './csv.js';
import { IMPORT_COLUMNS } from './vacancy-import.js';

/**
 * The CSV template offered at `GET /api/admin/vacancies/template.csv`: every column an import
 * reads, and two example rows that import cleanly (one open, one a draft) to copy from. Lists
 * (`requiredSkills`, `preferredSkills`) are separated by `;` or `|`; a `deadline` date means the
 * end of that day in WIB; empty cells mean "not given". The example deadlines lie 8 and 6 weeks after
 * `now`, so a template downloaded any day still imports as it is.
 */
export function importTemplateCsv(now: Date = new Date()): string {
  const examples: Record<(typeof IMPORT_COLUMNS)[number], string>[] = [
    {
      id: 'astra-op-prod-giic',
      title: 'Operator Produksi',
      company: 'PT Astra Daihatsu Motor',
      companyId: 'cmp-astra',
      description: 'Perakitan komponen di pabrik kawasan GIIC, sistem tiga shift.',
      requirements: 'Pria/Wanita, lulusan SMK Teknik Mesin, bersedia kerja shift',
      requiredSkills: 'operator produksi;mesin bubut',
      preferredSkills: 'k3',
      minEducation: 'SMK',
      minExperienceYears: '0',
      kecamatan: 'Cikarang Pusat',
      estate: 'GIIC',
      salaryMin: '5300000',
      salaryMax: '5800000',
      employmentType: 'PKWT',
      quota: '20',
      localQuota: '10',
      deadline: wibDayAfter(now, 56),
      status: 'open',
      occupationCode: '8211',
      overrideReason: '',
    },
    {
      id: '',
      title: 'Admin Gudang',
      company: 'PT Gudang Maju Sejahtera',
      companyId: '',
      description: 'Pencatatan stok barang masuk dan keluar.',
      requirements: 'Menguasai Microsoft Excel',
      requiredSkills: 'microsoft excel|administrasi gudang',
      preferredSkills: '',
      minEducation: 'SMA',
      minExperienceYears: '1',
      kecamatan: 'Cibitung',
      estate: 'MM2100',
      salaryMin: '5200000',
      salaryMax: '',
      employmentType: 'PKWTT',
      quota: '2',
      localQuota: '0',
      deadline: wibDayAfter(now, 42),
      status: 'draft',
      occupationCode: '',
      overrideReason: '',
    },
  ];
  return csvText(
    examples.map((row) => IMPORT_COLUMNS.map((c) => row[c])),
    IMPORT_COLUMNS,
  );
}

/** The WIB calendar day `days` after `now`, as `YYYY-MM-DD`. */
function wibDayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + (days * 24 + 7) * 3_600_000).toISOString().slice(0, 10);
}
