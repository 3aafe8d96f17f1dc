import { jobSearchOf, pausedSearch, placedSearch, stillSeeking, type JobSearch } from '../domain/index.js';
import type { JobSearchAnswer } from './alert-choices.js';
import type { TurnContext } from './handlers.js';
import type { Outbound } from './message.js';

/**
 * A seeker's answer to "still looking for work?", from the refresh question's buttons or the job
 * search status in the menu: recorded on the profile (audited), and the reply that says what
 * follows from it. Without a profile there is nothing to record.
 */
export async function recordJobSearchAnswer(ctx: TurnContext, answer: JobSearchAnswer): Promise<Outbound> {
  const seeker = ctx.seeker;
  if (!seeker) return { text: ctx.t('profile.required') };
  const at = ctx.now.toISOString();
  await ctx.store.seekers.update(seeker.id, (s) => ({ ...s, jobSearch: answered(jobSearchOf(s), answer, at) }));
  await ctx.store.audit.record({ actor: `seeker:${seeker.id}`, action: 'seeker.job-search', target: { type: 'seeker', id: seeker.id }, details: { answer } });
  return { text: ctx.t(`job-search.recorded.${answer}`) };
}

function answered(current: JobSearch, answer: JobSearchAnswer, at: string): JobSearch {
  switch (answer) {
    case 'seeking':
      return stillSeeking(current, at);
    case 'pause':
      return pausedSearch(current, at, 'choice');
    case 'working':
      // Said again while placed: the same job, so its date (and where) stay as first told.
      return current.state === 'placed' && current.placement ? { ...current, confirmedAt: at } : placedSearch(at);
  }
}

/** Where the person found work (the optional question after "Sudah bekerja"); nothing when they skipped it or look for work again. */
export async function recordPlacementCompany(ctx: TurnContext, company: string | undefined): Promise<Outbound> {
  const seeker = ctx.seeker;
  if (!seeker || company === undefined) return { text: ctx.t('job-search.where.skipped') };
  await ctx.store.seekers.update(seeker.id, (s) => {
    const search = jobSearchOf(s);
    return search.state === 'placed' && search.placement ? { ...s, jobSearch: { ...search, placement: { ...search.placement, company } } } : s;
  });
  return { text: ctx.t('job-search.where.saved', { company }) };
}
