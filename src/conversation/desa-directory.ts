import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { LokerError } from '../errors/index.js';
import { projectRoot } from '../project-root.js';

// Loaded by path, as the matcher loads natural's parts: natural's index also loads storage
// backends that print on stdout.
const require = createRequire(import.meta.url);
const { DamerauLevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistance: (a: string, b: string, options?: { restricted?: boolean }) => number;
};

const fileSchema = z.object({
  source: z.string().min(1),
  desa: z.record(z.string().min(1), z.array(z.string().trim().min(1).max(60)).min(1)),
});

/** Words written before a desa's name: "Desa Karangasih", "Kel. Jatimulya". */
const PREFIX = /^(?:desa|ds|kelurahan|kel|kampung|kp)\.?\s+/;

/** A name as compared: lowercase letters only, so "Karang Asih" is "Karangasih". */
const key = (name: string): string => name.toLowerCase().replace(PREFIX, '').replace(/[^a-z]/g, '');

/**
 * The desa and kelurahan of each kecamatan where the list is known (`reference/desa.json`: those
 * of Kabupaten Bekasi, from the Kepmendagri list of administrative areas). Finds a typed name with
 * or without spaces or a "desa"/"kel." in front, and forgives one slip (two in long names).
 */
export class DesaDirectory {
  private readonly byKecamatan: ReadonlyMap<string, readonly string[]>;

  constructor(lists: Readonly<Record<string, readonly string[]>>) {
    this.byKecamatan = new Map(Object.entries(lists));
  }

  /** The desa of `kecamatan`, sorted, or undefined where the list is not known (outside Kabupaten Bekasi). */
  of(kecamatan: string): readonly string[] | undefined {
    return this.byKecamatan.get(kecamatan);
  }

  /** The desa of `kecamatan` that `text` names, or undefined. */
  find(kecamatan: string, text: string): string | undefined {
    const list = this.of(kecamatan) ?? [];
    const typed = key(text.trim());
    if (typed === '') return undefined;
    const exact = list.find((name) => key(name) === typed);
    if (exact) return exact;
    const budget = typed.length >= 9 ? 2 : typed.length >= 5 ? 1 : 0;
    const near = list.filter((name) => DamerauLevenshteinDistance(typed, key(name), { restricted: true }) <= budget);
    return near.length === 1 ? near[0] : undefined;
  }
}

/** Reads `reference/desa.json` (or `file`). Throws a LokerError saying what is wrong with it. */
export function loadDesaDirectory(file = path.join(projectRoot(), 'reference', 'desa.json')): DesaDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new LokerError('loker:reference-invalid', `${file}: cannot read the desa list`, { cause });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new LokerError('loker:reference-invalid', `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return new DesaDirectory(parsed.data.desa);
}
