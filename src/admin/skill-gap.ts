/*
 * The skill-gap report for planning BLK training: for each skill that open vacancies ask for, how
 * many vacancies ask it, how many seekers have it, and — the ranking — how many vacancies would open
 * up if seekers learnt it: vacancies for which some seeker has every other required skill and
 * lacks only this one. Exact skill ids (the matcher's canonical ids); free words are left out.
 *
 * Seekers are bitsets per skill, so one vacancy with k required skills costs k² AND-passes over
 * seekers/32 words: 10,000 vacancies × 10,000 seekers is a fraction of a second.
 */

export interface SkillGapRow {
  readonly skill: string;
  /** Open vacancies requiring the skill. */
  readonly vacanciesAsking: number;
  /** Seekers who have it. */
  readonly seekersWith: number;
  /** Open vacancies some seeker lacks only this skill for. */
  readonly vacanciesOpenedUp: number;
  /** Seekers who lack only this skill for some open vacancy. */
  readonly seekersOneSkillShort: number;
}

export class SkillGap {
  private readonly bySkill = new Map<string, Uint32Array>();
  private readonly vacancies: (readonly string[])[] = [];
  private seekers = 0;

  /** Adds one seeker's skills; call for every seeker before {@link report}. */
  addSeeker(skills: readonly string[]): void {
    const index = this.seekers++;
    for (const skill of new Set(skills)) {
      const bits = this.bits(skill);
      bits[index >>> 5]! |= 1 << (index & 31);
    }
  }

  /** Adds one open vacancy's required skills. */
  addVacancy(required: readonly string[]): void {
    const skills = [...new Set(required)];
    if (skills.length > 0) this.vacancies.push(skills);
  }

  /** Every asked skill, most vacancies opened up first (then most asked, then by id). */
  report(): SkillGapRow[] {
    const words = this.words();
    const asked = new Map<string, number>();
    const openedUp = new Map<string, number>();
    const oneShort = new Map<string, Uint32Array>();
    const candidates = new Uint32Array(words);
    for (const required of this.vacancies) {
      for (const skill of required) {
        asked.set(skill, (asked.get(skill) ?? 0) + 1);
        // Seekers without this skill who have every other one.
        const lacking = this.bySkill.get(skill);
        for (let w = 0; w < words; w++) candidates[w] = ~(lacking?.[w] ?? 0) & this.tailMask(w);
        for (const other of required) {
          if (other === skill) continue;
          const has = this.bySkill.get(other);
          for (let w = 0; w < words; w++) candidates[w]! &= has?.[w] ?? 0;
        }
        if (!candidates.some((word) => word !== 0)) continue;
        openedUp.set(skill, (openedUp.get(skill) ?? 0) + 1);
        let union = oneShort.get(skill);
        if (!union) oneShort.set(skill, (union = new Uint32Array(words)));
        for (let w = 0; w < words; w++) union[w]! |= candidates[w]!;
      }
    }
    return [...asked.entries()]
      .map(([skill, vacanciesAsking]) => ({
        skill,
        vacanciesAsking,
        seekersWith: popcount(this.bySkill.get(skill)),
        vacanciesOpenedUp: openedUp.get(skill) ?? 0,
        seekersOneSkillShort: popcount(oneShort.get(skill)),
      }))
      .sort((a, b) => b.vacanciesOpenedUp - a.vacanciesOpenedUp || b.vacanciesAsking - a.vacanciesAsking || a.skill.localeCompare(b.skill));
  }

  private words(): number {
    return Math.max(1, Math.ceil(this.seekers / 32));
  }

  /** The bits of word `w` that stand for seekers (the last word's high bits stand for nobody). */
  private tailMask(w: number): number {
    const rest = this.seekers - w * 32;
    return rest >= 32 ? 0xffffffff : rest <= 0 ? 0 : (1 << rest) - 1;
  }

  private bits(skill: string): Uint32Array {
    const needed = this.words();
    let bits = this.bySkill.get(skill);
    if (!bits || bits.length < needed) {
      const grown = new Uint32Array(Math.max(needed, (bits?.length ?? 0) * 2, 64));
      if (bits) grown.set(bits);
      this.bySkill.set(skill, (bits = grown));
    }
    return bits;
  }
}

function popcount(bits: Uint32Array | undefined): number {
  let count = 0;
  for (const word of bits ?? []) {
    let v = word - ((word >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}
