import { z } from 'zod';
import { MatchingDataError } from './errors.js';
import type { SkillsDictionary } from './skills-dictionary.js';

/*
 * KBJI 2014 (Klasifikasi Baku Jabatan Indonesia) codes of the skills dictionary's occupations, from
 * `reference/kbji.json`. Data, not code: staff add an occupation once its unit group is certain.
 */

const occupationCodesFileSchema = z.strictObject({
  about: z.string().min(1),
  occupations: z.record(
    z.string().min(1),
    z.strictObject({
      /** A 4-digit KBJI 2014 sub-group (ISCO-08 unit group). */
      code: z.string().regex(/^\d{4}$/, 'must be a 4-digit KBJI 2014 code'),
      title: z.string().min(1),
    }),
  ),
});

export interface OccupationCode {
  readonly code: string;
  readonly title: string;
}

/** Occupation id (of the skills dictionary) → its KBJI code, for the occupations listed. */
export class OccupationCodes {
  private constructor(private readonly byOccupation: ReadonlyMap<string, OccupationCode>) {}

  /**
   * Validates the parsed file against the dictionary: every key must be one of its occupations.
   * @throws MatchingDataError listing every problem.
   */
  static parse(raw: unknown, dictionary: Pick<SkillsDictionary, 'get'>, source = 'occupation codes'): OccupationCodes {
    const parsed = occupationCodesFileSchema.safeParse(raw);
    if (!parsed.success) throw new MatchingDataError(source, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
    const problems: string[] = [];
    for (const id of Object.keys(parsed.data.occupations)) {
      const entry = dictionary.get(id);
      if (entry === undefined) problems.push(`occupations.${id}: not an entry of the skills dictionary`);
      else if (entry.kind !== 'occupation') problems.push(`occupations.${id}: a ${entry.kind}, not an occupation`);
    }
    if (problems.length > 0) throw new MatchingDataError(source, problems);
    return new OccupationCodes(new Map(Object.entries(parsed.data.occupations)));
  }

  /** The code of a dictionary occupation, if listed. */
  get(occupationId: string): OccupationCode | undefined {
    return this.byOccupation.get(occupationId);
  }

  get size(): number {
    return this.byOccupation.size;
  }
}
