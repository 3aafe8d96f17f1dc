import type { Vacancy } from '../domain/index.js';
import { formatRupiah } from './i18n.js';

/** Whether the office has verified a company; a vacancy without a company id never is. */
export interface VerifiedCompanyLookup {
  has(companyId: string | undefined): boolean;
}

/** "Rp 5.200.000 – Rp 5.800.000", one amount when there is no upper end or both agree, else the locale's "not given". */
export function salaryText(vacancy: Pick<Vacancy, 'salaryMin' | 'salaryMax'>, t: (key: string) => string): string {
  const { salaryMin: min, salaryMax: max } = vacancy;
  // A maximum alone would read as the pay itself: said to be unknown, as the detail always did.
  if (min === undefined) return t('vacancy.salary-unknown');
  return max !== undefined && max !== min ? `${formatRupiah(min)} – ${formatRupiah(max)}` : formatRupiah(min);
}

/**
 * Whether the office verified the vacancy's company, said wherever a vacancy is shown: a line of
 * its own in a detail or an alert, a short mark in a list.
 */
export function trustText(verified: boolean, t: (key: string) => string, form: 'line' | 'mark'): string {
  if (form === 'line') return t(verified ? 'vacancy.verified' : 'vacancy.unverified');
  return t(verified ? 'vacancy.verified-mark' : 'vacancy.unverified-mark');
}

/** Whether a person can still apply at `now`: open, and its deadline (if any) not passed. */
export function isOpenAt(vacancy: Pick<Vacancy, 'status' | 'deadline'>, now: Date): boolean {
  return vacancy.status === 'open' && (vacancy.deadline === undefined || Date.parse(vacancy.deadline) >= now.getTime());
}
