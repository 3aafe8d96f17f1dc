import type { ChannelIdentity, Locale, Seeker } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { Params } from './i18n.js';
import type { Outbound, TranscriptEntry } from './message.js';
import type { ConversationServices } from './services.js';
import type { ConversationState } from './state-store.js';

/** What a handler can see and use for one message. */
export interface TurnContext {
  /** `channel/userId`. */
  readonly person: string;
  readonly identity: ChannelIdentity;
  readonly locale: Locale;
  /** The stored profile, when the person has registered. */
  readonly seeker: Seeker | undefined;
  /** The conversation state; handlers may change `data`, `locale` and `consentAt`. */
  readonly state: ConversationState;
  readonly store: Store;
  readonly services: ConversationServices;
  readonly now: Date;
  /** The regency's monthly minimum wage (UMK) in rupiah: what "UMK" typed as an expected salary means. */
  readonly minimumWage: number;
  /** The text of `key` in the person's language. `{umk}` and `{kecamatanList}` are filled in unless given. */
  t(key: string, params?: Params): string;
  /** A hint or explanation: in both languages while no language has been chosen yet, else as `t`. */
  hint(key: string, params?: Params): string;
  /** Drops everything kept about this conversation at the end of the turn ("delete my data"). */
  forget(): void;
  /** The person's recent conversation, oldest first, as far as this turn: empty on a channel that keeps none (only the web chat does). */
  transcript(): Promise<readonly TranscriptEntry[]>;
}

/** A flow to switch to; `step` and `single` open one step of it, e.g. to edit one profile field. */
export type FlowStart = string | { readonly flow: string; readonly step: string; readonly single: boolean };

/** What a custom step handler decided about an answer. */
export interface StepOutcome {
  readonly replies?: readonly Outbound[];
  /** Go to this step of the same flow (its prompt is shown). */
  readonly goto?: string;
  /** Go on as the flow says after this step (`next`, or the following step). */
  readonly advance?: boolean;
  /** Finish the flow now (runs its `complete` handler). */
  readonly end?: boolean;
  /** Leave this flow and start another. */
  readonly startFlow?: FlowStart;
  /** Leave this flow and open a step of another with answers already known (see FlowRunner.open), e.g. a report on the vacancy shown. */
  readonly openFlow?: { readonly flow: string; readonly step: string; readonly data: Readonly<Record<string, unknown>> };
  /** Stay at this step; the replies say why. The default when nothing else is set. */
  readonly stay?: boolean;
}

export interface CompleteResult {
  readonly replies: readonly Outbound[];
  /** A flow to start right after, e.g. registration after consent. */
  readonly then?: string;
}

export type RenderHandler = (ctx: TurnContext) => Promise<Outbound>;
export type InputHandler = (ctx: TurnContext, answer: { text: string; choiceId?: string }) => Promise<StepOutcome>;
export type CompleteHandler = (ctx: TurnContext) => Promise<CompleteResult>;

/** The code side of the flows: handlers keyed by the ids the YAML files name. */
export interface FlowHandlers {
  readonly render: Readonly<Record<string, RenderHandler>>;
  readonly input: Readonly<Record<string, InputHandler>>;
  readonly complete: Readonly<Record<string, CompleteHandler>>;
}

export function handlerIds(handlers: FlowHandlers): Set<string> {
  return new Set([...Object.keys(handlers.render), ...Object.keys(handlers.input), ...Object.keys(handlers.complete)]);
}
