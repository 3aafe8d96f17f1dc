import type { Vacancy } from '../domain/index.js';
import type { OccupationCodes } from '../matching/index.js';
import type { SkillVocabulary } from './statistics.js';

/**
 * A vacancy's KBJI 2014 code where it can be known: the code staff or the import gave it, else the
 * code of the occupation its title names (then, for a title naming none, its required skills), if
 * reference/kbji.json lists that occupation. A title naming an occupation the file leaves out gets
 * no code: the skills would only guess at it.
 */
export class OccupationCoder {
  constructor(
    private readonly vocabulary: SkillVocabulary,
    private readonly codes: OccupationCodes,
  ) {}

  codeOf(vacancy: Pick<Vacancy, 'title' | 'requiredSkills' | 'occupationCode'>): string | undefined {
    if (vacancy.occupationCode) return vacancy.occupationCode;
    for (const text of [vacancy.title, ...vacancy.requiredSkills]) {
      const occupation = this.vocabulary.canonicalSkills(text).find((id) => this.vocabulary.tokenizer.dictionary.get(id)?.kind === 'occupation');
      if (occupation) return this.codes.get(occupation)?.code;
    }
    return undefined;
  }
}
