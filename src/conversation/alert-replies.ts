import { identityKey, type Subscription } from '../domain/index.js';
import { parseAlertChoice, type AlertAction, type JobSearchAnswer } from './alert-choices.js';
import { answerableAlert } from './alert-record.js';
import { normalizeAnswer } from './answer-words.js';
import type { FlowRunner } from './flow-runner.js';
import type { TurnContext } from './handlers.js';
import { REPORT_FIRST_STEP, REPORT_FLOW, reportStart } from './handlers/report.js';
import { describeSubscription } from './handlers/subscription.js';
import { findChoice } from './inputs.js';
import { recordJobSearchAnswer } from './job-search.js';
import type { Outbound } from './message.js';

type Answer = { readonly text: string; readonly choiceId?: string };

/** Typed as the next message after a broadcast, these opt out of broadcasts instead of cancelling. */
const BROADCAST_STOP_WORDS: ReadonlySet<string> = new Set(['berhenti', 'stop', '/berhenti', '/stop', 'unsubscribe']);

/** Whether the person is in a flow whose question is waiting for an answer of its own. */
function inAQuestion(ctx: TurnContext): boolean {
  return ctx.state.flow !== undefined && ctx.state.flow !== 'menu';
}

/**
 * Answers to alerts and broadcasts, which arrive outside any conversation: their choices work in
 * whatever flow the person is in, and acting on one leaves that flow as it was (except "Detail",
 * which is a request to look at something else), with its question asked again.
 */
export class AlertReplies {
  constructor(private readonly runner: FlowRunner) {}

  /**
   * An alert's choice pressed (Telegram), sent back as its id (web buttons) or typed as one, in any
   * flow; or "berhenti"/"stop" as the first message after a broadcast. Read before the global words,
   * so that this "stop" opts out of broadcasts rather than cancelling whatever the person was doing.
   */
  pressed(ctx: TurnContext, answer: Answer): AlertAction | undefined {
    const action = parseAlertChoice(answer.choiceId ?? answer.text);
    if (action || answer.choiceId !== undefined) return action;
    const alert = answerableAlert(ctx.state.alert, ctx.now);
    return alert?.kind === 'broadcast' && BROADCAST_STOP_WORDS.has(normalizeAnswer(answer.text)) ? { kind: 'broadcast-optout' } : undefined;
  }

  /**
   * A typed number or label of the last alert's choices (WhatsApp shows them as a numbered list),
   * as the first message after it. Only while no flow waits for an answer of its own (idle, or at
   * the menu, whose numbers were on screen before the alert came): in the middle of a flow the
   * typed "2" answers the question the person was asked, so "2" at "years of experience" stays two
   * years even when an alert arrived in between. Read after the global words and flow triggers, so
   * "berhenti" after a vacancy alert cancels as it always does instead of matching the label
   * "Berhenti langganan".
   */
  typed(ctx: TurnContext, answer: Answer): AlertAction | undefined {
    if (answer.choiceId !== undefined || inAQuestion(ctx)) return undefined;
    const alert = answerableAlert(ctx.state.alert, ctx.now);
    const choice = alert ? findChoice(answer.text, alert.choices) : undefined;
    return choice ? parseAlertChoice(choice.id) : undefined;
  }

  async act(ctx: TurnContext, action: AlertAction): Promise<Outbound[]> {
    switch (action.kind) {
      case 'detail':
        return this.detail(ctx, action.vacancyId);
      case 'apply':
        return this.apply(ctx, action.vacancyId);
      case 'report':
        return this.report(ctx, action.vacancyId);
      case 'unsubscribe':
        return this.withQuestion(ctx, await unsubscribe(ctx, action.subscriptionId));
      case 'broadcast-optout':
        return this.withQuestion(ctx, await optOutOfBroadcasts(ctx));
      case 'job-search':
        return this.jobSearch(ctx, action.answer);
    }
  }

  /**
   * The profile refresh's answer, however long after the question (a paused seeker comes back with
   * it): recorded; "Sudah bekerja" then asks where, which may be skipped.
   */
  private async jobSearch(ctx: TurnContext, answer: JobSearchAnswer): Promise<Outbound[]> {
    const reply = await recordJobSearchAnswer(ctx, answer);
    if (answer === 'working' && ctx.seeker) return [reply, ...(await this.runner.open(ctx, 'job-search', 'where', {}))];
    return this.withQuestion(ctx, reply);
  }

  /** The search flow's detail step for the vacancy, so "lamar" and "kembali" work from there as after a search. */
  private async detail(ctx: TurnContext, vacancyId: string): Promise<Outbound[]> {
    if (!(await ctx.store.vacancies.get(vacancyId))) return this.withQuestion(ctx, { text: ctx.t('search.gone') });
    // With a profile, "kembali" leads to the person's own results; without one there is nothing behind.
    return this.runner.open(ctx, 'search', 'detail', { vacancyId }, ctx.seeker ? ['results'] : []);
  }

  /** The search flow's apply step for the vacancy: what the company will see, to confirm ("kembali" leads to the vacancy). */
  private async apply(ctx: TurnContext, vacancyId: string): Promise<Outbound[]> {
    if (ctx.seeker) return this.runner.open(ctx, 'search', 'apply', { vacancyId }, ['results', 'detail']);
    // Applying needs a profile: register, unless a question of another flow is open.
    const reply = { text: ctx.t('profile.required') };
    if (!inAQuestion(ctx)) return [reply, ...(await this.runner.start(ctx, 'registration'))];
    return this.withQuestion(ctx, reply);
  }

  /** The report flow for the vacancy; with or without a profile (a subscriber may report what an alert showed). */
  private async report(ctx: TurnContext, vacancyId: string): Promise<Outbound[]> {
    if (!(await ctx.store.vacancies.get(vacancyId))) return this.withQuestion(ctx, { text: ctx.t('search.gone') });
    return this.runner.open(ctx, REPORT_FLOW, REPORT_FIRST_STEP, await reportStart(ctx, vacancyId));
  }

  /** The reply, then the question the person was at (the menu included, so its numbers are on screen again). */
  private async withQuestion(ctx: TurnContext, reply: Outbound): Promise<Outbound[]> {
    return [reply, ...(await this.runner.reprompt(ctx))];
  }
}

/** Switches off one subscription, only the person's own; another's is answered as unknown, so its existence is not told. */
async function unsubscribe(ctx: TurnContext, subscriptionId: string): Promise<Outbound> {
  const subscription = await ctx.store.subscriptions.get(subscriptionId);
  if (!subscription || !isOwn(ctx, subscription)) return { text: ctx.t('alert.unsubscribe.unknown') };
  // A subscriber whose conversation expired has no language on record but their alert's: answer in it.
  if (ctx.state.locale === undefined && !ctx.seeker) ctx.state.locale = subscription.locale;
  const stopped = subscription.active ? await ctx.store.subscriptions.update(subscription.id, (s) => ({ ...s, active: false })) : subscription;
  // Without its state word: "dijeda" (paused) would contradict "dihentikan" (stopped) in the same sentence.
  return { text: ctx.t('alert.unsubscribed', { subscription: describeSubscription(ctx, stopped, false) }) };
}

/** The subscriber's own chat, or a subscription of their profile made on another of their chats. */
function isOwn(ctx: TurnContext, subscription: Subscription): boolean {
  if (subscription.subscriberKey === identityKey(ctx.identity)) return true;
  return ctx.seeker !== undefined && subscription.seekerId === ctx.seeker.id;
}

/** Sets the profile's broadcast opt-out (the send side skips opted-out seekers); vacancy alerts stay as they are. */
async function optOutOfBroadcasts(ctx: TurnContext): Promise<Outbound> {
  const seeker = ctx.seeker;
  // Broadcasts go to profiles only: without one there is nothing to stop.
  if (!seeker) return { text: ctx.t('broadcast.opt-out.none') };
  if (seeker.broadcastsOptedOutAt === undefined) {
    const at = ctx.now.toISOString();
    await ctx.store.seekers.update(seeker.id, (s) => (s.broadcastsOptedOutAt === undefined ? { ...s, broadcastsOptedOutAt: at } : s));
    await ctx.store.audit.record({ actor: `seeker:${seeker.id}`, action: 'seeker.broadcast-opt-out', target: { type: 'seeker', id: seeker.id } });
  }
  return { text: ctx.t('broadcast.opted-out') };
}
