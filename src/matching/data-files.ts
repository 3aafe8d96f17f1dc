import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchingDataError } from './errors.js';
import { parseKecamatanTable, type KecamatanTable } from './kecamatan.js';
import { Matcher, type MatcherOptions } from './matcher.js';
import { parseSkillsDictionary, type SkillsDictionary } from './skills-dictionary.js';

/*
 * The one place matching touches the disk: reading its two data files at start. Everything else
 * in the module takes parsed data, so tests and the benchmark can build engines in memory.
 */

/**
 * The repository's `data/` directory, found by walking up from this file: the same code runs
 * from src/ under tsx and from dist/ after a build, at different depths.
 */
export function defaultDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'skills.yaml'))) return join(dir, 'data');
    dir = resolve(dir, '..');
  }
  throw new MatchingDataError('data directory', ['no data/skills.yaml above ' + dirname(fileURLToPath(import.meta.url))]);
}

export function loadSkillsDictionary(path = join(defaultDataDir(), 'skills.yaml')): SkillsDictionary {
  return parseSkillsDictionary(readFileSync(path, 'utf8'), path);
}

export function loadKecamatanTable(path = join(defaultDataDir(), 'kecamatan.json')): KecamatanTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new MatchingDataError(path, [`not readable JSON: ${(cause as Error).message}`], { cause });
  }
  return parseKecamatanTable(raw, path);
}

/** A matcher over the repository's skills dictionary and kecamatan table (or those in `dataDir`). */
export function createDefaultMatcher(options: MatcherOptions = {}, dataDir = defaultDataDir()): Matcher {
  return new Matcher(loadSkillsDictionary(join(dataDir, 'skills.yaml')), loadKecamatanTable(join(dataDir, 'kecamatan.json')), options);
}
