import path from 'node:path';
import express from 'express';
import type { InboundHandler, Outbound } from '../../conversation/message.js';
import type { Logger } from '../../runtime/logger.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import type { ChannelAdapter } from '../channel.js';
import type { ChannelSender } from '../channel-sender.js';
import { webChatRouter } from './web-chat-router.js';
import { WebPushHub } from './web-push.js';

export interface WebChannelOptions {
  readonly redis: RedisClient;
  readonly logger: Logger;
  /** Directory with `chat.html`. */
  readonly publicDir: string;
  /** Messages per user per minute on the chat API. Default: 120. */
  readonly perUserPerMinute?: number;
}

/** The web chat: the chat API, the `/chat` page, and pushed messages over server-sent events. */
export class WebChannel implements ChannelAdapter {
  readonly name = 'web';
  readonly sender: ChannelSender;
  readonly routes;
  readonly readiness;
  private handler: InboundHandler | undefined;
  private readonly push: WebPushHub;

  constructor(options: WebChannelOptions) {
    this.push = new WebPushHub(options.redis, options.logger);
    const push = this.push;
    this.sender = {
      channel: 'web',
      async send(userId: string, message: Outbound) {
        await push.publish(userId, message);
      },
    };
    const page = express.Router();
    page.get('/', (_req, res) => res.sendFile(path.join(options.publicDir, 'chat.html')));
    this.routes = [
      ['/api/chat', webChatRouter({ handler: () => this.handler, push, ...(options.perUserPerMinute ? { perUserPerMinute: options.perUserPerMinute } : {}) })],
      ['/chat', page],
    ] as const;
    this.readiness = {
      name: 'channel:web',
      check: () => Promise.resolve({ ready: this.handler !== undefined, state: this.handler ? `ok (${push.connections} pages open)` : 'starting' }),
    };
  }

  async start(handler: InboundHandler): Promise<void> {
    await this.push.listen();
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.handler = undefined;
    await this.push.close();
  }
}
