import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { LokerError } from '../errors/index.js';
import { flowSchema, type FlowDefinition, type StepDefinition } from './flow-schema.js';
import type { Locales } from './i18n.js';

/** A flow file that cannot run: names the file and line of each problem. */
export class FlowDefinitionError extends LokerError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('loker:flow-invalid', `Invalid flow definitions:\n${problems.join('\n')}`, { unrecoverable: true });
    this.problems = problems;
  }
}

export interface FlowCatalogueOptions {
  readonly dir: string;
  readonly locales: Locales;
  /** Handler ids the code provides (render, handler and complete). */
  readonly handlerIds: ReadonlySet<string>;
}

/** Loads every `*.yaml` in the flows directory and checks every reference before the service starts. */
export function loadFlows(options: FlowCatalogueOptions): Map<string, FlowDefinition> {
  const problems: string[] = [];
  const flows = new Map<string, FlowDefinition>();
  const files = fs.readdirSync(options.dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    const full = path.join(options.dir, file);
    const lines = new LineCounter();
    const doc = parseDocument(fs.readFileSync(full, 'utf8'), { lineCounter: lines, prettyErrors: false });
    const where = (p: readonly (string | number)[]) => `${path.join(path.basename(options.dir), file)}:${lineOf(doc, lines, p)}`;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${where([])}: ${e.message}`);
      continue;
    }
    const parsed = flowSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where(issue.path as (string | number)[])}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (flows.has(parsed.data.id)) problems.push(`${where(['id'])}: flow id "${parsed.data.id}" is used twice`);
    problems.push(...checkFlow(parsed.data, options, where));
    flows.set(parsed.data.id, parsed.data);
  }
  problems.push(...checkTriggers([...flows.values()]));
  if (problems.length > 0) throw new FlowDefinitionError(problems);
  return flows;
}

type Where = (p: readonly (string | number)[]) => string;

function checkFlow(flow: FlowDefinition, options: FlowCatalogueOptions, where: Where): string[] {
  const problems: string[] = [];
  const stepIds = new Set<string>();
  const key = (k: string | undefined, p: (string | number)[]) => {
    if (k !== undefined && !options.locales.has(k)) problems.push(`${where(p)}: locale key "${k}" is missing from a locale file`);
  };
  const handler = (h: string | undefined, p: (string | number)[]) => {
    if (h !== undefined && !options.handlerIds.has(h)) problems.push(`${where(p)}: unknown handler "${h}"`);
  };
  handler(flow.complete, ['complete']);
  flow.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) problems.push(`${where(['steps', i, 'id'])}: step id "${step.id}" is used twice`);
    stepIds.add(step.id);
    key(step.prompt, ['steps', i, 'prompt']);
    key(step.help, ['steps', i, 'help']);
    step.choices?.forEach((c, j) => key(c.label, ['steps', i, 'choices', j, 'label']));
    handler(step.render, ['steps', i, 'render']);
    handler(step.handler, ['steps', i, 'handler']);
    problems.push(...checkStepShape(step, (p) => where(['steps', i, ...p])));
  });
  flow.steps.forEach((step, i) => {
    for (const [target, p] of nextTargets(step)) {
      if (target !== 'end' && !stepIds.has(target)) problems.push(`${where(['steps', i, 'next', ...p])}: next step "${target}" does not exist in flow "${flow.id}"`);
    }
  });
  return problems;
}

function checkStepShape(step: StepDefinition, where: Where): string[] {
  const problems: string[] = [];
  if (!step.prompt && !step.render) problems.push(`${where(['id'])}: step "${step.id}" needs a prompt or a render handler`);
  const needsChoices = step.input === 'choice' || step.input === 'multi-choice';
  if (needsChoices && !step.choices && !step.choicesFrom) problems.push(`${where(['input'])}: ${step.input} step "${step.id}" needs choices or choicesFrom`);
  if (step.input === 'custom' && !step.handler) problems.push(`${where(['input'])}: custom step "${step.id}" needs a handler`);
  return problems;
}

function nextTargets(step: StepDefinition): [string, (string | number)[]][] {
  if (step.next === undefined) return [];
  if (typeof step.next === 'string') return [[step.next, []]];
  return step.next.map((branch, j) => [branch.goto, [j, 'goto']]);
}

function checkTriggers(flows: readonly FlowDefinition[]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const flow of flows) {
    for (const trigger of flow.triggers) {
      const word = trigger.toLowerCase();
      const other = owner.get(word);
      if (other && other !== flow.id) problems.push(`flows: trigger "${trigger}" is used by both "${other}" and "${flow.id}"`);
      owner.set(word, flow.id);
    }
  }
  return problems;
}

function lineOf(doc: Document, lines: LineCounter, p: readonly (string | number)[]): number {
  // Walk up the path until a node with a source position is found.
  for (let depth = p.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(p.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}
