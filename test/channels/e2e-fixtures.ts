export { waitFor } from '../helpers/wait.js';
import path from 'node:path';
import { Locales } from '../../src/conversation/index.js';
import type { Locale, Vacancy } from '../../src/domain/index.js';
import { makeVacancy } from '../fixtures/domain.js';
import type { TestConversation } from '../helpers/conversation.js';

/** The real locale files, so a test waits for the very text a person would see. */
const LOCALES = Locales.load(path.resolve(import.meta.dirname, '../../locales'), { onMissing: 'throw' });

export function t(locale: Locale, key: string, params?: Readonly<Record<string, string | number>>): string {
  return LOCALES.t(locale, key, params);
}

/** Open vacancies in Bekasi's estates that a welder / forklift operator matches, with a far deadline. */
export const E2E_VACANCIES: readonly Vacancy[] = [
  makeVacancy('vac-e2e-1', { title: 'Operator Las SMAW', company: { id: 'cmp-astra', name: 'PT Astra Otoparts Tbk' }, deadline: '2030-01-31T16:59:59.000Z' }),
  makeVacancy('vac-e2e-2', {
    title: 'Operator Forklift Gudang',
    company: { id: 'cmp-indo', name: 'PT Indo Logistik Jababeka' },
    requiredSkills: ['operator forklift'],
    preferredSkills: ['sim b1'],
    estate: 'Jababeka',
    kecamatan: 'Cikarang Utara',
    minEducation: 'SMA',
    deadline: '2030-01-31T16:59:59.000Z',
  }),
  makeVacancy('vac-e2e-3', {
    title: 'Welder Fabrikasi Baja',
    company: { id: 'cmp-ejip', name: 'PT Baja Prima EJIP' },
    requiredSkills: ['las smaw', 'las mig'],
    estate: 'EJIP',
    kecamatan: 'Cikarang Selatan',
    employmentType: 'PKWTT',
    deadline: '2030-01-31T16:59:59.000Z',
  }),
];

/** Puts the vacancies in the harness's store and waits until the matcher index has applied them. */
export async function seedVacancies(c: TestConversation): Promise<void> {
  for (const vacancy of E2E_VACANCIES) await c.store.vacancies.create(vacancy);
  // The store's change listener feeds the index asynchronously; it applies changes in order, so
  // once this (repeated, harmless) change is applied, every earlier one is too.
  await c.index.apply({ collection: 'vacancies', op: 'upsert', id: E2E_VACANCIES.at(-1)?.id ?? '' });
}

export function vacancyTitled(title: string): Vacancy {
  const found = E2E_VACANCIES.find((v) => v.title === title);
  if (!found) throw new Error(`no seeded vacancy titled ${title}`);
  return found;
}

/** Matches a text that begins with `text`, taken literally. */
export function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

