import { DelayedError, RATE_LIMIT_ERROR, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ChannelSender } from '../channels/channel-sender.js';
import type { Outbound } from '../conversation/message.js';
import type { Channel, Delivery, DeliverySkipReason } from '../domain/index.js';
import { SendAttemptFailedError } from '../errors/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Store } from '../store/index.js';
import type { AlertContent, Recipient } from './alert-content.js';
import { DeliveryLedger, type DeliveryKey, type NotClaimedReason } from './delivery-ledger.js';
import { resolveJob } from './recipient-resolver.js';
import { markRecipientBlocked } from './recipient-blocked.js';
import { classifySendError, describeFailure } from './send-failure.js';
import { parseSendJob, sendJobId, type SendJobData } from './send-job.js';
import type { ChatPacer } from './send-pacing.js';

/**
 * Called after a message went out and its Delivery row says `sent` (to remember the alert's
 * buttons in the person's conversation, for instance). Awaited; what it throws is logged and does
 * not fail the job, which has done its part.
 */
export type OnSent = (recipient: Recipient, job: SendJobData, message: Outbound) => Promise<void> | void;

/** What a finished job did; kept by BullMQ as the job's return value (no personal data). */
export type SendResult = 'sent' | `skipped:${DeliverySkipReason}` | `not-claimed:${NotClaimedReason}`;

export interface SendProcessorOptions {
  /** The channel of the queue this processor serves; a job resolving to another channel is refused. */
  readonly channel: Channel;
  readonly sender: ChannelSender;
  readonly store: Store;
  readonly ledger: DeliveryLedger;
  readonly content: AlertContent;
  readonly logger: Logger;
  /** Per-chat pacing over every process. Default: none (the channel paces itself, or needs none). */
  readonly pacer?: ChatPacer;
  /** Pauses the channel's whole queue for `ms` (a platform's 429). */
  readonly pauseQueue: (ms: number) => Promise<void>;
  readonly onSent?: OnSent;
  /** Spreads the return of jobs delayed for one chat. Default: `Math.random`. */
  readonly random?: () => number;
}

/** What one run of a job got to, for deciding what its failure means. */
interface Attempt {
  jobId: string;
  recipient?: Recipient;
  /** Set once the job holds the Delivery row's claim. */
  delivery?: Delivery;
}

/** Jobs to one chat that were held back return up to this much apart, so they do not all race again. */
const DELAY_SPREAD_MS = 100;

/**
 * One send job, start to end: resolve the recipient from the store, render, wait for the chat's
 * pacing slot, claim the Delivery row, send, record. Every failure leaves as one of BullMQ's own
 * outcomes: a rate limit (the job waits, nothing is lost), a delay, an UnrecoverableError (no
 * retries), or a SendAttemptFailedError for the backoff; never a raw error whose message could
 * carry personal data into Redis.
 */
export class SendProcessor {
  private readonly random: () => number;

  constructor(private readonly options: SendProcessorOptions) {
    this.random = options.random ?? Math.random;
  }

  async process(job: Job<unknown>, token: string | undefined): Promise<SendResult> {
    const attempt: Attempt = { jobId: job.id ?? '' };
    try {
      return await this.run(job, token, attempt);
    } catch (error) {
      throw await this.settleFailure(job, attempt, error);
    }
  }

  private async run(job: Job<unknown>, token: string | undefined, attempt: Attempt): Promise<SendResult> {
    const { store, ledger, content, channel } = this.options;
    const data = parseSendJob(job.data);
    attempt.jobId = job.id ?? sendJobId(data);
    const resolution = await resolveJob(data, store);
    if ('unreachable' in resolution) return this.skip(data, attempt.jobId, resolution.unreachable.key, resolution.unreachable.reason);
    const { recipient } = resolution;
    // A subscription on Telegram in the WhatsApp queue would send a chat id as a phone number.
    if (recipient.identity.channel !== channel) throw new UnrecoverableError(`a ${recipient.identity.channel} recipient in the ${channel} queue`);
    attempt.recipient = recipient;
    const key: DeliveryKey = { sourceId: data.sourceId, recipient: recipient.key, channel, jobId: attempt.jobId };

    // Read first, so a duplicate job spends no render and no pacing slot; the claim decides for good.
    const existing = await ledger.find(key.sourceId, key.recipient);
    const taken = existing && DeliveryLedger.notClaimable(existing, key.jobId);
    if (taken) return this.done(key.jobId, `not-claimed:${taken}`);
    const message = await content.render(data, recipient);
    if (!message) return this.skip(data, key.jobId, recipient.key, 'nothing-to-say');
    await this.waitForChat(job, token, recipient.key);

    const claim = await ledger.claim(key);
    if (!claim.claimed) return this.done(key.jobId, `not-claimed:${claim.reason}`);
    attempt.delivery = claim.delivery;
    await this.options.sender.send(recipient.identity.userId, message);
    // The gap restarts from the platform's acceptance; a lost refresh costs at most one 429 later.
    await this.options.pacer?.sent(recipient.key).catch((error: unknown) => this.options.logger.debug({ err: error }, 'pacing refresh failed'));
    await ledger.markSent(claim.delivery, key.jobId);
    await this.notifySent(recipient, data, message, key.jobId);
    return this.done(key.jobId, 'sent');
  }

  /** Holds the job back (BullMQ's delayed set, not a sleep) while its chat had a message less than a gap ago. */
  private async waitForChat(job: Job<unknown>, token: string | undefined, recipientKey: string): Promise<void> {
    const pacer = this.options.pacer;
    if (!pacer) return;
    const waitMs = await pacer.reserve(recipientKey);
    if (waitMs === 0) return;
    await job.moveToDelayed(Date.now() + waitMs + Math.floor(this.random() * DELAY_SPREAD_MS), token);
    throw new DelayedError();
  }

  private async skip(data: SendJobData, jobId: string, recipientKey: string, reason: DeliverySkipReason): Promise<SendResult> {
    const row = await this.options.ledger.skip({ sourceId: data.sourceId, recipient: recipientKey, channel: this.options.channel, jobId }, reason);
    // The row may say `sent` already: this job came after the person was served.
    return this.done(jobId, row.status === 'skipped' && row.jobId === jobId ? `skipped:${reason}` : `not-claimed:${DeliveryLedger.notClaimable(row, jobId) ?? 'owned-by-another-job'}`);
  }

  private done(jobId: string, result: SendResult): SendResult {
    this.options.logger.debug({ jobId, channel: this.options.channel, result }, 'send job done');
    return result;
  }

  private async notifySent(recipient: Recipient, data: SendJobData, message: Outbound, jobId: string): Promise<void> {
    try {
      await this.options.onSent?.(recipient, data, message);
    } catch (error) {
      this.options.logger.warn({ err: error, jobId }, 'onSent hook failed; the message was sent');
    }
  }

  /**
   * Turns what went wrong into BullMQ's outcome and records it on the Delivery row the job holds.
   * A record that cannot be written (the store is away) makes it a passing failure: the retry
   * sends again and records then.
   */
  private async settleFailure(job: Job<unknown>, attempt: Attempt, error: unknown): Promise<Error> {
    if (isControlFlow(error)) return error;
    const { ledger, logger, channel } = this.options;
    const failure = classifySendError(error);
    const reason = describeFailure(error);
    const { delivery, jobId } = attempt;
    try {
      switch (failure.kind) {
        case 'rate-limited':
          if (delivery) await ledger.noteRetry(delivery, jobId, reason).catch((e: unknown) => logger.debug({ err: e, jobId }, 'could not note the rate limit'));
          logger.info({ jobId, channel, retryAfterMs: failure.retryAfterMs }, 'platform rate limit: queue paused');
          await this.options.pauseQueue(failure.retryAfterMs);
          return Worker.RateLimitError();
        case 'blocked':
          if (attempt.recipient) await markRecipientBlocked(this.options.store, channel, attempt.recipient.identity.userId);
          if (delivery) await ledger.markFailed(delivery, jobId, reason);
          logger.info({ jobId, channel }, 'recipient blocked the bot: switched off, not retried');
          return new UnrecoverableError(reason);
        case 'permanent':
          if (delivery) await ledger.markFailed(delivery, jobId, reason);
          logger.warn({ jobId, channel, reason }, 'send failed for good');
          return new UnrecoverableError(reason);
        case 'temporary':
          if (delivery && isLastAttempt(job)) {
            await ledger.markFailed(delivery, jobId, reason);
            logger.warn({ jobId, channel, reason }, 'send failed after its last attempt');
          } else if (delivery) {
            await ledger.noteRetry(delivery, jobId, reason).catch((e: unknown) => logger.debug({ err: e, jobId }, 'could not note the retry'));
          }
          return new SendAttemptFailedError(reason, { cause: error });
      }
    } catch (recordError) {
      logger.warn({ err: recordError, jobId, channel }, 'could not record a send failure; the job will retry');
      return new SendAttemptFailedError(describeFailure(recordError), { cause: recordError });
    }
  }
}

/** BullMQ's own signals (delay, rate limit, give up), passed through as they are. */
function isControlFlow(error: unknown): error is Error {
  return error instanceof DelayedError || error instanceof UnrecoverableError || (error instanceof Error && error.message === RATE_LIMIT_ERROR);
}

/** BullMQ counts failed tries in `attemptsMade`; this run is the last when one more reaches `attempts`. */
function isLastAttempt(job: Job<unknown>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
