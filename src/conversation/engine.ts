import { DEFAULT_UMK_RUPIAH } from '../config/index.js';
import { identityKey, LOCALES, type Channel, type ChannelIdentity, type Locale, type Seeker } from '../domain/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Store } from '../store/index.js';
import { AlertReplies } from './alert-replies.js';
import { normalizeAnswer } from './answer-words.js';
import type { FlowDefinition } from './flow-schema.js';
import { FlowRunner } from './flow-runner.js';
import { globalAction, type GlobalAction } from './global-words.js';
import type { FlowHandlers, TurnContext } from './handlers.js';
import { formatRupiah, type Locales, type Params } from './i18n.js';
import type { Inbound, InboundHandler, Outbound, TranscriptEntry } from './message.js';
import type { ConversationServices } from './services.js';
import type { ConversationState, ConversationStateStore } from './state-store.js';
import { readReplay, readTranscript, shownAs, transcriptLines } from './transcript.js';

export interface ConversationEngineOptions {
  readonly flows: ReadonlyMap<string, FlowDefinition>;
  readonly handlers: FlowHandlers;
  readonly locales: Locales;
  readonly states: ConversationStateStore;
  readonly store: Store;
  readonly services: ConversationServices;
  readonly logger: Logger;
  /** A flow left untouched this long is dropped with a friendly note. Default: 30 minutes. */
  readonly idleTimeoutMs?: number;
  /** Longest message read; longer ones get a polite refusal. Default: 4 000 characters. */
  readonly maxMessageLength?: number;
  /** The regency's monthly minimum wage in rupiah, what "UMK" means at the salary step. Default: DEFAULT_UMK_RUPIAH (Kabupaten Bekasi 2026). */
  readonly minimumWage?: number;
  readonly now?: () => Date;
  /**
   * Told after a turn in which the person asked to be forgotten, once their conversation state is
   * gone: what other parts keep about them goes too (the web chat's kept messages). Failures are
   * logged. Default: nothing.
   */
  readonly onForget?: (identity: ChannelIdentity) => Promise<void>;
  /**
   * Channels whose clients can come back for what was said: the replies to each message are kept
   * a short while for a retry of its id (see ConversationStateStoreOptions for the bounds).
   * Telegram and WhatsApp answer a redelivery with nothing. Every channel keeps the last turns
   * as a transcript: a reloaded web page shows it, and a report of a vacancy may attach it.
   * Default: `['web']`.
   */
  readonly recordChannels?: readonly Channel[];
}

const READABLE_KINDS = new Set(['text', 'choice']);
/** Flows that leave a draft in place without asking: the privacy command, and the registration itself (it resumes). */
const DRAFT_KEEPS_GOING: ReadonlySet<string> = new Set(['delete', 'registration']);
/** C0 controls except tab and line breaks, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The conversation engine: takes one Inbound message, runs it through the person's flow and
 * returns the replies. One message per person at a time (lock), each message id once, and the
 * state is written back only when the turn succeeded, so a failure never half-changes it.
 */
export class ConversationEngine implements InboundHandler {
  private readonly runner: FlowRunner;
  private readonly alerts: AlertReplies;
  private readonly triggers = new Map<string, string>();
  private readonly idleTimeoutMs: number;
  private readonly maxMessageLength: number;
  private readonly minimumWage: number;
  private readonly recordChannels: ReadonlySet<Channel>;
  private readonly now: () => Date;

  constructor(private readonly options: ConversationEngineOptions) {
    this.runner = new FlowRunner(options.flows, options.handlers);
    this.alerts = new AlertReplies(this.runner);
    for (const flow of options.flows.values()) {
      for (const trigger of flow.triggers) this.triggers.set(normalizeAnswer(trigger), flow.id);
    }
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;
    this.maxMessageLength = options.maxMessageLength ?? 4000;
    this.minimumWage = options.minimumWage ?? DEFAULT_UMK_RUPIAH;
    this.recordChannels = new Set(options.recordChannels ?? ['web']);
    this.now = options.now ?? (() => new Date());
  }

  async handle(inbound: Inbound): Promise<readonly Outbound[]> {
    const identity: ChannelIdentity = { channel: inbound.channel, userId: inbound.userId };
    const person = identityKey(identity);
    const { states } = this.options;
    const record = this.recordChannels.has(inbound.channel);
    // A retry of a message already handled gets its replies again while they are kept (a client that timed out still gets the question).
    const duplicate = (replay: string | undefined): readonly Outbound[] => {
      const replies = record && replay !== undefined ? readReplay(replay) : undefined;
      this.options.logger.debug({ channel: inbound.channel, messageId: inbound.messageId, replayed: replies !== undefined }, 'duplicate message');
      return replies ?? [];
    };
    let forget = false;
    const replies = await states.withTurn(
      person,
      inbound.messageId,
      async (state) => {
        const started = Date.now();
        const seeker = await this.options.store.seekers.findByIdentity(identity);
        const said = shownAs(inbound, state);
        const ctx = this.context(person, identity, seeker, state, inbound.languageHint, () => (forget = true));
        const replies = await this.turn(ctx, inbound);
        this.options.logger.debug({ channel: inbound.channel, flow: ctx.state.flow, step: ctx.state.step, ms: Date.now() - started }, 'message handled');
        // Asked to be forgotten: not even this message's id is kept. The last alert's choices answer
        // only this first message after it: from now on the numbers on screen are this turn's.
        const { alert: _answered, ...rest } = ctx.state;
        const keep = forget ? null : { ...rest, lastActiveAt: ctx.now.toISOString() };
        const consented = ctx.seeker !== undefined || ctx.state.consentAt !== undefined;
        // Before consent, the person's own words are not kept, not even in the transcript.
        const transcript = transcriptLines(consented && READABLE_KINDS.has(inbound.kind) ? said : undefined, replies);
        return { result: replies, keep, consented, transcript, ...(record ? { replay: JSON.stringify(replies) } : {}) };
      },
      duplicate,
    );
    if (forget) {
      await this.options.onForget?.(identity).catch((error: unknown) => this.options.logger.error({ err: error, channel: identity.channel }, 'could not forget everything kept about this person'));
    }
    return replies;
  }

  /** The person's recent conversation, oldest first. */
  async transcript(identity: ChannelIdentity): Promise<readonly TranscriptEntry[]> {
    return readTranscript(await this.options.states.transcript(identityKey(identity)));
  }

  /** `key` in the language of the person's conversation; in both languages when none is chosen (or `identity` is unknown). */
  async textFor(identity: ChannelIdentity | undefined, key: string): Promise<string> {
    const state = identity ? await this.options.states.load(identityKey(identity)) : undefined;
    const { locales } = this.options;
    if (state?.locale) return locales.t(state.locale, key);
    return LOCALES.map((locale) => locales.t(locale, key)).join('\n');
  }

  private async turn(ctx: TurnContext, inbound: Inbound): Promise<Outbound[]> {
    const notes: Outbound[] = [];
    // Sitting at the menu is not an interrupted conversation: no note for that.
    if (ctx.state.flow && ctx.state.flow !== 'menu' && this.isIdle(ctx.state)) {
      this.runner.leave(ctx);
      notes.push({ text: ctx.t(ctx.state.draft ? 'session.expired-draft' : 'session.expired') });
    }
    if (!READABLE_KINDS.has(inbound.kind)) return [...notes, { text: ctx.hint('error.unsupported-kind') }, ...(await this.runner.reprompt(ctx))];
    // Stored text may not hold control characters (domain text schema); dropping them here keeps a
    // stray one from being accepted at a step and then failing the profile write at the flow's end.
    const text = (inbound.text ?? '').replace(CONTROL_CHARACTERS, '').trim();
    if (text.length > this.maxMessageLength) {
      return [...notes, { text: ctx.hint('error.message-too-long', { max: this.maxMessageLength }) }, ...(await this.runner.reprompt(ctx))];
    }
    const answer = { text, ...(inbound.choiceId !== undefined ? { choiceId: inbound.choiceId } : {}) };
    return [...notes, ...(await this.route(ctx, answer))];
  }

  private async route(ctx: TurnContext, answer: { text: string; choiceId?: string }): Promise<Outbound[]> {
    const { state } = ctx;
    const consented = ctx.seeker !== undefined || state.consentAt !== undefined;
    const pressed = this.alerts.pressed(ctx, answer);
    // Switching off one's own alerts keeps nothing new, so it needs no consent: a subscriber whose
    // conversation state expired can still stop them from the alert itself.
    if (pressed && (consented || pressed.kind === 'unsubscribe')) return this.alerts.act(ctx, pressed);
    if (!consented && state.flow !== 'welcome' && state.flow !== 'language') return this.runner.start(ctx, 'welcome');
    const action = answer.choiceId === undefined ? globalAction(answer.text) : undefined;
    const trigger = answer.choiceId === undefined ? this.triggers.get(normalizeAnswer(answer.text).replace(/@\w+$/, '')) : undefined;
    const leaving = action === 'menu' || action === 'cancel' ? 'menu' : consented ? trigger : undefined;
    // "menu", "cari"… halfway through the registration: ask before leaving it (its answers are kept either way).
    if (leaving !== undefined && leaving !== state.flow && !DRAFT_KEEPS_GOING.has(leaving) && this.runner.holdsDraft(ctx)) {
      return this.runner.askToLeaveDraft(ctx, this.reachable(ctx, leaving));
    }
    if (action) return this.global(ctx, action);
    if (trigger && consented) return this.runner.start(ctx, trigger);
    const typed = this.alerts.typed(ctx, answer);
    if (typed) return this.alerts.act(ctx, typed);
    if (state.flow) return this.runner.answer(ctx, answer);
    return [{ text: ctx.t('menu.unknown') }, ...(await this.runner.start(ctx, 'menu'))];
  }

  private async global(ctx: TurnContext, action: GlobalAction): Promise<Outbound[]> {
    switch (action) {
      case 'menu':
        return this.runner.start(ctx, 'menu');
      case 'language':
        return this.runner.interrupt(ctx, 'language');
      case 'help': {
        // A question's own help, then (once the words work: after consent) what works at any time; elsewhere the whole list.
        const key = this.runner.helpKey(ctx);
        const consented = ctx.seeker !== undefined || ctx.state.consentAt !== undefined;
        const text = !key ? ctx.hint('help.general') : consented ? `${ctx.hint(key)}\n\n${ctx.hint('help.anytime')}` : ctx.hint(key);
        return [{ text }, ...(await this.runner.reprompt(ctx))];
      }
      case 'back':
        return (await this.runner.back(ctx)) ?? [{ text: ctx.t('nav.no-back') }, ...(await this.runner.reprompt(ctx))];
      case 'cancel': {
        const wasInFlow = ctx.state.flow !== undefined && ctx.state.flow !== 'menu';
        this.runner.leave(ctx);
        return [{ text: ctx.t(wasInFlow ? 'nav.cancelled' : 'nav.nothing-to-cancel') }, ...(await this.runner.start(ctx, 'menu'))];
      }
    }
  }

  /** Where leaving a draft for `flowId` can go: a flow that needs the unfinished profile cannot be reached, so the menu instead. */
  private reachable(ctx: TurnContext, flowId: string): string {
    return this.runner.flow(flowId)?.requires === 'profile' && !ctx.seeker ? 'menu' : flowId;
  }

  private isIdle(state: ConversationState): boolean {
    if (!state.lastActiveAt) return false;
    return this.now().getTime() - Date.parse(state.lastActiveAt) > this.idleTimeoutMs;
  }

  private context(
    person: string,
    identity: ChannelIdentity,
    seeker: Seeker | undefined,
    state: ConversationState,
    hint: Locale | undefined,
    forget: () => void,
  ): TurnContext {
    const { locales, store, services } = this.options;
    const minimumWage = this.minimumWage;
    // Filled into any text that names them; getters, so the long kecamatan list is built only for the texts that show it.
    const common = {
      get umk() {
        return formatRupiah(minimumWage);
      },
      get kecamatanList() {
        return services.kecamatanNames().map((name, i) => `${i + 1}. ${name}`).join('\n');
      },
    };
    const text = (locale: Locale, key: string, params?: Params) => locales.t(locale, key, params ? Object.assign(Object.create(common) as Params, params) : common);
    const ctx: TurnContext = {
      person,
      identity,
      seeker,
      state,
      store,
      services,
      now: this.now(),
      minimumWage,
      get locale(): Locale {
        return state.locale ?? seeker?.locale ?? hint ?? 'id';
      },
      t(key: string, params?: Params) {
        return text(ctx.locale, key, params);
      },
      hint(key: string, params?: Params) {
        // No language chosen yet (the first question): say it in both.
        if (state.locale !== undefined || seeker !== undefined) return text(ctx.locale, key, params);
        return LOCALES.map((locale) => text(locale, key, params)).join('\n');
      },
      forget,
      transcript: () => this.transcript(identity),
    };
    return ctx;
  }
}
