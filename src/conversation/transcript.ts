import { z } from 'zod';
import { maskPersonalData } from '../runtime/logger.js';
import type { Inbound, Outbound, TranscriptEntry } from './message.js';
import type { ConversationState } from './state-store.js';

/*
 * What the engine keeps of a turn for channels whose clients can come back for it (the web chat):
 * the replies, for a retry of the same message id, and transcript lines, for a page that reloads.
 * Before consent the person's own words are not kept: only the bot's (the language question and the
 * privacy notice), which hold nothing about them.
 */

/** Longest text of the person's kept in a transcript line. */
const MAX_PERSON_TEXT = 500;

const choiceSchema = z.object({ id: z.string(), label: z.string() });
const outboundSchema = z.object({ text: z.string(), choices: z.array(choiceSchema).optional(), links: z.array(z.object({ label: z.string(), url: z.string() })).optional() });
const entrySchema = z.object({ from: z.enum(['person', 'bot']), text: z.string(), choices: z.array(choiceSchema).optional() });

/**
 * What the person sent, as they saw it: a pressed button (or its id sent back as text, as the web
 * page does) by its label, typed text as typed, with phone numbers and NIKs masked.
 */
export function shownAs(inbound: Inbound, before: ConversationState): string {
  const sent = inbound.choiceId ?? inbound.text ?? '';
  const offered = [...before.offered, ...(before.alert?.choices ?? [])];
  const label = offered.find((choice) => choice.id === sent)?.label;
  return maskPersonalData((label ?? inbound.text ?? '').slice(0, MAX_PERSON_TEXT));
}

/** The transcript lines of one turn, as stored. `said` is undefined when the person's words are not kept. */
export function transcriptLines(said: string | undefined, replies: readonly Outbound[]): string[] {
  const lines: TranscriptEntry[] = [
    ...(said !== undefined && said !== '' ? [{ from: 'person' as const, text: said }] : []),
    ...replies.map((reply): TranscriptEntry => ({ from: 'bot', text: reply.text, ...(reply.choices?.length ? { choices: reply.choices.map((c) => ({ id: c.id, label: c.label })) } : {}) })),
  ];
  return lines.map((line) => JSON.stringify(line));
}

/** Stored transcript lines back as entries; a line this build cannot read is left out. */
export function readTranscript(lines: readonly string[]): TranscriptEntry[] {
  return lines.flatMap((line) => {
    const parsed = entrySchema.safeParse(safeJson(line));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Kept replies back as they were sent, or undefined when they cannot be read. */
export function readReplay(raw: string): Outbound[] | undefined {
  const parsed = z.array(outboundSchema).safeParse(safeJson(raw));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
