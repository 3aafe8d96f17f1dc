import { identityKey, jobSearchOf, type EducationLevel, type EmploymentType, type JobSearchState, type Subscription } from '../../domain/index.js';
import { newId } from '../../store/index.js';
import { normalizeAnswer } from '../answer-words.js';
import type { CompleteHandler, InputHandler, RenderHandler, TurnContext } from '../handlers.js';
import type { Choice } from '../message.js';

const QUIET_HOURS: Readonly<Record<string, { start: string; end: string } | undefined>> = {
  none: undefined,
  night: { start: '21:00', end: '06:00' },
};

async function mySubscriptions(ctx: TurnContext): Promise<Subscription[]> {
  return ctx.store.subscriptions.listBySubscriber(ctx.identity);
}

/** One line saying what a subscription watches for: keywords · area · instant/daily · active/paused. */
/** "forklift · Cikarang Barat · Langsung saat ada" and, unless `withState` is false, "· aktif"/"· dijeda". */
export function describeSubscription(ctx: Pick<TurnContext, 't'>, s: Subscription, withState = true): string {
  const words = s.filters.keywords.length ? s.filters.keywords.join(', ') : ctx.t('sub.any');
  const area = s.filters.kecamatan.length ? s.filters.kecamatan.join(', ') : ctx.t('sub.any-area');
  const what = `${words} · ${area} · ${ctx.t(s.mode === 'daily' ? 'sub.mode.daily' : 'sub.mode.instant')}`;
  return withState ? `${what} · ${ctx.t(s.active ? 'sub.state.active' : 'sub.state.paused')}` : what;
}

/** Why a profile's alerts do not come while its job search is not active (the send side skips them). */
const NOT_SEEKING: Readonly<Record<Exclude<JobSearchState, 'active'>, string>> = { paused: 'sub.not-seeking.paused', placed: 'sub.not-seeking.placed' };

/** Lists the person's alerts with what they can do; with none, goes straight to a new one. */
export const subscriptionOverview: RenderHandler = async (ctx) => {
  const subs = await mySubscriptions(ctx);
  if (subs.length === 0) return { text: ctx.t('sub.none-yet'), choices: [{ id: 'new', label: ctx.t('sub.new') }] };
  const state = ctx.seeker ? jobSearchOf(ctx.seeker).state : 'active';
  const lines = [...subs.map((s, i) => `${i + 1}. ${describeSubscription(ctx, s)}`), ...(state === 'active' ? [] : ['', ctx.t(NOT_SEEKING[state])])];
  const anyActive = subs.some((s) => s.active);
  const choices: Choice[] = [
    { id: 'new', label: ctx.t('sub.new') },
    anyActive ? { id: 'pause', label: ctx.t('sub.pause') } : { id: 'resume', label: ctx.t('sub.resume') },
    { id: 'stop', label: ctx.t('sub.stop') },
  ];
  return { text: `${ctx.t('sub.overview')}\n${lines.join('\n')}`, choices };
};

const ACTION_WORDS: Readonly<Record<string, string>> = {
  baru: 'new', new: 'new', tambah: 'new', jeda: 'pause', pause: 'pause', lanjutkan: 'resume', resume: 'resume', 'hentikan semua': 'stop', unsubscribe: 'stop',
};

export const subscriptionAction: InputHandler = async (ctx, answer) => {
  const action = answer.choiceId ?? ACTION_WORDS[normalizeAnswer(answer.text)];
  if (action === 'new') return { advance: true };
  const subs = await mySubscriptions(ctx);
  if (action === 'pause' || action === 'resume') {
    for (const s of subs) await ctx.store.subscriptions.update(s.id, (current) => ({ ...current, active: action === 'resume' }));
    return { replies: [{ text: ctx.t(action === 'pause' ? 'sub.paused' : 'sub.resumed') }], startFlow: 'menu' };
  }
  if (action === 'stop') {
    for (const s of subs) await ctx.store.subscriptions.delete(s.id);
    return { replies: [{ text: ctx.t('sub.stopped') }], startFlow: 'menu' };
  }
  return { replies: [{ text: ctx.t('sub.action-hint') }] };
};

export const saveSubscription: CompleteHandler = async (ctx) => {
  const data = ctx.state.data;
  const at = ctx.now.toISOString();
  const quiet = QUIET_HOURS[String(data.quiet)];
  const education = ctx.seeker?.education.level;
  const subscription = await ctx.store.subscriptions.create({
    id: newId('sub'),
    subscriber: ctx.identity,
    subscriberKey: identityKey(ctx.identity),
    ...(ctx.seeker ? { seekerId: ctx.seeker.id } : {}),
    filters: {
      keywords: Array.isArray(data.keywords) ? data.keywords : [],
      kecamatan: Array.isArray(data.area) ? (data.area as string[]) : typeof data.area === 'string' ? [data.area] : [],
      ...(education ? { education: education satisfies EducationLevel } : {}),
      jobTypes: Array.isArray(data.jobTypes) ? (data.jobTypes as EmploymentType[]) : [],
    },
    mode: data.mode === 'daily' ? 'daily' : 'instant',
    ...(quiet ? { quietHours: quiet } : {}),
    locale: ctx.locale,
    active: true,
    createdAt: at,
    updatedAt: at,
  });
  return { replies: [{ text: `${ctx.t('sub.saved')}\n${describeSubscription(ctx, subscription)}` }], then: 'menu' };
};
