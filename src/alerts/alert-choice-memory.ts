import type { Outbound } from '../conversation/message.js';
import type { ConversationStateStore } from '../conversation/state-store.js';
import { identityKey } from '../domain/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Recipient } from './alert-content.js';
import type { SendJobData } from './send-job.js';

/**
 * Remembers, after an alert or broadcast was sent, which choices it offered, in the recipient's
 * conversation state: WhatsApp shows them as a numbered list, so the person's next "2" must find
 * the second of them, and "berhenti" right after a broadcast must find its opt-out.
 */
export class AlertChoiceMemory {
  constructor(
    private readonly states: ConversationStateStore,
    private readonly logger: Logger,
  ) {}

  /**
   * The send workers' `onSent`. Never throws: the message is already out, and a failure here must
   * not make the job retry and send it twice. What is lost then is the numbers of this one message
   * (its buttons and ids still work); the log says which job, by ids only.
   *
   * Runs after the send, so a reply typed before this write lands is read without it; waiting for
   * the person's lock keeps it from being lost under a turn in progress.
   */
  readonly rememberAlertChoices = async (recipient: Recipient, job: SendJobData, message: Outbound): Promise<void> => {
    const choices = message.choices ?? [];
    // News of an application or of a report offers nothing to answer.
    if (choices.length === 0 || job.kind === 'application-status' || job.kind === 'report-outcome') return;
    try {
      await this.states.rememberAlert(identityKey(recipient.identity), choices, job.kind);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
      this.logger.warn({ kind: job.kind, sourceId: job.sourceId, channel: recipient.identity.channel, code }, 'alert choices not remembered: typed numbers will not answer this alert');
    }
  };
}
