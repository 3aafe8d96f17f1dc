import { isOpenAt } from '../conversation/vacancy-text.js';
import { isVerified } from '../domain/index.js';
import type { ExportRow, ExportSource } from './exports.js';
import { ReadCache } from './read-cache.js';

/*
 * Open vacancies shaped for the province's WLPP (wajib lapor lowongan pekerjaan) and the national
 * job portal's fields: one row per vacancy still taking applications (open, deadline not passed), with its employer's registration (NIB), industry
 * (KBLI) and whether staff verified it, the position's KBJI code where known, and no person's data.
 */

export const WLPP_COLUMNS = [
  'vacancyId',
  'companyName',
  'companyNib',
  'companyKbli',
  'companyVerified',
  'position',
  'kbji',
  'education',
  'minExperienceYears',
  'employmentType',
  'quota',
  'localQuota',
  'kecamatan',
  'estate',
  'regency',
  'province',
  'salaryMin',
  'salaryMax',
  'deadline',
  'openedAt',
] as const;

export async function* wlppRows({ store, occupations, now = () => new Date() }: ExportSource): AsyncGenerator<ExportRow> {
  const companies = new ReadCache((id) => store.companies.get(id));
  const at = now();
  for await (const v of store.vacancies.listOpen()) {
    // An open vacancy past its deadline takes no one: reporting it would count places that do not exist.
    if (!isOpenAt(v, at)) continue;
    const company = v.company.id === undefined ? undefined : await companies.get(v.company.id);
    yield {
      vacancyId: v.id,
      companyName: company?.name ?? v.company.name,
      companyNib: company?.registrationNumber ?? null,
      companyKbli: company?.industryCode ?? null,
      companyVerified: isVerified(company),
      position: v.title,
      kbji: occupations.codeOf(v) ?? null,
      education: v.minEducation ?? null,
      minExperienceYears: v.minExperienceYears,
      employmentType: v.employmentType,
      quota: v.quota,
      localQuota: v.localQuota,
      kecamatan: v.kecamatan,
      estate: v.estate ?? null,
      regency: 'Kabupaten Bekasi',
      province: 'Jawa Barat',
      salaryMin: v.salaryMin ?? null,
      salaryMax: v.salaryMax ?? null,
      deadline: v.deadline ?? null,
      openedAt: v.openedAt ?? null,
    };
  }
}
