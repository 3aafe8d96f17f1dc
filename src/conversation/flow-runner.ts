import { LokerError } from '../errors/index.js';
import type { Condition, FlowDefinition, StepDefinition } from './flow-schema.js';
import type { FlowHandlers, StepOutcome, TurnContext } from './handlers.js';
import { findChoice, parseAnswer, type ParseResult, type ResolvedChoice } from './inputs.js';
import type { Outbound } from './message.js';
import { findStep, renderStep, SKIP_CHOICE, stepChoices } from './prompts.js';
import { holdsDraft, keepDraft } from './drafts.js';
import { leaveFlow } from './state-store.js';

/** The flow that asks whether to leave a half-finished draft (flows/leave-draft.yaml). */
export const LEAVE_DRAFT_FLOW = 'leave-draft';

/**
 * Moves one person through the steps of a flow: shows prompts, reads answers, branches,
 * goes back, and runs the flow's completion handler. Works on the state in the context;
 * the engine saves it only when the whole turn succeeded.
 */
export class FlowRunner {
  constructor(
    private readonly flows: ReadonlyMap<string, FlowDefinition>,
    private readonly handlers: FlowHandlers,
  ) {}

  flow(id: string): FlowDefinition | undefined {
    return this.flows.get(id);
  }

  /** Starts `flowId` (at `stepId`, or its first step) and returns its first prompt. */
  async start(ctx: TurnContext, flowId: string, stepId?: string, single = false): Promise<Outbound[]> {
    const flow = this.require(flowId);
    // Every way in (global word, menu, a handler's `then`) passes here, so the privacy notice cannot be skipped.
    if (flow.requires !== 'none' && !ctx.seeker && ctx.state.consentAt === undefined) return this.start(ctx, 'welcome');
    if (flow.requires === 'profile' && !ctx.seeker) {
      return [{ text: ctx.t('profile.required') }, ...(await this.start(ctx, 'registration'))];
    }
    keepDraft(ctx.state, this.flows, ctx.seeker !== undefined);
    const draft = ctx.state.draft;
    if (flow.draft && !single && stepId === undefined && !ctx.seeker && draft?.flow === flow.id) {
      // Back to a half-finished registration: the same step, every answer and the way back.
      Object.assign(ctx.state, { ...draft, single: false, retries: 0, resume: undefined, draft: undefined });
      return [{ text: ctx.t('draft.resumed') }, ...(await this.reprompt(ctx))];
    }
    Object.assign(ctx.state, { flow: flow.id, data: {}, back: [], retries: 0, single, resume: undefined });
    return this.enter(ctx, flow, stepId ?? flow.steps[0]?.id ?? 'end');
  }

  /** Leaves the current flow (cancel, expiry), keeping a half-finished draft first. */
  leave(ctx: TurnContext): void {
    keepDraft(ctx.state, this.flows, ctx.seeker !== undefined);
    leaveFlow(ctx.state);
  }

  /** Whether leaving the current flow would leave answers of a half-finished draft behind (so "menu" asks first). */
  holdsDraft(ctx: TurnContext): boolean {
    return holdsDraft(ctx.state, this.flows, ctx.seeker !== undefined);
  }

  /** Asks whether to leave the half-finished draft; leaving goes on to `target` (a flow id). */
  async askToLeaveDraft(ctx: TurnContext, target: string): Promise<Outbound[]> {
    const replies = await this.interrupt(ctx, LEAVE_DRAFT_FLOW);
    ctx.state.data.target = target;
    return replies;
  }

  /**
   * Opens `stepId` of `flowId` with answers already known, as if the person had walked there: an
   * alert's "Detail" opens the search flow's detail step for its vacancy, with `back` behind it for
   * "kembali". The privacy notice still comes first. The flow's profile requirement does not apply:
   * it guards the flow's way in (results built from a profile), and a step opened this way must do
   * without one, as the detail step does (a subscriber without a profile may read a vacancy).
   */
  async open(ctx: TurnContext, flowId: string, stepId: string, data: Readonly<Record<string, unknown>>, back: readonly string[] = []): Promise<Outbound[]> {
    const flow = this.require(flowId);
    if (flow.requires !== 'none' && !ctx.seeker && ctx.state.consentAt === undefined) return this.start(ctx, 'welcome');
    keepDraft(ctx.state, this.flows, ctx.seeker !== undefined);
    Object.assign(ctx.state, { flow: flow.id, data: { ...data }, back: [...back], retries: 0, single: false, resume: undefined });
    return this.enter(ctx, flow, stepId);
  }

  /**
   * Starts `flowId` as a detour ("bahasa" in the middle of the registration): when it completes,
   * the person is back at the step they left, with their answers.
   */
  async interrupt(ctx: TurnContext, flowId: string): Promise<Outbound[]> {
    const { flow, step, data, back, single } = ctx.state;
    const here = flow !== undefined ? findStep(this.require(flow), step) : undefined;
    // Already asked this question (the welcome's language step, or "bahasa" typed twice): ask it again.
    if (here?.handler !== undefined && here.handler === this.require(flowId).steps[0]?.handler) return this.reprompt(ctx);
    // The menu needs no coming back to.
    const resumable = flow !== undefined && step !== undefined && flow !== 'menu';
    const resume = resumable ? { flow, step, data, back, ...(single ? { single } : {}) } : undefined;
    const replies = await this.start(ctx, flowId);
    if (resume && ctx.state.flow === flowId) ctx.state.resume = resume;
    return replies;
  }

  /** Reads an answer to the current step. */
  async answer(ctx: TurnContext, typed: { text: string; choiceId?: string }): Promise<Outbound[]> {
    let answer = typed;
    const flow = this.require(ctx.state.flow ?? '');
    const step = findStep(flow, ctx.state.step);
    if (!step) return this.start(ctx, flow.id);
    answer = withOfferedChoice(answer, ctx.state.offered, !NUMERIC_INPUTS.has(step.input));
    if (step.input === 'custom') return this.applyOutcome(ctx, flow, step, await this.inputHandler(step)(ctx, answer));
    const parsed: ParseResult =
      answer.choiceId === SKIP_CHOICE && step.optional
        ? { ok: true, value: null }
        : parseAnswer({
            text: answer.text,
            step,
            services: ctx.services,
            choices: stepChoices(step, ctx),
            locale: ctx.locale,
            data: ctx.state.data,
            minimumWage: ctx.minimumWage,
            t: (key, params) => ctx.t(key, params),
            ...(answer.choiceId !== undefined ? { choiceId: answer.choiceId } : {}),
          });
    if (!parsed.ok) return this.retry(ctx, step, parsed);
    ctx.state.data[step.save ?? step.id] = parsed.value;
    return this.advance(ctx, flow, step);
  }

  /** The current step's prompt again, e.g. after "bantuan" or an unsupported message. */
  async reprompt(ctx: TurnContext): Promise<Outbound[]> {
    const flow = this.flows.get(ctx.state.flow ?? '');
    const step = flow && findStep(flow, ctx.state.step);
    return step ? [await this.prompt(ctx, step)] : [];
  }

  helpKey(ctx: TurnContext): string | undefined {
    const flow = this.flows.get(ctx.state.flow ?? '');
    return flow ? findStep(flow, ctx.state.step)?.help : undefined;
  }

  /** "kembali": the previous step of this flow, or undefined when there is none. */
  async back(ctx: TurnContext): Promise<Outbound[] | undefined> {
    const flow = this.flows.get(ctx.state.flow ?? '');
    const previous = ctx.state.back.pop();
    if (!flow || previous === undefined) return undefined;
    ctx.state.retries = 0;
    ctx.state.step = previous;
    return this.reprompt(ctx);
  }

  private async advance(ctx: TurnContext, flow: FlowDefinition, step: StepDefinition): Promise<Outbound[]> {
    ctx.state.back.push(step.id);
    const next = askedStepId(flow, nextStepId(flow, step, ctx.state.data), ctx.state.data);
    // Editing one field ends at the next separate question. A step not asked (the major after SMA) is
    // not that question, and a branch back to a step of this edit (skills read back as wrong) is followed.
    const partOfEdit = (findStep(flow, next)?.continues ?? false) || ctx.state.back.includes(next);
    if (ctx.state.single && !partOfEdit) return this.complete(ctx, flow);
    return this.enter(ctx, flow, next);
  }

  /** Shows `stepId`'s prompt, skipping steps whose condition does not hold and passing `none` steps. */
  private async enter(ctx: TurnContext, flow: FlowDefinition, stepId: string, shown: Outbound[] = []): Promise<Outbound[]> {
    let id = stepId;
    for (let hops = 0; hops <= flow.steps.length; hops++) {
      const step = findStep(flow, id);
      if (!step) return [...shown, ...(await this.complete(ctx, flow))];
      if (step.when && !holds(step.when, ctx.state.data)) {
        id = nextStepId(flow, step, ctx.state.data);
        continue;
      }
      ctx.state.step = step.id;
      ctx.state.retries = 0;
      const prompt = await this.prompt(ctx, step);
      if (step.input !== 'none') return [...shown, prompt];
      shown.push(prompt);
      id = nextStepId(flow, step, ctx.state.data);
    }
    return shown;
  }

  private async complete(ctx: TurnContext, flow: FlowDefinition): Promise<Outbound[]> {
    const handler = flow.complete ? this.handlers.complete[flow.complete] : undefined;
    const result = handler ? await handler(ctx) : { replies: [] };
    // Read after the handler: leaving a draft drops the way back to it.
    const resume = ctx.state.resume;
    // A finished draft flow, or one a detour returns to, has no draft any more.
    if (ctx.state.draft !== undefined && (ctx.state.draft.flow === flow.id || ctx.state.draft.flow === resume?.flow)) ctx.state.draft = undefined;
    leaveFlow(ctx.state);
    if (resume) {
      // The end of a detour: back to the interrupted step, asked again (in the new language).
      Object.assign(ctx.state, { ...resume, single: resume.single, retries: 0 });
      return [...result.replies, ...(await this.reprompt(ctx))];
    }
    if (result.then) return [...result.replies, ...(await this.start(ctx, result.then))];
    return [...result.replies];
  }

  private async applyOutcome(ctx: TurnContext, flow: FlowDefinition, step: StepDefinition, outcome: StepOutcome): Promise<Outbound[]> {
    const replies = [...(outcome.replies ?? [])];
    const next = outcome.startFlow;
    if (typeof next === 'string') return [...replies, ...(await this.start(ctx, next))];
    if (next) return [...replies, ...(await this.start(ctx, next.flow, next.step, next.single))];
    if (outcome.openFlow) return [...replies, ...(await this.open(ctx, outcome.openFlow.flow, outcome.openFlow.step, outcome.openFlow.data))];
    if (outcome.end) return [...replies, ...(await this.complete(ctx, flow))];
    if (outcome.advance) return [...replies, ...(await this.advance(ctx, flow, step))];
    if (outcome.goto) {
      ctx.state.back.push(step.id);
      return this.enter(ctx, flow, outcome.goto, replies);
    }
    return withChoicesKept(replies, ctx.state.offered);
  }

  /**
   * A wrong answer: why, then the question again with its buttons. Nothing is dropped, however
   * often it happens; from the second wrong answer in a row the step's help is added, and on a step
   * that may be skipped, how to skip it. An answer that could mean several things is answered with
   * those as choices instead.
   */
  private async retry(ctx: TurnContext, step: StepDefinition, parsed: Extract<ParseResult, { ok: false }>): Promise<Outbound[]> {
    ctx.state.retries += 1;
    const why = ctx.hint(parsed.error, parsed.params);
    if (parsed.choices) {
      const choices = [...parsed.choices, ...(step.optional ? [{ id: SKIP_CHOICE, label: ctx.t('common.skip') }] : [])];
      ctx.state.offered = choices;
      return [{ text: why, choices }];
    }
    const more = ctx.state.retries >= 2 ? [step.help ? ctx.hint(step.help) : undefined, step.optional ? ctx.hint('error.skip-hint') : undefined] : [];
    return [{ text: [why, ...more.filter((line) => line !== undefined)].join('\n\n') }, await this.prompt(ctx, step)];
  }

  private async prompt(ctx: TurnContext, step: StepDefinition): Promise<Outbound> {
    const outbound = await renderStep(step, ctx, this.renderer(step));
    ctx.state.offered = (outbound.choices ?? []).map((c) => ({ id: c.id, label: c.label }));
    return outbound;
  }

  private renderer(step: StepDefinition) {
    return step.render ? this.handlers.render[step.render] : undefined;
  }

  private inputHandler(step: StepDefinition) {
    const handler = step.handler ? this.handlers.input[step.handler] : undefined;
    if (!handler) throw new LokerError('loker:flow-invalid', `flow step ${step.id} has no input handler`);
    return handler;
  }

  private require(flowId: string): FlowDefinition {
    const flow = this.flows.get(flowId);
    if (!flow) throw new LokerError('loker:flow-unknown', `unknown flow ${flowId}`);
    return flow;
  }
}

/** Steps whose answer is itself a number: there a typed "1" is the answer, not the first button. */
const NUMERIC_INPUTS: ReadonlySet<StepDefinition['input']> = new Set(['number', 'years', 'rupiah']);

/** A handler's answer that keeps the person at the step: the last reply carries the step's buttons again, unless it has its own. */
function withChoicesKept(replies: readonly Outbound[], offered: readonly ResolvedChoice[]): Outbound[] {
  const last = replies.at(-1);
  if (!last || (last.choices?.length ?? 0) > 0 || offered.length === 0) return [...replies];
  return [...replies.slice(0, -1), { ...last, choices: offered.map((c) => ({ id: c.id, label: c.label })) }];
}

/** A typed "2" or a typed label of an offered choice counts as pressing it. */
function withOfferedChoice(answer: { text: string; choiceId?: string }, offered: readonly ResolvedChoice[], numbersPick: boolean): { text: string; choiceId?: string } {
  if (answer.choiceId !== undefined || offered.length === 0) return answer;
  if (!numbersPick && /\d/.test(answer.text)) return answer;
  const choice = findChoice(answer.text, offered);
  return choice ? { text: answer.text, choiceId: choice.id } : answer;
}

/** `stepId`, or the first step after it whose `when` holds: the step that will actually be asked. */
function askedStepId(flow: FlowDefinition, stepId: string, data: Readonly<Record<string, unknown>>): string {
  let id = stepId;
  for (let hops = 0; hops <= flow.steps.length; hops++) {
    const step = findStep(flow, id);
    if (!step?.when || holds(step.when, data)) return id;
    id = nextStepId(flow, step, data);
  }
  return id;
}

/** The step after `step`: its first branch whose condition holds, or the following step. */
export function nextStepId(flow: FlowDefinition, step: StepDefinition, data: Readonly<Record<string, unknown>>): string {
  if (typeof step.next === 'string') return step.next;
  if (Array.isArray(step.next)) {
    const branch = step.next.find((b) => !b.when || holds(b.when, data));
    if (branch) return branch.goto;
  }
  const index = flow.steps.indexOf(step);
  return flow.steps[index + 1]?.id ?? 'end';
}

export function holds(condition: Condition, data: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(condition).every(([field, expected]) => {
    const actual = data[field];
    return Array.isArray(expected) ? expected.includes(String(actual)) : actual === expected;
  });
}
