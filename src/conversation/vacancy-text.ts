import type { Vacancy } from '../domain/index.js';
import { formatRupiah } from './i18n.js';

/** "Rp 5.200.000 – Rp 5.800.000", one amount when there is no upper end or both agree, else the locale's "not given". */
export function salaryText(vacancy: Pick<Vacancy, 'salaryMin' | 'salaryMax'>, t: (key: string) => string): string {
  const { salaryMin: min, salaryMax: max } = vacancy;
  // A maximum alone would read as the pay itself: said to be unknown, as the detail always did.
  if (min === undefined) return t('vacancy.salary-unknown');
  return max !== undefined && max !== min ? `${formatRupiah(min)} – ${formatRupiah(max)}` : formatRupiah(min);
}

/** Whether a person can still apply at `now`: open, and its deadline (if any) not passed. */
export function isOpenAt(vacancy: Pick<Vacancy, 'status' | 'deadline'>, now: Date): boolean {
  return vacancy.status === 'open' && (vacancy.deadline === undefined || Date.parse(vacancy.deadline) >= now.getTime());
}
