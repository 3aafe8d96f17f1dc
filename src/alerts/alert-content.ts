import type { Outbound } from '../conversation/message.js';
import type { ChannelIdentity, Locale } from '../domain/index.js';
import type { SendJobData } from './send-job.js';

/** Who a send job goes to, resolved from the store when the job runs (it may have changed or gone). */
export interface Recipient {
  readonly identity: ChannelIdentity;
  /** `channel/userId`: the Delivery row's recipient, one per person and channel. */
  readonly key: string;
  readonly locale: Locale;
}

/** What a send job says to its recipient. */
export interface AlertContent {
  /**
   * The message for one job, in the recipient's language, with its buttons (numbered on WhatsApp).
   * Undefined when there is nothing to say any more: the vacancy closed or passed its deadline,
   * the broadcast was cancelled, none of a digest's vacancies is still open.
   */
  render(job: SendJobData, recipient: Recipient): Promise<Outbound | undefined>;
}
