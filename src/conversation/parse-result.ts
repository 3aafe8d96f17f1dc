import type { Locale } from '../domain/index.js';
import type { StepDefinition } from './flow-schema.js';
import type { Params } from './i18n.js';
import type { ConversationServices } from './services.js';

export interface ResolvedChoice {
  readonly id: string;
  /** Label in the person's language. */
  readonly label: string;
}

export type ParseResult =
  | { readonly ok: true; readonly value: unknown }
  /** `choices`: the answer could mean several things, offered to pick from instead of the question again. */
  | { readonly ok: false; readonly error: string; readonly params?: Params; readonly choices?: readonly ResolvedChoice[] };

export interface ParseInput {
  readonly text: string;
  readonly choiceId?: string;
  readonly step: StepDefinition;
  readonly choices: readonly ResolvedChoice[];
  readonly services: ConversationServices;
  /** The person's language, for names read back to them (skills). Default: `id`. */
  readonly locale?: Locale;
  /** Answers given so far in the flow (the desa step reads the kecamatan). Default: none. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The regency's minimum wage (UMK), what "UMK" at a rupiah step means. Default: "UMK" is not understood. */
  readonly minimumWage?: number;
  /** Texts in the person's language, for choices a parser offers. Default: the key itself. */
  readonly t?: (key: string, params?: Params) => string;
}

export const ok = (value: unknown): ParseResult => ({ ok: true, value });

export const fail = (error: string, params?: Params, choices?: readonly ResolvedChoice[]): ParseResult => ({
  ok: false,
  error,
  ...(params ? { params } : {}),
  ...(choices ? { choices } : {}),
});
