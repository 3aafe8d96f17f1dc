import { Writable } from 'node:stream';
import type { LoggerOptions } from 'pino';
import { createLogger, type Logger } from '../../src/runtime/logger.js';

/** One JSON log line as pino wrote it. */
export interface LogLine {
  readonly level: string;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** A real logger (redaction and all) whose lines are kept: `lines` parsed, `raw` as written. */
export function captureLogs(level: LoggerOptions['level'] = 'debug'): { logger: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, raw };
}
