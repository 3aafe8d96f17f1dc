import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths whose values are personal data (UU 27/2022): never written to logs. Log ids instead.
 * Message text is redacted too, because people type names and phone numbers into chats.
 */
export const REDACTED_PATHS = [
  'phone',
  '*.phone',
  'nik',
  '*.nik',
  'name',
  '*.name',
  'text',
  '*.text',
  'userId',
  '*.userId',
  'recipient',
  '*.recipient',
  'identityKeys',
  '*.identityKeys',
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

const PHONE = /(?:\+?62|0)8\d{7,12}/g;
const NIK = /\b\d{16}\b/g;

/** Masks Indonesian mobile numbers and 16-digit NIKs that slip into free text such as error messages. */
export function maskPersonalData(text: string): string {
  return text.replace(NIK, '[nik]').replace(PHONE, (m) => `${m.slice(0, 4)}…${m.slice(-2)}`);
}

export interface LoggerConfig {
  /** Default: `info`. */
  readonly level?: LoggerOptions['level'];
  /** Where lines go. Default: standard output. */
  readonly destination?: NodeJS.WritableStream;
}

export function createLogger(config: LoggerConfig = {}): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg)) as typeof args;
        method.apply(this, masked);
      },
    },
    serializers: {
      err: (err: Error) => ({
        type: err.name,
        code: (err as { code?: unknown }).code,
        message: maskPersonalData(err.message),
        stack: err.stack ? maskPersonalData(err.stack) : undefined,
      }),
    },
  };
  return config.destination ? pino(options, config.destination as pino.DestinationStream) : pino(options);
}
