import type { CompleteHandler } from '../handlers.js';

/**
 * "Lanjutkan" goes back to the interrupted step (the detour's way back does that). "Keluar" keeps
 * the interrupted flow as a draft and goes on to where the person was heading (`target`).
 */
export const leaveDraft: CompleteHandler = (ctx) => {
  const { resume } = ctx.state;
  if (ctx.state.data.confirm !== 'leave' || !resume) return Promise.resolve({ replies: [] });
  ctx.state.draft = { flow: resume.flow, step: resume.step, data: resume.data, back: resume.back };
  ctx.state.resume = undefined;
  const target = typeof ctx.state.data.target === 'string' ? ctx.state.data.target : 'menu';
  return Promise.resolve({ replies: [{ text: ctx.t('draft.kept') }], then: target });
};
