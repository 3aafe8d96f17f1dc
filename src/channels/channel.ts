import type { Router } from 'express';
import type { ReadinessCheck } from '../http/readiness.js';
import type { InboundHandler } from '../conversation/message.js';
import type { ChannelSender } from './channel-sender.js';

/** A platform adapter: turns platform events into Inbound messages and renders Outbound replies. */
export interface ChannelAdapter {
  readonly name: string;
  readonly sender: ChannelSender;
  /** Reported on `/readyz`. */
  readonly readiness: ReadinessCheck;
  /** Routes to mount on the express app (e.g. a webhook), with their path. Default: none. */
  readonly routes?: readonly (readonly [string, Router])[];
  /** Starts taking messages; each one goes to `handler` and its replies back to the person. */
  start(handler: InboundHandler): Promise<void>;
  /** Stops taking messages and lets in-flight ones finish. */
  stop(): Promise<void>;
  /**
   * Ends long-lived responses (server-sent event streams) when HTTP stops taking requests, so
   * shutdown does not wait on them. The channel keeps handling messages until `stop()`. Default: none.
   */
  endStreams?(): void;
}
