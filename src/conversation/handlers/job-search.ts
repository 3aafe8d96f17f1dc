import { jobSearchOf } from '../../domain/index.js';
import { JOB_SEARCH_ANSWERS, type JobSearchAnswer } from '../alert-choices.js';
import { normalizeAnswer } from '../answer-words.js';
import type { CompleteHandler, InputHandler, RenderHandler, TurnContext } from '../handlers.js';
import { formatDate } from '../i18n.js';
import { findChoice } from '../inputs.js';
import { recordJobSearchAnswer, recordPlacementCompany } from '../job-search.js';
import type { Choice } from '../message.js';

/** Words that answer the status question without its buttons. */
const ANSWER_WORDS: Readonly<Record<string, JobSearchAnswer>> = {
  masih: 'seeking', 'masih mencari': 'seeking', still: 'seeking', 'still looking': 'seeking', aktif: 'seeking',
  sudah: 'working', 'sudah kerja': 'working', 'sudah bekerja': 'working', working: 'working', 'i have a job': 'working',
  jeda: 'pause', pause: 'pause',
};

function answerChoices(ctx: TurnContext): Choice[] {
  return JOB_SEARCH_ANSWERS.map((answer) => ({ id: answer, label: ctx.t(`job-search.answer.${answer}`) }));
}

/** Where the person stands now, and the three answers that change it. */
export const jobSearchStatus: RenderHandler = (ctx) => {
  const seeker = ctx.seeker;
  if (!seeker) return Promise.resolve({ text: ctx.t('profile.required') });
  const search = jobSearchOf(seeker);
  const since = formatDate(search.state === 'paused' ? (search.pausedAt ?? seeker.updatedAt) : (search.confirmedAt ?? seeker.createdAt), ctx.locale);
  const lines = [ctx.t(`job-search.status.${search.state}`, { since })];
  if (search.state === 'placed' && search.placement?.company) lines.push(ctx.t('job-search.status.company', { company: search.placement.company }));
  lines.push('', ctx.t('job-search.prompt'));
  return Promise.resolve({ text: lines.join('\n'), choices: answerChoices(ctx) });
};

/** Records the answer; "Sudah bekerja" goes on to ask where (optional), the others back to the menu. */
export const jobSearchAction: InputHandler = async (ctx, answer) => {
  const picked = findChoice(answer.choiceId ?? answer.text, answerChoices(ctx))?.id ?? ANSWER_WORDS[normalizeAnswer(answer.text)];
  const chosen = JOB_SEARCH_ANSWERS.find((a) => a === picked);
  if (!chosen) return { replies: [{ text: ctx.t('error.choice', { max: JOB_SEARCH_ANSWERS.length }) }] };
  const reply = await recordJobSearchAnswer(ctx, chosen);
  return chosen === 'working' ? { replies: [reply], advance: true } : { replies: [reply], startFlow: 'menu' };
};

export const saveJobSearchWhere: CompleteHandler = async (ctx) => {
  const where = ctx.state.data.where;
  return { replies: [await recordPlacementCompany(ctx, typeof where === 'string' ? where : undefined)], then: 'menu' };
};
