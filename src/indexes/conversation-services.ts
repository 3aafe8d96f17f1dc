import { seekerSkillGaps } from '../admin/seeker-skill-gap.js';
import { loadDesaDirectory, type DesaDirectory } from '../conversation/desa-directory.js';
import type { ConversationServices, ParsedSkills, SkillGapHit, VacancyHit } from '../conversation/services.js';
import type { VerifiedCompanyLookup } from '../conversation/vacancy-text.js';
import type { Locale, Seeker } from '../domain/index.js';
import { FREE_PREFIX, type Matcher } from '../matching/index.js';
import type { Store } from '../store/index.js';

/** What conversations need, answered by the matching engine and the store. */
export class MatcherConversationServices implements ConversationServices {
  private bekasiKecamatan: readonly string[] | undefined;

  constructor(
    private readonly matcher: Matcher,
    private readonly store: Store,
    private readonly verified: VerifiedCompanyLookup,
    private readonly desa: DesaDirectory = loadDesaDirectory(),
  ) {}

  findKecamatan(text: string): string | undefined {
    return this.matcher.kecamatan.lookup(text)?.name;
  }

  kecamatanCandidates(text: string): readonly string[] {
    const typed = text.toLowerCase().replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
    if (typed.length < 3) return [];
    return this.matcher.kecamatan.all.map((k) => k.name).filter((name) => name.toLowerCase().startsWith(`${typed} `));
  }

  desaOf(kecamatan: string): readonly string[] | undefined {
    return this.desa.of(kecamatan);
  }

  findDesa(kecamatan: string, text: string): string | undefined {
    return this.desa.find(kecamatan, text);
  }

  kecamatanNames(): readonly string[] {
    // The table never changes while running; build the sorted list once.
    this.bekasiKecamatan ??= this.matcher.kecamatan.all.filter((k) => k.regency === 'Kabupaten Bekasi').map((k) => k.name).sort();
    return this.bekasiKecamatan;
  }

  parseSkills(text: string, locale: Locale = 'id'): ParsedSkills {
    const tokens = this.matcher.tokenizer.tokenize(text);
    return {
      ids: [...tokens.skills, ...tokens.free],
      names: this.skillNames(tokens.skills, locale),
      unknown: tokens.free.map((token) => this.matcher.tokenizer.displayFree(token)),
    };
  }

  isCompanyVerified(companyId: string | undefined): boolean {
    return this.verified.has(companyId);
  }

  skillNames(ids: readonly string[], locale: Locale): string[] {
    return ids.map((id) => (id.startsWith(FREE_PREFIX) ? this.matcher.tokenizer.displayFree(id) : this.matcher.dictionary.displayName(id, locale)));
  }

  skillGaps(seeker: Seeker, limit: number): SkillGapHit[] {
    return seekerSkillGaps(this.matcher.requirementsNear(seeker), limit);
  }

  async searchVacancies(seeker: Seeker, offset: number, limit: number): Promise<VacancyHit[]> {
    const matches = this.matcher.topVacanciesFor(seeker, offset + limit, { fillWithNearby: true }).slice(offset);
    const hits = await Promise.all(
      matches.map(async (match): Promise<VacancyHit | undefined> => {
        const vacancy = await this.store.vacancies.get(match.vacancyId);
        return vacancy ? { vacancy, score: match.score, reasons: match.reasons } : undefined;
      }),
    );
    return hits.filter((hit): hit is VacancyHit => hit !== undefined);
  }
}
