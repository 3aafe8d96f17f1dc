import type { InboundHandler, Outbound } from '../../conversation/message.js';
import type { Logger } from '../../runtime/logger.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import type { ChannelAdapter } from '../channel.js';
import type { ChannelSender } from '../channel-sender.js';
import { chatPageRouter, rootRedirectRouter } from './chat-page-router.js';
import { DEFAULT_WEB_CHAT_LIMITS, type WebChatLimits } from './web-chat-limits.js';
import type { WebInboxOptions } from './web-inbox.js';
import { webChatRouter } from './web-chat-router.js';
import { WebPushHub } from './web-push.js';
import { WebSessionSigner } from './web-session.js';

export interface WebChannelOptions {
  readonly redis: RedisClient;
  readonly logger: Logger;
  /** Directory with `chat.html`, `chat.js` and `chat.css`. */
  readonly publicDir: string;
  /**
   * Signs the web chat sessions (HMAC-SHA256), at least 32 random bytes. Every web process must
   * get the same key (the service takes it from the store's secrets), and changing it ends every
   * session: pages then start a new conversation. Required.
   */
  readonly sessionKey: Buffer;
  /** Rate limits and event-stream caps. Default: DEFAULT_WEB_CHAT_LIMITS (120 messages a minute per session, 20 new conversations per address per 10 minutes, 3 streams per session, 2000 per process). */
  readonly limits?: Partial<WebChatLimits>;
  /** Prefix of the rate-limit counters in Redis; processes that share limits share it. Default: `lokerbot:rl:web:`. */
  readonly rateLimitPrefix?: string;
  /** How many pushed messages wait for a closed page, and how long. Default: WebInbox's (50, 30 days). */
  readonly inbox?: WebInboxOptions;
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
    const limits: WebChatLimits = { ...DEFAULT_WEB_CHAT_LIMITS, ...options.limits };
    const sessions = new WebSessionSigner(options.sessionKey);
    this.push = new WebPushHub(options.redis, options.logger, { streamsPerUser: limits.streamsPerSession, maxStreams: limits.maxStreams, ...(options.inbox ? { inbox: options.inbox } : {}) });
    const push = this.push;
    this.sender = {
      channel: 'web',
      async send(userId: string, message: Outbound) {
        await push.publish(userId, message);
      },
    };
    const api = webChatRouter({
      handler: () => this.handler,
      push,
      sessions,
      redis: options.redis,
      limits,
      rateLimitPrefix: options.rateLimitPrefix ?? 'lokerbot:rl:web:',
    });
    this.routes = [
      ['/api/chat', api],
      ['/chat', chatPageRouter(options.publicDir)],
      ['/', rootRedirectRouter()],
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

  endStreams(): void {
    this.push.endStreams();
  }

  async stop(): Promise<void> {
    this.handler = undefined;
    await this.push.close();
  }
}
