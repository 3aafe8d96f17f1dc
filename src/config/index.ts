import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { DEFAULT_REFRESH_PERIODS } from '../domain/job-search.js';

/** Process roles: `all` in one process; `web` (HTTP, chat, channel intake) and `worker` (queue workers) to scale out. */
export const ROLES = ['all', 'web', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Kabupaten Bekasi's UMK (upah minimum kabupaten) for 2026, rupiah a month: Keputusan Gubernur Jawa
 * Barat No. 561/Kep.862-Kesra/2025 of 25 December 2025 (up from Rp 5.558.515 in 2025). The default
 * of `UMK_RUPIAH`, which the chat reads "UMK" by; update it when the next year's UMK is set.
 */
export const DEFAULT_UMK_RUPIAH = 5_938_885;

/**
 * What the office does with a vacancy's discriminating wording at publication (`POSTING_WARNINGS`):
 * `reason` asks for an `overrideReason`, audited, before such a vacancy is opened; `inform` only
 * shows the warnings. Missing facts (pay, deadline, place) are shown and never block.
 */
export const POSTING_WARNING_POLICIES = ['reason', 'inform'] as const;
export type PostingWarningPolicy = (typeof POSTING_WARNING_POLICIES)[number];

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const optionalUrl = (protocols: readonly string[], example: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isUrlWith(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, e.g. ${example}`,
    });

const FRAME_SOURCE = /^(?:'self'|'none'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i;
const FRAME_ANCESTORS_MESSAGE = "must be 'self', 'none', or a space-separated list of 'self' and origins such as https://disnaker.bekasikab.go.id (no paths)";

/** `CHAT_FRAME_ANCESTORS`: CSP sources only, so nothing else can be smuggled into the header. */
const frameAncestors = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim().split(/\s+/).filter(Boolean))
  // A shell or an env file easily strips the quotes: `self` and `none` mean the keywords.
  .transform((sources) => sources.map((s) => (s === 'self' || s === 'none' ? `'${s}'` : s)))
  .transform((sources) => (sources.length === 0 ? ["'self'"] : sources))
  .refine((sources) => sources.every((s) => FRAME_SOURCE.test(s)) && (!sources.includes("'none'") || sources.length === 1), { message: FRAME_ANCESTORS_MESSAGE });

const positiveInt = (max: number, fallback: number) =>
  z.coerce.number({ message: `must be a whole number from 1 to ${max}` }).int(`must be a whole number from 1 to ${max}`).min(1, `must be a whole number from 1 to ${max}`).max(max, `must be a whole number from 1 to ${max}`).default(fallback);

function isUrlWith(value: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.host !== '';
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a whole number from 1 to 65535' })
    .int('must be a whole number from 1 to 65535')
    .min(1, 'must be a whole number from 1 to 65535')
    .max(65535, 'must be a whole number from 1 to 65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  REDIS_SERVER_BIN: z.string().trim().min(1).default('redis-server'),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100').max(60_000).default(2000),
  INDEX_RECONCILE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(5, 'must be at least 5').max(86_400).default(30),
  OUTBOX_POLL_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100').max(60_000).default(1000),
  ALERT_JOB_LOCK_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1000, 'must be at least 1000').max(600_000).default(30_000),
  PROFILE_REFRESH_WEEKS: positiveInt(52, DEFAULT_REFRESH_PERIODS.weeks),
  PROFILE_REFRESH_GRACE_DAYS: positiveInt(90, DEFAULT_REFRESH_PERIODS.graceDays),
  DIGEST_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (WIB), e.g. 07:00').default('07:00'),
  MONGODB_URI: optionalUrl(['mongodb:', 'mongodb+srv:'], 'mongodb://localhost:27017/lokerbot'),
  ROLE: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }).default('all'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… as given by @BotFather')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TELEGRAM_API_ROOT: optionalUrl(['http:', 'https:'], 'https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalUrl(['https:', 'http:'], 'https://bot.example.go.id/telegram'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WHATSAPP_ENABLED: flag.default(false),
  WHATSAPP_MIN_GAP_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1000, 'must be at least 1000 (WhatsApp bans fast senders)').max(600_000).default(3000),
  WHATSAPP_MAX_PER_MINUTE: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(60, 'must be at most 60 (WhatsApp bans fast senders)').default(20),
  CONVERSATION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1).max(7 * 24 * 60).default(30),
  CHAT_MESSAGES_PER_MINUTE: positiveInt(10_000, 120),
  CHAT_NEW_CONVERSATIONS_PER_IP: positiveInt(1_000_000, 20),
  CHAT_MAX_EVENT_STREAMS: positiveInt(100_000, 2000),
  CHAT_FRAME_ANCESTORS: frameAncestors,
  PUBLIC_BASE_URL: optionalUrl(['https:', 'http:'], 'https://loker.bekasikab.go.id')
    .refine((v) => v === undefined || !/[?#]/.test(v), { message: 'must be a site address without ? or #, e.g. https://loker.bekasikab.go.id' })
    .transform((v) => v?.replace(/\/+$/, '')),
  PUPPETEER_EXECUTABLE_PATH: z.string().trim().min(1).default('/usr/bin/chromium'),
  ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (use `openssl rand -hex 24`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_REQUESTS_PER_MINUTE: positiveInt(100_000, 600),
  ADMIN_REQUESTS_PER_IP_PER_MINUTE: positiveInt(1_000_000, 1200),
  ADMIN_LOGINS_PER_IP: positiveInt(10_000, 20),
  PLACEMENT_TARGET: positiveInt(10_000_000, 3000),
  POSTING_WARNINGS: z.enum(POSTING_WARNING_POLICIES, { message: `must be one of ${POSTING_WARNING_POLICIES.join(', ')}` }).default('reason'),
  TELEGRAM_SEND_PER_SECOND: z.coerce.number({ message: 'must be a whole number from 1 to 30' }).int('must be a whole number from 1 to 30').min(1, 'must be a whole number from 1 to 30').max(30, 'must be a whole number from 1 to 30 (Telegram allows about 30 messages a second)').default(25),
  TELEGRAM_SEND_PER_CHAT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').min(0, 'must be 0 (off) or more').max(60_000, 'must be at most 60000').default(1000),
  SEND_CONCURRENCY: positiveInt(100, 10),
  WEB_INBOX_MAX_MESSAGES: positiveInt(1000, 50),
  WEB_INBOX_DAYS: positiveInt(365, 30),
  UMK_RUPIAH: z.coerce
    .number({ message: 'must be whole rupiah a month, e.g. 5938885' })
    .int('must be whole rupiah a month, e.g. 5938885')
    .min(1_000_000, 'must be whole rupiah a month, at least 1000000')
    .max(100_000_000, 'must be whole rupiah a month, at most 100000000')
    .default(DEFAULT_UMK_RUPIAH),
});

export type RawEnv = z.input<typeof envSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly redisServerBin: string;
  /** Longest wait for one Redis reply on the request path before it answers 503. */
  readonly redisCommandTimeoutMs: number;
  /** How often every process reconciles its matching indexes with the store. */
  readonly indexReconcileSeconds: number;
  readonly alerts: {
    /** How often worker processes look for outbox events to send. */
    readonly outboxPollMs: number;
    /** When the daily digest goes out, HH:MM WIB. */
    readonly digestTime: string;
    /** How long a job stays with a worker that stopped answering before another worker takes it. */
    readonly jobLockMs: number;
    /** Weeks after a seeker's last confirmation before they are asked whether they still look for work. */
    readonly profileRefreshWeeks: number;
    /** Days an unanswered refresh question waits before the seeker's alerts are paused. */
    readonly profileRefreshGraceDays: number;
  };
  readonly mongodbUri: string | undefined;
  readonly role: Role;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly shutdownTimeoutMs: number;
  readonly telegram: {
    readonly botToken: string | undefined;
    readonly apiRoot: string | undefined;
    readonly webhookUrl: string | undefined;
    readonly webhookSecret: string | undefined;
  };
  readonly whatsapp: { readonly enabled: boolean; readonly chromiumPath: string; readonly minGapMs: number; readonly maxPerMinute: number };
  readonly conversationIdleMinutes: number;
  /** Kabupaten Bekasi's monthly minimum wage (UMK) in rupiah: what "UMK" means as an expected salary. */
  readonly umkRupiah: number;
  readonly adminToken: string | undefined;
  /** Limits of the admin API and its logins, counted in Redis over all web processes. */
  readonly admin: {
    /** Requests per admin token per minute. */
    readonly requestsPerMinute: number;
    /** Requests per client address per minute. */
    readonly requestsPerIpPerMinute: number;
    /** Login attempts (dashboard, queue dashboard) per client address per 10 minutes. */
    readonly loginsPerIp: number;
    /** Whether a vacancy with discriminating wording needs a reason to be opened. */
    readonly postingWarnings: PostingWarningPolicy;
    /** Local (KTP Bekasi) placements the office aims for in a year. */
    readonly placementTarget: number;
  };
  readonly webChat: {
    /** Messages per web chat session per minute (over all web processes). */
    readonly messagesPerMinute: number;
    /** New web chat conversations per client address per 10 minutes. */
    readonly newConversationsPerIp: number;
    /** Open event streams per process. */
    readonly maxEventStreams: number;
    /** CSP `frame-ancestors` sources of the `/chat` page. */
    readonly frameAncestors: readonly string[];
  };
  /**
   * The site's public address, for the absolute links of the vacancy feed and pages (`PUBLIC_BASE_URL`,
   * no trailing slash). Undefined: taken from each request's host.
   */
  readonly publicBaseUrl: string | undefined;
  /** The alert and broadcast send workers. */
  readonly sending: {
    /** Telegram messages per second over every worker process. */
    readonly telegramPerSecond: number;
    /** Least time between two messages to one Telegram chat (0: off). */
    readonly telegramPerChatMs: number;
    /** Sends in flight per worker process on the Telegram and web queues (WhatsApp: always 1). */
    readonly concurrency: number;
    /** Messages kept per web chat person whose page is closed. */
    readonly webInboxMaxMessages: number;
    /** Days a kept web chat message waits to be shown. */
    readonly webInboxDays: number;
  };
}

/**
 * Reads and validates the environment. This is the only place that reads `process.env`.
 * Throws a ConfigError with one line per bad value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      const shown = value === undefined || /TOKEN|SECRET|KEY|URI|URL/.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set');
  }
  if (e.PROFILE_REFRESH_GRACE_DAYS >= e.PROFILE_REFRESH_WEEKS * 7) {
    problems.push(`PROFILE_REFRESH_GRACE_DAYS: must be fewer days than PROFILE_REFRESH_WEEKS weeks (${e.PROFILE_REFRESH_WEEKS * 7}), or a seeker would be paused after being asked again`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    redisServerBin: e.REDIS_SERVER_BIN,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    indexReconcileSeconds: e.INDEX_RECONCILE_SECONDS,
    alerts: Object.freeze({
      outboxPollMs: e.OUTBOX_POLL_MS,
      digestTime: e.DIGEST_TIME,
      jobLockMs: e.ALERT_JOB_LOCK_MS,
      profileRefreshWeeks: e.PROFILE_REFRESH_WEEKS,
      profileRefreshGraceDays: e.PROFILE_REFRESH_GRACE_DAYS,
    }),
    mongodbUri: e.MONGODB_URI,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    telegram: Object.freeze({
      botToken: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
    }),
    whatsapp: Object.freeze({
      enabled: e.WHATSAPP_ENABLED,
      chromiumPath: e.PUPPETEER_EXECUTABLE_PATH,
      minGapMs: e.WHATSAPP_MIN_GAP_MS,
      maxPerMinute: e.WHATSAPP_MAX_PER_MINUTE,
    }),
    conversationIdleMinutes: e.CONVERSATION_IDLE_MINUTES,
    umkRupiah: e.UMK_RUPIAH,
    adminToken: e.ADMIN_TOKEN,
    admin: Object.freeze({ requestsPerMinute: e.ADMIN_REQUESTS_PER_MINUTE, requestsPerIpPerMinute: e.ADMIN_REQUESTS_PER_IP_PER_MINUTE, loginsPerIp: e.ADMIN_LOGINS_PER_IP, postingWarnings: e.POSTING_WARNINGS, placementTarget: e.PLACEMENT_TARGET }),
    webChat: Object.freeze({
      messagesPerMinute: e.CHAT_MESSAGES_PER_MINUTE,
      newConversationsPerIp: e.CHAT_NEW_CONVERSATIONS_PER_IP,
      maxEventStreams: e.CHAT_MAX_EVENT_STREAMS,
      frameAncestors: Object.freeze([...e.CHAT_FRAME_ANCESTORS]),
    }),
    publicBaseUrl: e.PUBLIC_BASE_URL,
    sending: Object.freeze({
      telegramPerSecond: e.TELEGRAM_SEND_PER_SECOND,
      telegramPerChatMs: e.TELEGRAM_SEND_PER_CHAT_MS,
      concurrency: e.SEND_CONCURRENCY,
      webInboxMaxMessages: e.WEB_INBOX_MAX_MESSAGES,
      webInboxDays: e.WEB_INBOX_DAYS,
    }),
  });
}
