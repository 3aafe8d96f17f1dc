import { normalizeAnswer } from '../answer-words.js';
import type { InputHandler, RenderHandler, TurnContext } from '../handlers.js';
import { formatDate } from '../i18n.js';
import { matchExplanation } from '../match-explanation.js';
import type { Choice } from '../message.js';
import { salaryText, trustText } from '../vacancy-text.js';
import { REPORT_FIRST_STEP, REPORT_FLOW, REPORT_WORDS, reportStart } from './report.js';

export const PAGE_SIZE = 5;
const TRAINING_CHOICE = 'training';
export const MORE_WORDS: ReadonlySet<string> = new Set(['lagi', 'lanjut', 'berikutnya', 'more', 'next', 'selanjutnya']);

/** The vacancies the person has applied to, to mark them wherever they are listed again. */
async function appliedTo(ctx: TurnContext): Promise<ReadonlySet<string>> {
  if (!ctx.seeker) return new Set();
  return new Set((await ctx.store.applications.listBySeeker(ctx.seeker.id)).map((a) => a.vacancyId));
}

/** One page of matches with their one-line reasons; the numbers pick a vacancy. */
export const searchResults: RenderHandler = async (ctx) => {
  const seeker = ctx.seeker;
  if (!seeker) return { text: ctx.t('profile.required') };
  const offset = Number(ctx.state.data.offset ?? 0);
  const hits = await ctx.services.searchVacancies(seeker, offset, PAGE_SIZE);
  if (hits.length === 0 && offset > 0) {
    // "lagi" after a full last page: stay on that page, so its numbers still open its vacancies.
    ctx.state.data.offset = offset - PAGE_SIZE;
    return { text: ctx.t('search.no-more') };
  }
  ctx.state.data.shown = hits.map((h) => h.vacancy.id);
  // Few matches on the first page: training may open more (the training flow says which).
  const fewMatches = offset === 0 && hits.length < PAGE_SIZE;
  const trainingChoice: Choice = { id: TRAINING_CHOICE, label: ctx.t('search.training') };
  if (hits.length === 0) return { text: `${ctx.t('search.none')}\n\n${ctx.t('search.training-tip')}`, choices: [trainingChoice] };
  const applied = await appliedTo(ctx);
  const lines = hits.map((hit, i) => {
    const v = hit.vacancy;
    const mark = applied.has(v.id) ? ` ${ctx.t('search.applied')}` : '';
    const trust = trustText(ctx.services.isCompanyVerified(v.company.id), (key) => ctx.t(key), 'mark');
    return `${i + 1}. *${v.title}* — ${v.company.name} ${trust} (${v.kecamatan})${mark}\n   ${matchExplanation(hit.reasons, ctx.locale, (key, params) => ctx.t(key, params))}`;
  });
  const choices: Choice[] = hits.map((hit, i) => ({ id: `v${i + 1}`, label: `${applied.has(hit.vacancy.id) ? '✅ ' : ''}${i + 1}. ${hit.vacancy.title}`.slice(0, 60) }));
  if (hits.length === PAGE_SIZE) choices.push({ id: 'more', label: ctx.t('search.more') });
  if (fewMatches) choices.push(trainingChoice);
  const tip = fewMatches ? `\n\n${ctx.t('search.training-tip')}` : '';
  return { text: `${ctx.t('search.header')}\n\n${lines.join('\n')}\n\n${ctx.t('search.footer')}${tip}`, choices };
};

/** "lagi" pages on; a number (as shown) or a pressed choice opens that vacancy. */
export const pickResult: InputHandler = (ctx, answer) => {
  const shown = (ctx.state.data.shown as string[] | undefined) ?? [];
  const offset = Number(ctx.state.data.offset ?? 0);
  const text = normalizeAnswer(answer.text);
  if (answer.choiceId === TRAINING_CHOICE) return Promise.resolve({ startFlow: 'training' });
  if (shown.length === 0 && offset === 0) return Promise.resolve({ startFlow: 'menu' });
  if (answer.choiceId === 'more' || MORE_WORDS.has(text)) {
    if (shown.length < PAGE_SIZE) return Promise.resolve({ replies: [{ text: ctx.t('search.no-more') }] });
    ctx.state.data.offset = offset + PAGE_SIZE;
    return Promise.resolve({ goto: 'results' });
  }
  const index = answer.choiceId?.startsWith('v') ? Number(answer.choiceId.slice(1)) - 1 : Number(text) - 1;
  const vacancyId = Number.isInteger(index) ? shown[index] : undefined;
  if (!vacancyId) return Promise.resolve({ replies: [{ text: ctx.t('search.pick-hint', { max: Math.max(1, shown.length) }) }] });
  ctx.state.data.vacancyId = vacancyId;
  return Promise.resolve({ goto: 'detail' });
};

export const vacancyDetail: RenderHandler = async (ctx) => {
  const vacancy = await ctx.store.vacancies.get(String(ctx.state.data.vacancyId));
  if (!vacancy) return { text: ctx.t('search.gone') };
  const lines = [
    `*${vacancy.title}*`,
    `${vacancy.company.name}${vacancy.estate ? ` · ${vacancy.estate}` : ''} · ${vacancy.kecamatan}`,
    trustText(ctx.services.isCompanyVerified(vacancy.company.id), (key) => ctx.t(key), 'line'),
    `${ctx.t('vacancy.salary')}: ${salaryText(vacancy, (key) => ctx.t(key))}`,
    `${ctx.t('vacancy.type')}: ${vacancy.employmentType}${vacancy.minEducation ? ` · ${ctx.t('vacancy.education')}: ${vacancy.minEducation}` : ''}`,
    ...(vacancy.localQuota > 0 ? [ctx.t('vacancy.local-quota', { n: vacancy.localQuota })] : []),
    ...(vacancy.deadline ? [`${ctx.t('vacancy.deadline')}: ${formatDate(vacancy.deadline, ctx.locale)}`] : []),
    '',
    vacancy.description.slice(0, 1500),
    ...(vacancy.requirements ? ['', vacancy.requirements.slice(0, 1500)] : []),
  ];
  const applied = (await appliedTo(ctx)).has(vacancy.id);
  if (applied) lines.push('', ctx.t('vacancy.applied'));
  lines.push('', ctx.t('vacancy.free'));
  const choices: Choice[] = applied ? [] : [{ id: 'apply', label: ctx.t('search.apply') }];
  // Opened from an alert by a subscriber without a profile, there are no results to go back to.
  if (ctx.seeker) choices.push({ id: 'results', label: ctx.t('search.back-to-results') });
  choices.push({ id: 'report', label: ctx.t('vacancy.report') });
  return { text: lines.join('\n'), choices };
};

const APPLY_WORDS = new Set(['lamar', 'apply', 'daftar lowongan', 'kirim lamaran']);

export const detailAction: InputHandler = async (ctx, answer) => {
  const text = normalizeAnswer(answer.text);
  if (answer.choiceId === 'results' || text === 'hasil' || text === 'results') return { goto: 'results' };
  if (answer.choiceId === 'report' || REPORT_WORDS.has(text)) {
    return { openFlow: { flow: REPORT_FLOW, step: REPORT_FIRST_STEP, data: await reportStart(ctx, String(ctx.state.data.vacancyId)) } };
  }
  if (answer.choiceId !== 'apply' && !APPLY_WORDS.has(text)) return { replies: [{ text: ctx.t('search.detail-hint') }] };
  // Only a vacancy opened from an alert has no profile behind it: applying needs one, so register.
  if (!ctx.seeker) return { replies: [{ text: ctx.t('profile.required') }], startFlow: 'registration' };
  return { goto: 'apply' };
};
