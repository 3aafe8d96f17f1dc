import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values are personal data or secrets (UU 27/2022): never written to logs, at any
 * depth (`{ turn: { seeker: { name } } }` too). Log ids instead. Message text is redacted as
 * well, because people type names and phone numbers into chats. Compared without case, so
 * `Authorization` and `authorization` are both caught.
 */
export const PERSONAL_KEYS = [
  'phone',
  'contactPhone',
  'nik',
  'name',
  'email',
  'desa',
  'employer',
  'text',
  'raw',
  'location',
  'userId',
  'chatId',
  'recipient',
  'identityKeys',
  'authorization',
  'cookie',
  'set-cookie',
  'sessionToken',
  'x-telegram-bot-api-secret-token',
] as const;

const CENSOR = '[redacted]';
const PERSONAL = new Set<string>(PERSONAL_KEYS.map((key) => key.toLowerCase()));
/** Deeper than any object this service logs; past it a value is dropped rather than walked. */
const MAX_DEPTH = 10;
/** Array items kept per array: a log line is no place for a whole collection. */
const MAX_ITEMS = 100;

// A mobile number as people write it: +62 / 62 / 0, then 8 and 7–12 more digits, spaces or
// dashes allowed between them. Not inside a longer digit run, which is an id or a count.
const PHONE = /(?<!\d)(?:\+62|62|0)[ -]?8(?:[ -]?\d){7,12}(?!\d)/g;
const NIK = /\b\d{16}\b/g;
const MAYBE_PERSONAL = /\d{7}|\d[ -]\d/;

/** Masks Indonesian mobile numbers and 16-digit NIKs that slip into free text such as error messages. */
export function maskPersonalData(text: string): string {
  // Most strings hold no run of digits at all; skip the two replacements for them.
  if (!MAYBE_PERSONAL.test(text)) return text;
  return text.replace(NIK, '[nik]').replace(PHONE, (m) => `${m.slice(0, 4)}…${m.slice(-2)}`);
}

/**
 * A copy of `value` with personal keys censored and phone numbers and NIKs masked in every
 * string, at any depth. Copy on write: an object or array nothing had to change in is returned
 * as it is, so the common flat line (ids and counts) costs one pass over its keys and no copy.
 * Cycles and shared objects are safe (only ancestors count as a cycle); Errors become the same
 * masked shape the `err` serializer writes.
 */
export function redactPersonalData(value: unknown): unknown {
  return redact(value, 0, new Set());
}

function redact(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return serializeError(value);
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  // Dates, URLs, ObjectIds… are logged as what they turn into in JSON.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redact(toJSON.call(value), depth, ancestors);
  ancestors.add(value);
  try {
    return Array.isArray(value) ? redactArray(value, depth, ancestors) : redactObject(value as Record<string, unknown>, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function redactArray(items: readonly unknown[], depth: number, ancestors: Set<object>): unknown[] {
  let copy: unknown[] | undefined = items.length > MAX_ITEMS ? items.slice(0, MAX_ITEMS) : undefined;
  const length = Math.min(items.length, MAX_ITEMS);
  for (let i = 0; i < length; i++) {
    const next = redact(items[i], depth + 1, ancestors);
    if (next !== items[i]) (copy ??= items.slice(0, MAX_ITEMS))[i] = next;
  }
  if (items.length > MAX_ITEMS) copy?.push(`[${items.length - MAX_ITEMS} more]`);
  return copy ?? (items as unknown[]);
}

/** `keep`: a key left as it is (the top-level `err`, which its serializer masks). */
function redactObject(object: Record<string, unknown>, depth: number, ancestors: Set<object>, keep?: string): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    if (key === keep) continue;
    const value = object[key];
    const next = value !== undefined && PERSONAL.has(key.toLowerCase()) ? CENSOR : redact(value, depth + 1, ancestors);
    if (next !== value) (copy ??= { ...object })[key] = next;
  }
  return copy ?? object;
}

interface SerializedError {
  readonly type: string;
  readonly code: unknown;
  readonly message: string;
  readonly stack: string | undefined;
  readonly cause?: unknown;
}

/** Causes followed from one error: enough to see why, bounded for a cause chain that loops. */
const MAX_CAUSES = 3;

/** Name, code, and masked message and stack; its other fields (context that may hold personal data) are left out. */
function serializeError(error: Error, causes = 0): SerializedError {
  const cause: unknown = error.cause;
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    message: maskPersonalData(error.message),
    stack: error.stack ? maskPersonalData(error.stack) : undefined,
    ...(cause !== undefined && causes < MAX_CAUSES ? { cause: cause instanceof Error ? serializeError(cause, causes + 1) : redactPersonalData(cause) } : {}),
  };
}

/**
 * The log call's arguments with its message strings masked. pino takes the message of
 * `log.error(err)` and `log.error({ err })` from `err.message` itself, past this hook's strings,
 * so such calls get the masked message passed explicitly.
 */
function withMaskedMessage(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  const masked = rest.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg));
  if (typeof first === 'string') return [maskPersonalData(first), ...masked];
  const err = first instanceof Error ? first : typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
  if (err instanceof Error && rest.length === 0 && !('msg' in (first as object))) {
    return [first instanceof Error ? { err } : first, maskPersonalData(err.message)];
  }
  return [first, ...masked];
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
    // pino's `redact` paths reach fixed depths only, so the walker below does the work. These
    // paths cover the one place it cannot reach: the bindings of child loggers, which pino
    // writes without the `log` formatter (they are flat by habit: `{ module: 'telegram' }`).
    redact: { paths: PERSONAL_KEYS.filter((key) => /^\w+$/.test(key)), censor: CENSOR },
    formatters: {
      level: (label) => ({ level: label }),
      // The top-level `err` is left to its serializer below, which pino applies afterwards.
      log: (object) => redactObject(object, 0, new Set([object]), 'err'),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, withMaskedMessage(args) as typeof args);
      },
    },
    serializers: {
      err: (err: unknown) => (err instanceof Error ? serializeError(err) : redactPersonalData(err)),
    },
  };
  return config.destination ? pino(options, config.destination as pino.DestinationStream) : pino(options);
}
