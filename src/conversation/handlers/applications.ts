import type { RenderHandler } from '../handlers.js';
import { formatDate } from '../i18n.js';

export const applicationsList: RenderHandler = async (ctx) => {
  if (!ctx.seeker) return { text: ctx.t('profile.required') };
  const applications = await ctx.store.applications.listBySeeker(ctx.seeker.id);
  if (applications.length === 0) return { text: ctx.t('applications.none') };
  const lines = await Promise.all(
    applications.slice(-20).map(async (a, i) => {
      const vacancy = await ctx.store.vacancies.get(a.vacancyId);
      const title = vacancy ? `${vacancy.title} — ${vacancy.company.name}` : a.vacancyId;
      return `${i + 1}. ${title}\n   ${ctx.t(`applications.status.${a.status}`)} · ${formatDate(a.updatedAt, ctx.locale)}`;
    }),
  );
  return { text: `${ctx.t('applications.header')}\n${lines.join('\n')}` };
};
