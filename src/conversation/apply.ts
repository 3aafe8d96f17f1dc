import { DuplicateError } from '../errors/index.js';
import { newId } from '../store/index.js';
import type { TurnContext } from './handlers.js';
import type { Outbound } from './message.js';
import { isOpenAt } from './vacancy-text.js';

/**
 * Applies the person to a vacancy: the one place every way of applying goes through (the search
 * flow's "lamar", an alert's "Lamar" button or number), so a confirmation step added later
 * (issue 12) changes it once. Refuses without a profile, for a vacancy that is closed, gone or past
 * its deadline, and a second time for the same vacancy (the store's unique seeker × vacancy).
 */
export async function applyToVacancy(ctx: TurnContext, vacancyId: string): Promise<Outbound> {
  const seeker = ctx.seeker;
  if (!seeker) return { text: ctx.t('profile.required') };
  const vacancy = await ctx.store.vacancies.get(vacancyId);
  if (!vacancy || !isOpenAt(vacancy, ctx.now)) return { text: ctx.t('apply.closed') };
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
    if (error instanceof DuplicateError) return { text: ctx.t('apply.duplicate', { title: vacancy.title }) };
    throw error;
  }
  return { text: ctx.t('apply.done', { title: vacancy.title, company: vacancy.company.name }) };
}
