import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_HANDLERS, FlowDefinitionError, loadFlows, Locales } from '../../src/conversation/index.js';
import { handlerIds } from '../../src/conversation/handlers.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HANDLERS = handlerIds(FLOW_HANDLERS);

function readLocale(locale: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', `${locale}.json`), 'utf8')) as Record<string, string>;
}

/** Locale keys the code uses outside the flow files (`ctx.t('…')` and template keys). */
function keysUsedInCode(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const source = fs.readFileSync(full, 'utf8');
        for (const match of source.matchAll(/\bt\(\s*'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'/g)) if (match[1]) keys.add(match[1]);
        // Keys picked in a conditional: ctx.t(x ? 'a.b' : 'c.d').
        for (const match of source.matchAll(/\?\s*'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'\s*:\s*'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'/g)) {
          if (match[1]) keys.add(match[1]);
          if (match[2]) keys.add(match[2]);
        }
      }
    }
  };
  walk(path.join(ROOT, 'src/conversation'));
  return keys;
}

describe('locale files', () => {
  it('have exactly the same keys in Indonesian and English', () => {
    const id = Object.keys(readLocale('id')).sort();
    const en = Object.keys(readLocale('en')).sort();
    expect(id.filter((k) => !en.includes(k)), 'keys only in id.json').toEqual([]);
    expect(en.filter((k) => !id.includes(k)), 'keys only in en.json').toEqual([]);
  });

  it('use the same {placeholders} for a key in both languages', () => {
    const id = readLocale('id');
    const en = readLocale('en');
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(id)) expect(names(en[key] ?? ''), key).toEqual(names(id[key] ?? ''));
  });

  it('have no empty texts', () => {
    for (const locale of ['id', 'en']) {
      for (const [key, text] of Object.entries(readLocale(locale))) expect(text.trim(), `${locale}:${key}`).not.toBe('');
    }
  });

  it('hold every key the conversation code asks for', () => {
    const locales = Locales.load(path.join(ROOT, 'locales'));
    const missing = [...keysUsedInCode()].filter((key) => !locales.has(key));
    expect(missing).toEqual([]);
  });

  it('hold every text the channel adapters answer by themselves', async () => {
    const { ADAPTER_STRING_KEYS } = await import('../../src/channels/adapter-strings.js');
    const locales = Locales.load(path.join(ROOT, 'locales'));
    expect(ADAPTER_STRING_KEYS.filter((key) => !locales.has(key))).toEqual([]);
  });

  it('hold a text for every application status', async () => {
    const { APPLICATION_STATUSES } = await import('../../src/domain/application.js');
    const locales = Locales.load(path.join(ROOT, 'locales'));
    for (const status of APPLICATION_STATUSES) expect(locales.has(`applications.status.${status}`), status).toBe(true);
  });
});

describe('loadFlows', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A temp project: the real locales and the given flow files. */
  function project(files: Record<string, string>): { flows: string; locales: Locales } {
    const dir = tempDir('lokerbot-flows');
    dirs.push(dir);
    const flows = path.join(dir, 'flows');
    fs.mkdirSync(flows);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(flows, name), text);
    return { flows, locales: Locales.load(path.join(ROOT, 'locales')) };
  }

  function problemsOf(files: Record<string, string>): string[] {
    const { flows, locales } = project(files);
    try {
      loadFlows({ dir: flows, locales, handlerIds: HANDLERS });
    } catch (error) {
      expect(error).toBeInstanceOf(FlowDefinitionError);
      return [...(error as FlowDefinitionError).problems];
    }
    throw new Error('expected loadFlows to fail');
  }

  it('loads the real flows', () => {
    const flows = loadFlows({ dir: path.join(ROOT, 'flows'), locales: Locales.load(path.join(ROOT, 'locales')), handlerIds: HANDLERS });
    expect([...flows.keys()].sort()).toEqual(['applications', 'delete', 'help', 'language', 'menu', 'profile', 'registration', 'search', 'subscribe', 'welcome']);
  });

  it('names the file and line of an unknown step reference', () => {
    const problems = problemsOf({
      'broken.yaml': ['id: broken', 'steps:', '  - id: first', '    prompt: reg.name.prompt', '    input: text', '    next: nowhere', ''].join('\n'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^flows\/broken\.yaml:6: .*"nowhere"/);
  });

  it('names the file and line of a branch to an unknown step', () => {
    const problems = problemsOf({
      'branchy.yaml': [
        'id: branchy',
        'steps:',
        '  - id: ask',
        '    prompt: reg.ktp.prompt',
        '    input: yes-no',
        '    save: ok',
        '    next:',
        '      - when: { ok: true }',
        '        goto: ask',
        '      - goto: missing-step',
        '',
      ].join('\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/^flows\/branchy\.yaml:10: .*"missing-step"/)]);
  });

  it('names the file and line of a locale key no locale file has', () => {
    const problems = problemsOf({
      'a-ok.yaml': ['id: fine', 'steps:', '  - id: only', '    prompt: reg.name.prompt', '    input: text', ''].join('\n'),
      'keys.yaml': ['id: keys', 'steps:', '  - id: only', '    prompt: reg.name.prompt', '    input: text', '    help: reg.nothing.here', ''].join('\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/^flows\/keys\.yaml:6: .*"reg\.nothing\.here"/)]);
  });

  it('names the file and line of a choice label no locale file has', () => {
    const problems = problemsOf({
      'choices.yaml': ['id: choices', 'steps:', '  - id: pick', '    prompt: menu.prompt', '    input: choice', '    choices:', '      - { id: a, label: menu.search }', '      - { id: b, label: menu.nope }', ''].join('\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/^flows\/choices\.yaml:8: .*"menu\.nope"/)]);
  });

  it('refuses a key that only one locale file has', () => {
    const { flows } = project({ 'one.yaml': ['id: one', 'steps:', '  - id: only', '    prompt: only.in-id', '    input: text', ''].join('\n') });
    const locales = new Locales({ id: { 'only.in-id': 'Halo' }, en: {} });
    expect(() => loadFlows({ dir: flows, locales, handlerIds: HANDLERS })).toThrow(/flows\/one\.yaml:4: .*"only\.in-id"/);
  });

  it('names the file and line of an unknown handler', () => {
    const problems = problemsOf({
      'handlers.yaml': ['id: handlers', 'steps:', '  - id: custom', '    prompt: menu.prompt', '    input: custom', '    handler: does-not-exist', 'complete: save-registration', ''].join('\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/^flows\/handlers\.yaml:6: .*"does-not-exist"/)]);
  });

  it('names the file and line of a misspelt field', () => {
    const problems = problemsOf({ 'typo.yaml': ['id: typo', 'steps:', '  - id: only', '    prompt: menu.prompt', '    inptu: text', ''].join('\n') });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/flows\/typo\.yaml:3:/);
  });

  it('refuses the same trigger in two flows', () => {
    const problems = problemsOf({
      'one.yaml': ['id: one', 'triggers: [cari]', 'steps:', '  - id: s', '    prompt: menu.prompt', '    input: none', ''].join('\n'),
      'two.yaml': ['id: two', 'triggers: [Cari]', 'steps:', '  - id: s', '    prompt: menu.prompt', '    input: none', ''].join('\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/trigger "Cari" is used by both "one" and "two"/)]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      'many.yaml': ['id: many', 'steps:', '  - id: a', '    prompt: no.such-key', '    input: custom', '    handler: nope', '    next: b', ''].join('\n'),
    });
    expect(problems).toHaveLength(3);
  });
});
