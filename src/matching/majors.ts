import { z } from 'zod';
import { BoundedMemo } from './bounded-memo.js';
import { MatchingDataError } from './errors.js';
import { normalizeText } from './normalize.js';
import type { RequirementLine } from './requirement-lines.js';
import type { MatchLocale } from './types.js';

/*
 * School majors (jurusan), from `reference/majors.json`: which majors a posting asks for
 * ("Pendidikan minimal SMK jurusan Teknik Mesin/Otomotif") and which one a person has ("TKR").
 * Kept apart from the skills dictionary: a major is where someone studied, not a skill, and
 * "akuntansi" names both.
 */

const phrase = z.string().trim().min(1).max(80);
const majorsFileSchema = z.strictObject({
  about: z.string().min(1),
  fields: z.record(z.string().min(1), z.array(phrase).max(20)),
  majors: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
        field: z.string().min(1),
        name: z.strictObject({ id: phrase, en: phrase }),
        phrases: z.array(phrase).min(1).max(40),
      }),
    )
    .max(500),
});

/** Where a requirement line names the major: after "jurusan", or right after the school level ("S1 Akuntansi"). */
const MAJOR_CUE = /\b(jurusan|major|majoring|prodi|program studi|bidang studi|smk|sma|stm|slta|d1|d2|d3|d4|s1|s2|diploma|sarjana|bachelor|degree)\b/;
/** "semua jurusan", "any major": every major is accepted. */
const ANY_MAJOR = /\b(semua|segala|any|all|bebas|berbagai)\s+(jurusan|major|majors|bidang)\b|\b(jurusan|major)\s+(apa saja|bebas|apapun)\b/;

const LINE_CACHE_SIZE = 50_000;
/** Words allowed between a cue and the major it introduces ("S1 degree in Akuntansi"). */
const MAX_WORDS_BEFORE_MAJOR = 2;
/** "atau", "dan", "or" starting a clause that goes on listing. */
const LIST_JOINER = /^(atau|dan|serta|or|and)\s+/;

/** Majors by the phrases that name them, and fields by theirs; read as whole normalised words. */
export class MajorTable {
  static readonly none = new MajorTable(new Map(), new Map(), new Map());
  /** Every phrase, longest first; `g` for reading all of a text. */
  private readonly pattern: RegExp | undefined;
  /** The same, for the first phrase only (no `lastIndex` state shared with `pattern`). */
  private readonly firstPhrase: RegExp | undefined;
  /** Each distinct line read once while cached: postings repeat their education lines. */
  private readonly lineCache = new BoundedMemo<string, readonly string[]>(LINE_CACHE_SIZE);

  private constructor(
    private readonly byPhrase: ReadonlyMap<string, string>,
    private readonly fieldOf: ReadonlyMap<string, string>,
    private readonly names: ReadonlyMap<string, { id: string; en: string }>,
  ) {
    // Longest phrases first, so "teknik mesin" wins over "teknik" and "manajemen pemasaran" over "manajemen".
    // Normalised phrases hold only letters, digits and single spaces: nothing to escape.
    const phrases = [...byPhrase.keys()].sort((a, b) => b.length - a.length);
    const source = `\\b(${phrases.join('|')})\\b`;
    this.pattern = phrases.length === 0 ? undefined : new RegExp(source, 'g');
    this.firstPhrase = phrases.length === 0 ? undefined : new RegExp(source);
  }

  /**
   * Validates the parsed file: unique ids, known fields, no phrase naming two majors or fields.
   * @throws MatchingDataError listing every problem.
   */
  static parse(raw: unknown, source = 'majors'): MajorTable {
    const parsed = majorsFileSchema.safeParse(raw);
    if (!parsed.success) throw new MatchingDataError(source, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
    const problems: string[] = [];
    const byPhrase = new Map<string, string>();
    const claim = (text: string, owner: string, place: string): void => {
      const key = normalizeText(text);
      const had = byPhrase.get(key);
      if (key === '') problems.push(`${place}: "${text}" has no letters or digits`);
      else if (had !== undefined && had !== owner) problems.push(`${place}: "${text}" already names ${had}`);
      else byPhrase.set(key, owner);
    };
    const fieldOf = new Map<string, string>();
    const names = new Map<string, { id: string; en: string }>();
    parsed.data.majors.forEach((m, i) => {
      if (names.has(m.id)) problems.push(`majors.${i}.id: duplicate "${m.id}"`);
      names.set(m.id, m.name);
      fieldOf.set(m.id, m.field);
      for (const p of m.phrases) claim(p, m.id, `majors.${i}.phrases`);
    });
    for (const [field, phrases] of Object.entries(parsed.data.fields)) for (const p of phrases) claim(p, `field:${field}`, `fields.${field}`);
    if (problems.length > 0) throw new MatchingDataError(source, problems);
    return new MajorTable(byPhrase, fieldOf, names);
  }

  /** The majors a text names ("Teknik Mesin / TKR" → mechanical, automotive); a field alone names none. */
  read(text: string): string[] {
    return this.named(normalizeText(text)).majors;
  }

  /**
   * The majors a posting accepts, from the first must line that names some (a field stands for
   * all its majors: "jurusan teknik"); empty when it accepts any ("semua jurusan") or names none.
   */
  askedIn(lines: readonly RequirementLine[]): readonly string[] {
    if (this.pattern === undefined) return [];
    for (const line of lines) {
      if (line.preferred) continue;
      const majors = this.lineCache.get(line.text, (text) => this.askedInLine(text));
      if (majors.length > 0) return majors;
    }
    return [];
  }

  /** One must line's majors: those it names, else all of the fields it names. */
  private askedInLine(text: string): readonly string[] {
    if (ANY_MAJOR.test(normalizeText(text))) return [];
    const { majors, fields } = this.named(this.majorText(text));
    return majors.length > 0 ? majors : [...this.fieldOf].filter(([, field]) => fields.includes(field)).map(([id]) => id);
  }

  /**
   * The part of a requirement line that names majors: from the cue ("jurusan", "SMK", "S1") to the
   * end of its clause, plus the clauses after it that go on listing majors ("Teknik Mesin, Elektro
   * atau Otomotif"), but not "SMA, paham listrik".
   */
  private majorText(line: string): string {
    const clauses = line.split(/[,;()]/).map((clause) => normalizeText(clause));
    const at = clauses.findIndex((clause) => MAJOR_CUE.test(clause));
    if (at === -1) return '';
    const cue = MAJOR_CUE.exec(clauses[at]!)!;
    const rest = clauses[at]!.slice(cue.index + cue[0].length);
    // The major follows its cue closely ("SMK jurusan TKR", "S1 degree in Teknik Industri"): "SMK dan bisa mengoperasikan mesin" names none.
    const first = this.firstPhrase!.exec(rest);
    if (first === null || rest.slice(0, first.index).trim().split(' ').filter((w) => w !== '').length > MAX_WORDS_BEFORE_MAJOR) return '';
    const out = [rest];
    for (const clause of clauses.slice(at + 1)) {
      const listed = clause.replace(LIST_JOINER, '');
      if (this.firstPhrase!.exec(listed)?.index !== 0) break;
      out.push(listed);
    }
    return out.join(' ');
  }

  displayName(id: string, locale: MatchLocale): string {
    return this.names.get(id)?.[locale] ?? id;
  }

  private named(normalized: string): { majors: string[]; fields: string[] } {
    const majors = new Set<string>();
    const fields = new Set<string>();
    if (this.pattern !== undefined) {
      for (const match of normalized.matchAll(this.pattern)) {
        const owner = this.byPhrase.get(match[1]!)!;
        if (owner.startsWith('field:')) fields.add(owner.slice('field:'.length));
        else majors.add(owner);
      }
    }
    return { majors: [...majors], fields: [...fields] };
  }
}

/** The posting asks for majors (`accepted`) and the person's known majors are none of them; an unknown major is never held against anyone. */
export function lacksMajor(held: readonly string[], accepted: readonly string[]): boolean {
  return accepted.length > 0 && held.length > 0 && !held.some((id) => accepted.includes(id));
}
