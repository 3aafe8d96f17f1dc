import type { Inbound, InboundHandler, Outbound } from '../conversation/message.js';
import { ServiceUnavailableError } from '../errors/index.js';
import { adapterText } from './adapter-strings.js';

/**
 * Hands the message to the conversation; while something it needs is away (Redis, the store), the
 * person is told to send it again instead of hearing nothing. The message was not read, so nothing
 * of it was kept: sending it again is safe.
 */
export async function handleOrExcuse(handler: InboundHandler, inbound: Inbound): Promise<readonly Outbound[]> {
  try {
    return await handler.handle(inbound);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    return [{ text: adapterText('channel.unavailable', inbound.languageHint ?? 'id') }];
  }
}
