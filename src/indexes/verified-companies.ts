import { isVerified, type Company } from '../domain/index.js';
import type { VerifiedCompanyLookup } from '../conversation/vacancy-text.js';

/**
 * The ids of the verified companies, held in memory beside the matching indexes and kept current
 * the same way (MatchIndex), so marking each vacancy shown in chat costs a set lookup, not a store
 * read. A few thousand ids at most: one per employer of the regency.
 */
export class VerifiedCompanies implements VerifiedCompanyLookup {
  private readonly ids = new Set<string>();

  has(companyId: string | undefined): boolean {
    return companyId !== undefined && this.ids.has(companyId);
  }

  put(company: Company): void {
    if (isVerified(company)) this.ids.add(company.id);
    else this.ids.delete(company.id);
  }

  remove(companyId: string): void {
    this.ids.delete(companyId);
  }

  get size(): number {
    return this.ids.size;
  }
}
