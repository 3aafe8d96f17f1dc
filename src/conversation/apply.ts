import type { Seeker, Vacancy } from '../domain/index.js';
import { DuplicateError } from '../errors/index.js';
import { newId } from '../store/index.js';
import type { TurnContext } from './handlers.js';
import { formatNumber } from './i18n.js';
import type { Choice, Outbound } from './message.js';
import { isOpenAt } from './vacancy-text.js';

/**
 * Applying, the one place every way of applying goes through (the search flow's "lamar", an
 * alert's "Lamar" button or number: both lead to the search flow's `apply` step). First
 * `applicationPreview` shows what the company will see and asks to confirm; `applyToVacancy`
 * then writes the application; `applyResult` says how it went, with the next steps.
 */

/** How an application went. */
export type ApplyOutcome = 'submitted' | 'already-applied' | 'closed';

/** The choices under a preview: send, or not now (back to the vacancy). */
export const SEND_CHOICE = 'send';
export const NOT_NOW_CHOICE = 'not-now';

/** Why an application cannot be sent right now, or undefined when it can. */
async function refusal(ctx: TurnContext, seeker: Seeker, vacancy: Vacancy | undefined): Promise<Exclude<ApplyOutcome, 'submitted'> | undefined> {
  if (!vacancy || !isOpenAt(vacancy, ctx.now)) return 'closed';
  const applied = await ctx.store.applications.listBySeeker(seeker.id);
  return applied.some((a) => a.vacancyId === vacancy.id) ? 'already-applied' : undefined;
}

/**
 * What the company will see when the person applies (name, kecamatan, education, skills,
 * experience; never the phone number), and the question whether to send it. A vacancy that closed
 * or was applied to already gets the result at once instead.
 */
export async function applicationPreview(ctx: TurnContext, seeker: Seeker, vacancyId: string): Promise<Outbound> {
  const vacancy = await ctx.store.vacancies.get(vacancyId);
  const refused = await refusal(ctx, seeker, vacancy);
  if (refused || !vacancy) return applyResult(ctx, refused ?? 'closed', vacancy);
  const none = ctx.t('profile.none');
  const { domicile, education, experience } = seeker;
  const lines = [
    ctx.t('apply.preview.header', { title: vacancy.title, company: vacancy.company.name }),
    '',
    `${ctx.t('profile.field.name')}: ${seeker.name}`,
    `${ctx.t('profile.field.kecamatan')}: ${domicile.kecamatan}${domicile.desa ? `, ${domicile.desa}` : ''}`,
    `${ctx.t('profile.field.education')}: ${education.level}${education.major ? ` ${education.major}` : ''}`,
    `${ctx.t('profile.field.skills')}: ${ctx.services.skillNames(seeker.skills.ids, ctx.locale).join(', ') || none}`,
    `${ctx.t('profile.field.experience')}: ${ctx.t('profile.years', { n: formatNumber(experience.years, ctx.locale) })}${experience.text ? ` — ${experience.text.slice(0, 300)}` : ''}`,
    '',
    ctx.t('apply.preview.no-phone'),
    ctx.t('apply.preview.question'),
  ];
  return {
    text: lines.join('\n'),
    choices: [
      { id: SEND_CHOICE, label: ctx.t('apply.send') },
      { id: NOT_NOW_CHOICE, label: ctx.t('apply.not-now') },
    ],
  };
}

/**
 * Writes the application: refused for a vacancy that is closed, gone or past its deadline, and a
 * second time for the same vacancy (the store's unique seeker × vacancy, which also settles two
 * confirmations racing each other).
 */
export async function applyToVacancy(ctx: TurnContext, seeker: Seeker, vacancyId: string): Promise<ApplyOutcome> {
  const vacancy = await ctx.store.vacancies.get(vacancyId);
  const refused = await refusal(ctx, seeker, vacancy);
  if (refused || !vacancy) return refused ?? 'closed';
  const at = ctx.now.toISOString();
  try {
    await ctx.store.applications.create({
      id: newId('app'),
      seekerId: seeker.id,
      vacancyId,
      ...(vacancy.company.id ? { companyId: vacancy.company.id } : {}),
      status: 'submitted',
      history: [{ status: 'submitted', at }],
      ktpBekasi: seeker.domicile.ktpBekasi,
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (error instanceof DuplicateError) return 'already-applied';
    throw error;
  }
  return 'submitted';
}

/** How the application went, what happens next, and where to go from here. */
export function applyResult(ctx: TurnContext, outcome: ApplyOutcome, vacancy: Pick<Vacancy, 'title' | 'company'> | undefined): Outbound {
  const title = vacancy?.title ?? '';
  const text =
    outcome === 'submitted'
      ? `${ctx.t('apply.done', { title, company: vacancy?.company.name ?? '' })}\n${ctx.t('apply.next')}`
      : outcome === 'already-applied'
        ? ctx.t('apply.duplicate', { title })
        : ctx.t('apply.closed');
  const choices: Choice[] = [
    { id: 'results', label: ctx.t('search.back-to-results') },
    { id: 'more', label: ctx.t('apply.other-matches') },
    { id: 'applications', label: ctx.t('menu.applications') },
  ];
  return { text, choices };
}
