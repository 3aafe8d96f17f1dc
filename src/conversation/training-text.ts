import type { TrainingProgramme } from '../domain/index.js';
import type { TurnContext } from './handlers.js';
import { formatDate } from './i18n.js';

/** "11 Jan 2027 – 19 Feb 2027, Senin–Jumat 08.00–15.00": the dates and the text, whichever are given. */
export function scheduleText(schedule: TrainingProgramme['schedule'], ctx: Pick<TurnContext, 'locale'>): string {
  const day = (date: string) => formatDate(`${date}T00:00:00+07:00`, ctx.locale);
  const dates = schedule.startDate ? (schedule.endDate ? `${day(schedule.startDate)} – ${day(schedule.endDate)}` : day(schedule.startDate)) : undefined;
  return [dates, schedule.text].filter((part) => part !== undefined).join(', ');
}

/** One line of a list: number, name, provider, schedule, quota. */
export function programmeLine(ctx: Pick<TurnContext, 'locale' | 't'>, programme: TrainingProgramme, n: number): string {
  return ctx.t('training.programme', { n, name: programme.name, provider: programme.provider, schedule: scheduleText(programme.schedule, ctx), quota: programme.quota });
}

/** Everything a seeker should know before registering interest. */
export function programmeDetail(ctx: Pick<TurnContext, 'locale' | 't'>, programme: TrainingProgramme): string {
  const requirements = [programme.requirements.text, ...(programme.requirements.minEducation ? [ctx.t('training.min-education', { level: programme.requirements.minEducation })] : [])].filter((part) => part !== '');
  return [
    `*${programme.name}*`,
    `${programme.provider} · ${ctx.t(`training.kind.${programme.kind}`)}`,
    `${ctx.t('training.schedule')}: ${scheduleText(programme.schedule, ctx)}`,
    ctx.t('training.quota', { quota: programme.quota }),
    `${ctx.t('training.place')}: ${[programme.location, programme.kecamatan].filter((part) => part !== undefined).join(', ')}`,
    ...(requirements.length > 0 ? [`${ctx.t('training.requirements')}: ${requirements.join('; ')}`] : []),
  ].join('\n');
}

/** "Minat pelatihan Anda: …" (the programmes still there), or nothing when the person registered none. */
export async function trainingInterestsLine(ctx: Pick<TurnContext, 't' | 'store'>, seekerId: string): Promise<string | undefined> {
  const interests = await ctx.store.trainingInterests.listBySeeker(seekerId);
  const names = await Promise.all(interests.map(async (i) => (await ctx.store.trainingProgrammes.get(i.programmeId))?.name));
  const known = names.filter((name): name is string => name !== undefined);
  return known.length > 0 ? ctx.t('training.interests', { list: known.join(', ') }) : undefined;
}
