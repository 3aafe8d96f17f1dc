import type { FlowDefinition, StepDefinition } from './flow-schema.js';
import type { RenderHandler, TurnContext } from './handlers.js';
import { educationChoices, employmentTypeChoices, type ResolvedChoice } from './inputs.js';
import type { Choice, Outbound } from './message.js';

export const SKIP_CHOICE = 'skip';

/** The choices a step offers, with labels in the person's language. */
export function stepChoices(step: StepDefinition, ctx: TurnContext): ResolvedChoice[] {
  if (step.choicesFrom === 'education-levels') return educationChoices();
  if (step.choicesFrom === 'employment-types') return employmentTypeChoices((key) => ctx.t(key));
  if (step.choices) return step.choices.map((c) => ({ id: c.id, label: ctx.t(c.label) }));
  if (step.input === 'yes-no') return [{ id: 'yes', label: ctx.t('common.yes') }, { id: 'no', label: ctx.t('common.no') }];
  return [];
}

/** The question of a step as a message: its text, its choices, and "skip" when it may be skipped. */
export function renderStep(step: StepDefinition, ctx: TurnContext, render: RenderHandler | undefined): Promise<Outbound> {
  if (render) return render(ctx);
  const choices: Choice[] = stepChoices(step, ctx).map((c) => ({ id: c.id, label: c.label }));
  if (step.optional && step.input !== 'yes-no' && choices.length < 10) choices.push({ id: SKIP_CHOICE, label: ctx.t('common.skip') });
  const text = ctx.t(step.prompt ?? '');
  return Promise.resolve(choices.length > 0 ? { text, choices } : { text });
}

export function findStep(flow: FlowDefinition, stepId: string | undefined): StepDefinition | undefined {
  return flow.steps.find((s) => s.id === stepId);
}
