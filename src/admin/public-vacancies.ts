import { isOpenAt } from '../conversation/vacancy-text.js';
import { isVerified, type Company, type Vacancy } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { OccupationCoder } from './occupation-code.js';

/** A vacancy the office publishes to search engines and partner portals, with its verified employer. */
export interface PublicVacancy {
  readonly vacancy: Vacancy;
  readonly company: Company;
  /** KBJI 2014, where known (occupation-code.ts). */
  readonly occupationCode: string | undefined;
}

/**
 * The vacancies anyone may see outside the chat: open, not past their deadline, and posted by a
 * company staff have verified. Nothing about seekers or the company's HR contact is carried.
 */
export class PublicVacancies {
  constructor(
    private readonly store: Store,
    private readonly occupations: OccupationCoder,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One of them by id, or undefined when it is unknown, not open, expired or not from a verified company. */
  async get(id: string): Promise<PublicVacancy | undefined> {
    const vacancy = await this.store.vacancies.get(id);
    if (!vacancy || !isOpenAt(vacancy, this.now()) || !vacancy.company.id) return undefined;
    const company = await this.store.companies.get(vacancy.company.id);
    return isVerified(company) && company ? this.listing(vacancy, company) : undefined;
  }

  /** All of them, a store page at a time; the verified companies (a few thousand) are read first. */
  async *list(): AsyncGenerator<PublicVacancy> {
    const verified = new Map<string, Company>();
    for await (const company of this.store.companies.scan()) if (isVerified(company)) verified.set(company.id, company);
    const now = this.now();
    for await (const vacancy of this.store.vacancies.listOpen()) {
      const company = vacancy.company.id === undefined ? undefined : verified.get(vacancy.company.id);
      if (company && isOpenAt(vacancy, now)) yield this.listing(vacancy, company);
    }
  }

  private listing(vacancy: Vacancy, company: Company): PublicVacancy {
    return { vacancy, company, occupationCode: this.occupations.codeOf(vacancy) };
  }
}
