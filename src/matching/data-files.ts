import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { MatchingDataError } from './errors.js';
import { parseKecamatanTable, type KecamatanTable } from './kecamatan.js';
import { MajorTable } from './majors.js';
import { Matcher, type MatcherOptions } from './matcher.js';
import { OccupationCodes } from './occupation-codes.js';
import { parseSkillsDictionary, type SkillsDictionary } from './skills-dictionary.js';

/*
 * The one place matching touches the disk: reading its reference data files at start. Everything else
 * in the module takes parsed data, so tests and the benchmark can build engines in memory.
 */

/** The repository's reference data: `reference/skills.yaml` and `reference/kecamatan.json`. */
export function defaultDataDir(): string {
  return join(projectRoot(), 'reference');
}

export function loadSkillsDictionary(path = join(defaultDataDir(), 'skills.yaml')): SkillsDictionary {
  return parseSkillsDictionary(readFileSync(path, 'utf8'), path);
}

export function loadKecamatanTable(path = join(defaultDataDir(), 'kecamatan.json')): KecamatanTable {
  return parseKecamatanTable(readJson(path), path);
}

/** `reference/majors.json`: the school majors postings ask for and people name. */
export function loadMajorTable(path = join(defaultDataDir(), 'majors.json')): MajorTable {
  return MajorTable.parse(readJson(path), path);
}

/** `reference/kbji.json`: KBJI codes of the dictionary's occupations, checked against `dictionary`. */
export function loadOccupationCodes(dictionary: Pick<SkillsDictionary, 'get'>, path = join(defaultDataDir(), 'kbji.json')): OccupationCodes {
  return OccupationCodes.parse(readJson(path), dictionary, path);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new MatchingDataError(path, [`not readable JSON: ${(cause as Error).message}`], { cause });
  }
}

/** A matcher over the repository's skills dictionary, kecamatan table and majors (or those in `dataDir`). */
export function createDefaultMatcher(options: MatcherOptions = {}, dataDir = defaultDataDir()): Matcher {
  return new Matcher(loadSkillsDictionary(join(dataDir, 'skills.yaml')), loadKecamatanTable(join(dataDir, 'kecamatan.json')), {
    majors: loadMajorTable(join(dataDir, 'majors.json')),
    ...options,
  });
}
