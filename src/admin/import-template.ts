import { csvText } from './csv.js';
import { IMPORT_COLUMNS } from './vacancy-import.js';

/**
 * The CSV template offered at `GET /api/admin/vacancies/template.csv`: every column an import
 * reads, and two example rows that import cleanly (one open, one a draft) to copy from. Lists
 * (`requiredSkills`, `preferredSkills`) are separated by `;` or `|`; a `deadline` date means the
 * end of that day in WIB; empty cells mean "not given".
 */
export function importTemplateCsv(): string {
  const examples: Record<(typeof IMPORT_COLUMNS)[number], string>[] = [
    {
      id: 'astra-op-prod-2026-12',
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
      deadline: '2026-12-31',
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
      deadline: '2027-01-15',
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
