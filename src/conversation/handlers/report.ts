import { REPORT_TRANSCRIPT_LINES, TRANSCRIPT_LINE_MAX, type ReportReason, type ReportTranscriptLine } from '../../domain/index.js';
import { maskPersonalData } from '../../runtime/logger.js';
import { newId } from '../../store/index.js';
import type { CompleteHandler, TurnContext } from '../handlers.js';
import type { TranscriptEntry } from '../message.js';

/** The flow (flows/report.yaml) and the step a report begins at. */
export const REPORT_FLOW = 'report';
export const REPORT_FIRST_STEP = 'reason';

/** Words typed at a vacancy's detail that report it. */
export const REPORT_WORDS: ReadonlySet<string> = new Set(['laporkan', 'lapor', 'laporkan pungutan', 'laporkan penipuan', 'report', 'report scam']);

/**
 * What the report flow starts with: the vacancy, and the conversation so far as it would be
 * attached (the turns before the report, not the report's own questions). It waits in the flow's
 * data, beside the transcript it was copied from, and is kept only if the person agrees; leaving
 * the flow drops it.
 */
export async function reportStart(ctx: TurnContext, vacancyId: string): Promise<Record<string, unknown>> {
  const chat = excerpt(await ctx.transcript());
  return { vacancyId, chat, hasChat: chat.length > 0 };
}

/** Stores the report and says what happens next. */
export const saveReport: CompleteHandler = async (ctx) => {
  const { data } = ctx.state;
  const vacancy = typeof data.vacancyId === 'string' ? await ctx.store.vacancies.get(data.vacancyId) : undefined;
  if (!vacancy) return { replies: [{ text: ctx.t('search.gone') }] };
  const shareChat = data['share-chat'] === true;
  const text = typeof data.details === 'string' && data.details !== '' ? data.details : undefined;
  const at = ctx.now.toISOString();
  const report = await ctx.store.reports.create({
    id: newId('rpt'),
    vacancyId: vacancy.id,
    reporter: ctx.identity,
    reporterKey: ctx.person,
    locale: ctx.locale,
    reason: data.reason as ReportReason,
    ...(text ? { text } : {}),
    ...(shareChat ? { transcript: data.chat } : {}),
    status: 'open',
    createdAt: at,
    updatedAt: at,
  });
  const actor = ctx.seeker ? `seeker:${ctx.seeker.id}` : `chat:${ctx.identity.channel}`;
  await ctx.store.audit.record({ actor, action: 'report.create', target: { type: 'report', id: report.id }, details: { vacancyId: vacancy.id, reason: report.reason, transcript: shareChat } });
  const chatLine = data.hasChat === true ? [ctx.t(shareChat ? 'report.done.chat-attached' : 'report.done.chat-not-attached')] : [];
  return { replies: [{ text: [ctx.t('report.done', { id: report.id }), ...chatLine].join('\n') }] };
};

/** The last lines of the conversation as a report keeps them: bounded, with phone numbers and NIKs masked in the bot's lines too. */
function excerpt(entries: readonly TranscriptEntry[]): ReportTranscriptLine[] {
  return entries.slice(-REPORT_TRANSCRIPT_LINES).map((entry) => ({ from: entry.from, text: maskPersonalData(entry.text.slice(0, TRANSCRIPT_LINE_MAX)).trim() }));
}
