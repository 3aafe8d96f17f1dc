import type { Channel } from '../domain/index.js';
import { LokerError } from '../errors/index.js';

/**
 * The platform refused this message for a reason that a retry will not fix (a malformed request,
 * text too long, a bad button). Not one of the three ChannelSender outcomes, because it points at a
 * bug in what we sent rather than at the recipient or the platform: log it and drop the job.
 */
export class SendRejectedError extends LokerError {
  constructor(channel: Channel, reason: string, options: { cause?: unknown } = {}) {
    super('loker:send-rejected', `${channel}: message rejected: ${reason}`, { ...options, context: { channel }, unrecoverable: true });
  }
}
