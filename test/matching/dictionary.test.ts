import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultDataDir, findDictionaryProblems, loadSkillsDictionary, MatchingDataError, parseSkillsDictionary, SKILL_KINDS, skillEntrySchema, type SkillEntry } from '../../src/matching/index.js';

const path = join(defaultDataDir(), 'skills.yaml');
const entries = z.array(skillEntrySchema).parse(parse(readFileSync(path, 'utf8')));

describe('reference/skills.yaml', () => {
  it('holds at least 300 entries of every kind', () => {
    expect(entries.length).toBeGreaterThanOrEqual(300);
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(SKILL_KINDS));
  });

  it('lists no misspellings: typos are the tokenizer’s business', () => {
    expect(readFileSync(path, 'utf8')).not.toMatch(/^\s*misspellings:/m);
  });

  it('has unique ids, no phrase under two entries, and broader links that exist without cycles', () => {
    expect(findDictionaryProblems(entries)).toEqual([]);
  });

  it('knows the Bekasi basics: welding variants, satpam, sopir, forklift', () => {
    const dictionary = parseSkillsDictionary(readFileSync(path, 'utf8'));
    for (const id of ['welding', 'welding-smaw', 'security', 'driver', 'forklift']) expect(dictionary.get(id)).toBeDefined();
    expect(dictionary.ancestors('welding-smaw')).toContain('welding');
    expect(dictionary.descendants('welding')).toContain('welding-tig');
  });
});

describe('dictionary validation', () => {
  const base: Pick<SkillEntry, 'kind' | 'aliases' | 'abbreviations' | 'implies' | 'related' | 'positions' | 'category'> = {
    kind: 'skill',
    aliases: [],
    abbreviations: [],
    implies: [],
    related: [],
    positions: [],
    category: 'x',
  };

  it('reports an alias claimed by two entries', () => {
    const problems = findDictionaryProblems([
      { ...base, id: 'a', name: { id: 'A', en: 'A' }, aliases: ['las'], broader: null },
      { ...base, id: 'b', name: { id: 'B', en: 'B' }, aliases: ['LAS'], broader: null },
    ]);
    expect(problems).toEqual(['phrase "las" names both "a" and "b"']);
  });

  it('reports a position word claimed by two entries, or one that is another entry\'s phrase', () => {
    const problems = findDictionaryProblems([
      { ...base, id: 'a', name: { id: 'A', en: 'A' }, aliases: ['kurir'], positions: ['delivery'], broader: null },
      { ...base, id: 'b', name: { id: 'B', en: 'B' }, positions: ['Delivery', 'kurir'], broader: null },
    ]);
    expect(problems).toEqual(['position "delivery" names both "a" and "b"', 'position "kurir" names both "a" and "b"']);
  });

  it('reports related links to unknown entries or to the entry itself', () => {
    const problems = findDictionaryProblems([
      { ...base, id: 'a', name: { id: 'A', en: 'A' }, related: ['b', 'zz'], broader: null },
      { ...base, id: 'b', name: { id: 'B', en: 'B' }, related: ['b'], broader: null },
    ]);
    expect(problems).toEqual(['"a".related: unknown id "zz"', '"b".related: unknown id "b"']);
  });

  it('reads related work both ways, with its narrower entries, as work next to an entry', () => {
    const dictionary = loadSkillsDictionary();
    expect(dictionary.siblings('packing')).toEqual(expect.arrayContaining(['helper-produksi', 'warehouse', 'picker', 'loading-unloading']));
    expect(dictionary.siblings('warehouse')).toEqual(expect.arrayContaining(['packing', 'helper-produksi', 'material-handling', 'forklift']));
    expect(dictionary.siblings('welding-smaw')).toEqual(expect.arrayContaining(['welding-tig']));
    expect(dictionary.siblings('welding-smaw')).not.toContain('welding-smaw');
  });

  it('reports duplicate ids, dangling and cyclic broader links', () => {
    const problems = findDictionaryProblems([
      { ...base, id: 'a', name: { id: 'A', en: 'A' }, broader: 'b' },
      { ...base, id: 'b', name: { id: 'B', en: 'B' }, broader: 'a' },
      { ...base, id: 'b', name: { id: 'B2', en: 'B2' }, broader: 'zz' },
    ]);
    expect(problems).toEqual(expect.arrayContaining(['duplicate id "b"', '"b".broader: unknown id "zz"']));
    expect(problems.some((p) => p.includes('cycle'))).toBe(true);
  });

  it('rejects a malformed file with every problem listed', () => {
    expect(() => parseSkillsDictionary('- id: Bad Id\n  kind: skill\n')).toThrow(MatchingDataError);
    expect(() => parseSkillsDictionary(': : :')).toThrow(/skills.yaml/);
  });
});
