import { normalizeAnswer, readYesNo } from '../answer-words.js';
import { applicationPreview, applyResult, applyToVacancy, NOT_NOW_CHOICE, SEND_CHOICE, type ApplyOutcome } from '../apply.js';
import type { InputHandler, RenderHandler, StepOutcome, TurnContext } from '../handlers.js';
import { MORE_WORDS, PAGE_SIZE } from './search.js';

/*
 * The search flow's last two steps: `apply` shows what the company will see and asks to send it;
 * `applied` says how it went and offers the way on (back to the results, other matches, the
 * applications).
 */

const SEND_WORDS: ReadonlySet<string> = new Set(['kirim', 'kirim lamaran', 'send', 'lamar', 'apply']);
const NOT_NOW_WORDS: ReadonlySet<string> = new Set(['tidak jadi', 'nanti', 'nanti saja', 'not now', 'later']);
const RESULTS_WORDS: ReadonlySet<string> = new Set(['hasil', 'results', 'kembali ke hasil', 'back to results']);

const vacancyIdOf = (ctx: TurnContext): string => String(ctx.state.data.vacancyId);

export const applyPreview: RenderHandler = async (ctx) => {
  if (!ctx.seeker) return { text: ctx.t('profile.required') };
  return applicationPreview(ctx, ctx.seeker, vacancyIdOf(ctx));
};

export const applyConfirm: InputHandler = async (ctx, answer) => {
  const onward = goOnFromApplying(ctx, answer);
  if (onward) return onward;
  const text = normalizeAnswer(answer.text);
  if (!ctx.seeker) return { replies: [{ text: ctx.t('profile.required') }], startFlow: 'registration' };
  if (answer.choiceId === SEND_CHOICE || SEND_WORDS.has(text) || (answer.choiceId === undefined && readYesNo(text) === true)) {
    ctx.state.data.applied = await applyToVacancy(ctx, ctx.seeker, vacancyIdOf(ctx));
    return { goto: 'applied' };
  }
  if (answer.choiceId === NOT_NOW_CHOICE || NOT_NOW_WORDS.has(text) || (answer.choiceId === undefined && readYesNo(text) === false)) {
    return { replies: [{ text: ctx.t('apply.not-sent') }], goto: 'detail' };
  }
  return { replies: [{ text: ctx.t('apply.confirm-hint') }] };
};

export const applyOutcome: RenderHandler = async (ctx) => {
  const vacancy = await ctx.store.vacancies.get(vacancyIdOf(ctx));
  return applyResult(ctx, ctx.state.data.applied as ApplyOutcome, vacancy);
};

export const afterApplying: InputHandler = (ctx, answer) =>
  Promise.resolve(goOnFromApplying(ctx, answer) ?? { replies: [{ text: ctx.t('apply.after-hint') }] });

/** The ways on after applying (or after being told one cannot apply): results, other matches, the applications. */
function goOnFromApplying(ctx: TurnContext, answer: { text: string; choiceId?: string }): StepOutcome | undefined {
  const text = normalizeAnswer(answer.text);
  if (answer.choiceId === 'results' || RESULTS_WORDS.has(text)) return { goto: 'results' };
  if (answer.choiceId === 'more' || MORE_WORDS.has(text)) {
    // The next page of the results the person came from; from an alert, their first page.
    const shown = (ctx.state.data.shown as string[] | undefined) ?? [];
    if (shown.length === PAGE_SIZE) ctx.state.data.offset = Number(ctx.state.data.offset ?? 0) + PAGE_SIZE;
    return { goto: 'results' };
  }
  if (answer.choiceId === 'applications') return { startFlow: 'applications' };
  return undefined;
}
