import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_HANDLERS, FlowDefinitionError, loadFlows, Locales } from '../../src/conversation/index.js';
import { handlerIds } from '../../src/conversation/handlers.js';
import { JOB_SEARCH_ANSWERS } from '../../src/conversation/alert-choices.js';
import { APPLICATION_STATUSES, JOB_SEARCH_STATES, TRAINING_KINDS } from '../../src/domain/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HANDLERS = handlerIds(FLOW_HANDLERS);

function readLocale(locale: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', `${locale}.json`), 'utf8')) as Record<string, string>;
}

const KEY = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+$/;
/** The start of a key built in a template, such as `applications.status.${status}`. */
const KEY_PREFIX = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.$/;

/** The values a template key is built from, by its literal start. A new template key must be added here. */
const TEMPLATE_KEY_VALUES: Readonly<Record<string, readonly string[]>> = {
  'applications.status.': APPLICATION_STATUSES,
  'job-search.answer.': JOB_SEARCH_ANSWERS,
  'job-search.recorded.': JOB_SEARCH_ANSWERS,
  'job-search.status.': JOB_SEARCH_STATES,
  'training.kind.': TRAINING_KINDS,
};

interface KeyUse {
  readonly key: string;
  readonly where: string;
}

/**
 * Every string in the code shaped like a locale key, wherever it is written: a `ctx.t('…')`
 * argument, an object literal (`{ label: 'profile.field.name' }`), an array or map of keys, a
 * conditional, or a template key expanded over its known values. What is shaped like a key but
 * is not one is left out by what it is, not by a list of names: module specifiers, file names,
 * and audit actions (`action: 'seeker.erase'`), which name events, not texts.
 */
function keysUsedInCode(): { keys: KeyUse[]; unknownTemplates: string[] } {
  const found = [...sourceFiles('src/conversation'), ...sourceFiles('src/channels')].map((file) => localeKeysIn(fs.readFileSync(file, 'utf8'), path.relative(ROOT, file)));
  return { keys: found.flatMap((f) => f.keys), unknownTemplates: found.flatMap((f) => f.unknownTemplates) };
}

function localeKeysIn(text: string, file: string): { keys: KeyUse[]; unknownTemplates: string[] } {
  const keys: KeyUse[] = [];
  const unknownTemplates: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && KEY.test(node.text) && !notALocaleKey(node)) {
      keys.push({ key: node.text, where: where(node) });
    }
    if (ts.isTemplateExpression(node) && KEY_PREFIX.test(node.head.text) && node.templateSpans.every((span) => span.literal.text === '')) {
      const values = TEMPLATE_KEY_VALUES[node.head.text];
      if (values) for (const value of values) keys.push({ key: `${node.head.text}${value}`, where: where(node) });
      else unknownTemplates.push(`${where(node)}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { keys, unknownTemplates };
}

function notALocaleKey(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && parent.name.text === 'action') return true;
  return /\.(?:html|css|js|json|ts|yaml|zip)$/.test(node.text);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [path.join(ROOT, relative)] : [];
  });
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

  it('hold, in both languages, every locale key the conversation and channel code writes', () => {
    const locales = Locales.load(path.join(ROOT, 'locales'));
    const { keys, unknownTemplates } = keysUsedInCode();
    expect(unknownTemplates, 'template keys without their values in TEMPLATE_KEY_VALUES').toEqual([]);
    expect(keys.filter((use) => !locales.has(use.key)).map((use) => `${use.where}: ${use.key}`)).toEqual([]);
  });

  it('finds keys in object literals, arrays, maps, conditionals and templates, not only in t() calls', () => {
    const source = [
      "import { x } from 'whatsapp-web.js';",
      "const FIELDS = [{ id: 'name', label: 'profile.field.name' }];",
      "const KEYS = ['channel.edited-ignored', 'channel.group-refusal'];",
      "const LABELS: Record<string, string> = { PKWT: 'jobtype.pkwt' };",
      "ctx.t(done ? 'sub.mode.daily' : 'sub.mode.instant');",
      'ctx.t(`applications.status.${status}`);',
      'ctx.t(`search.${what}`);',
      "audit.record({ action: 'seeker.erase' });",
      "send('chat.html');",
      "const { id } = { id: 'only-an-id' };",
    ].join('\n');
    const { keys, unknownTemplates } = localeKeysIn(source, 'example.ts');
    expect(keys.map((use) => use.key)).toEqual([
      'profile.field.name',
      'channel.edited-ignored',
      'channel.group-refusal',
      'jobtype.pkwt',
      'sub.mode.daily',
      'sub.mode.instant',
      ...APPLICATION_STATUSES.map((status) => `applications.status.${status}`),
    ]);
    expect(keys[0]?.where).toBe('example.ts:2');
    expect(unknownTemplates).toEqual(['example.ts:7: `search.${what}`']);
  });

  it('finds the keys the real code writes outside t() calls', () => {
    const found = new Set(keysUsedInCode().keys.map((use) => use.key));
    // profile.ts: the editable fields; inputs.ts: the employment type labels; adapter-strings.ts: an array.
    for (const key of ['profile.field.name', 'jobtype.pkwtt', 'channel.edited-ignored']) expect(found).toContain(key);
  });

  it('hold every text the channel adapters answer by themselves', async () => {
    const { ADAPTER_STRING_KEYS } = await import('../../src/channels/adapter-strings.js');
    const locales = Locales.load(path.join(ROOT, 'locales'));
    expect(ADAPTER_STRING_KEYS.filter((key) => !locales.has(key))).toEqual([]);
  });

  it('hold a text for every application status', () => {
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
    expect([...flows.keys()].sort()).toEqual(['applications', 'delete', 'help', 'job-search', 'language', 'leave-draft', 'menu', 'profile', 'registration', 'report', 'search', 'subscribe', 'training', 'welcome']);
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
