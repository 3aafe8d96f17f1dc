import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MatchingDataError } from './errors.js';
import { chatWords } from './chat-words.js';
import { normalizeText } from './normalize.js';
import type { MatchLocale } from './types.js';

/**
 * `condition`: what a posting asks besides skills (education, shift work, documents, attitude,
 * appearance). Conditions are recognised, so their words never count as skills or keywords, and
 * are then left to the factors that judge them (education, shift), never scored as skills.
 * `license` and `certificate`: credentials a person holds; one a posting asks as a must weighs
 * as a credential the person lacks (see ScoringOptions.missingCredentialFactor). `standard`: a
 * quality, safety or food system a posting asks the person to know (ISO 9001, GMP), which is
 * knowledge, not something held.
 */
export const SKILL_KINDS = ['skill', 'occupation', 'certificate', 'license', 'standard', 'tool', 'language', 'condition'] as const;

const phraseList = z.array(z.string().trim().min(1).max(100)).max(200).default([]);

export const skillEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)').max(80),
  kind: z.enum(SKILL_KINDS),
  name: z.object({ id: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }),
  aliases: phraseList,
  abbreviations: phraseList,
  broader: z.string().nullable().default(null),
  /** Work of the same job family under another broader entry, read both ways: packing and warehouse helper. */
  related: z.array(z.string()).max(20).default([]),
  /** Credentials a holder of this one also holds: SIM B2 implies SIM B1 and SIM A. */
  implies: z.array(z.string()).max(20).default([]),
  /**
   * Words that name this occupation only as a whole answer about the work someone wants:
   * "produksi" asked for is production-operator work, but "jadwal produksi" in a posting is not.
   */
  positions: phraseList,
  category: z.string().trim().min(1).max(60),
});
export type SkillEntry = z.infer<typeof skillEntrySchema>;

/** Every phrase that names the entry, normalised; names first so they win ties in display. */
export function surfaceForms(entry: SkillEntry): string[] {
  const all = [entry.name.id, entry.name.en, ...entry.aliases, ...entry.abbreviations];
  return [...new Set(all.map((p) => normalizeText(p)).filter((p) => p !== ''))];
}

/** A phrase as the tokenizer compares whole answers: normalised, filler words dropped ("bagian produksi" is "produksi"). */
export function answerKey(phrase: string): string {
  return chatWords(normalizeText(phrase)).join(' ');
}

/** Duplicate ids, one phrase naming two entries, dangling or cyclic `broader` links. */
export function findDictionaryProblems(entries: readonly SkillEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.id)) problems.push(`duplicate id "${e.id}"`);
    ids.add(e.id);
  }
  const owner = new Map<string, string>();
  for (const e of entries) {
    // Phrases are compared as the tokenizer reads them: "bisa las" is "las".
    for (const form of new Set(surfaceForms(e).map((f) => chatWords(f).join(' ')).filter((f) => f !== ''))) {
      const other = owner.get(form);
      if (other !== undefined && other !== e.id) problems.push(`phrase "${form}" names both "${other}" and "${e.id}"`);
      else owner.set(form, e.id);
    }
  }
  const positionOwner = new Map<string, string>();
  for (const e of entries) {
    for (const key of new Set(e.positions.map(answerKey))) {
      const other = positionOwner.get(key) ?? owner.get(key);
      if (other !== undefined && other !== e.id) problems.push(`position "${key}" names both "${other}" and "${e.id}"`);
      else positionOwner.set(key, e.id);
    }
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    for (const id of e.implies) if (!byId.has(id) || id === e.id) problems.push(`"${e.id}".implies: unknown id "${id}"`);
    for (const id of e.related) if (!byId.has(id) || id === e.id) problems.push(`"${e.id}".related: unknown id "${id}"`);
    if (e.broader === null) continue;
    if (!byId.has(e.broader)) problems.push(`"${e.id}".broader: unknown id "${e.broader}"`);
    const seen = new Set([e.id]);
    for (let up = byId.get(e.broader); up !== undefined; up = up.broader === null ? undefined : byId.get(up.broader)) {
      if (seen.has(up.id)) {
        problems.push(`"${e.id}".broader: cycle through "${up.id}"`);
        break;
      }
      seen.add(up.id);
    }
  }
  return problems;
}

/** Canonical skills, occupations, certificates, licences, tools and languages, with their hierarchy. */
export class SkillsDictionary {
  private readonly byId: ReadonlyMap<string, SkillEntry>;
  private readonly narrower = new Map<string, string[]>();
  private readonly ancestorCache = new Map<string, readonly string[]>();
  private readonly descendantCache = new Map<string, readonly string[]>();
  private readonly impliedCache = new Map<string, readonly string[]>();
  private readonly siblingCache = new Map<string, readonly string[]>();
  private readonly relatedTo = new Map<string, Set<string>>();
  private readonly byPosition = new Map<string, string>();

  /** @throws MatchingDataError when the entries break an invariant of {@link findDictionaryProblems}. */
  constructor(readonly entries: readonly SkillEntry[], source = 'skills dictionary') {
    const problems = findDictionaryProblems(entries);
    if (problems.length > 0) throw new MatchingDataError(source, problems);
    this.byId = new Map(entries.map((e) => [e.id, e]));
    for (const e of entries) for (const phrase of e.positions) this.byPosition.set(answerKey(phrase), e.id);
    for (const e of entries) {
      for (const other of e.related) {
        for (const [a, b] of [[e.id, other], [other, e.id]] as const) (this.relatedTo.get(a) ?? this.relatedTo.set(a, new Set()).get(a)!).add(b);
      }
      if (e.broader === null) continue;
      const list = this.narrower.get(e.broader) ?? [];
      list.push(e.id);
      this.narrower.set(e.broader, list);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SkillEntry | undefined {
    return this.byId.get(id);
  }

  /** The occupation a whole wanted-position answer names by a position word alone ("bagian produksi"). */
  position(answer: string): string | undefined {
    return this.byPosition.get(answerKey(answer));
  }

  /** The entry's name in `locale`; a free token shows its word; an unknown id shows itself. */
  displayName(id: string, locale: MatchLocale): string {
    const entry = this.byId.get(id);
    if (entry !== undefined) return entry.name[locale];
    return id.startsWith('free:') ? id.slice(5) : id;
  }

  /** More general entries, nearest first: welding-smaw → [welding, …]. */
  ancestors(id: string): readonly string[] {
    let cached = this.ancestorCache.get(id);
    if (cached === undefined) {
      const out: string[] = [];
      for (let up = this.byId.get(id)?.broader ?? null; up !== null; up = this.byId.get(up)?.broader ?? null) out.push(up);
      cached = out;
      this.ancestorCache.set(id, cached);
    }
    return cached;
  }

  /** Credentials held along with this one, and their broader entries: sim-b2 → [sim-b1, sim-a, driving-license]. */
  implied(id: string): readonly string[] {
    let cached = this.impliedCache.get(id);
    if (cached === undefined) {
      const out = new Set<string>();
      for (const direct of this.byId.get(id)?.implies ?? []) {
        out.add(direct);
        for (const up of this.ancestors(direct)) out.add(up);
      }
      cached = [...out].filter((other) => other !== id && !this.ancestors(id).includes(other));
      this.impliedCache.set(id, cached);
    }
    return cached;
  }

  /**
   * Work next to this: entries with the same broader entry (welding-smaw → [welding-tig, …]) and
   * the job family it is `related` to, either way, with their narrower entries (packing → [warehouse,
   * picker, checker, …]).
   */
  siblings(id: string): readonly string[] {
    let cached = this.siblingCache.get(id);
    if (cached === undefined) {
      const parent = this.byId.get(id)?.broader ?? null;
      const out = new Set(parent === null ? [] : (this.narrower.get(parent) ?? []));
      for (const other of this.relatedTo.get(id) ?? []) for (const entry of [other, ...this.descendants(other)]) out.add(entry);
      out.delete(id);
      cached = [...out];
      this.siblingCache.set(id, cached);
    }
    return cached;
  }

  /** Every more specific entry, at any depth: welding → [welding-smaw, welding-tig, …]. */
  descendants(id: string): readonly string[] {
    let cached = this.descendantCache.get(id);
    if (cached === undefined) {
      const out: string[] = [];
      const stack = [...(this.narrower.get(id) ?? [])];
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        out.push(next);
        stack.push(...(this.narrower.get(next) ?? []));
      }
      cached = out;
      this.descendantCache.set(id, cached);
    }
    return cached;
  }
}

/** Parses and validates a skills dictionary from YAML text (a list of entries). */
export function parseSkillsDictionary(yamlText: string, source = 'skills.yaml'): SkillsDictionary {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (cause) {
    throw new MatchingDataError(source, [`not valid YAML: ${(cause as Error).message}`], { cause });
  }
  const parsed = z.array(skillEntrySchema).min(1).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new MatchingDataError(source, problems);
  }
  return new SkillsDictionary(parsed.data, source);
}
