import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalData } from '../../src/runtime/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('logger', () => {
  it('redacts personal fields wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info({ phone: '+6281234567890', seeker: { name: 'Budi Santoso', nik: '3216012345678901' }, inbound: { text: 'nama saya Budi', userId: '6281234567890' }, seekerId: 'skr-1' }, 'message handled');
    const out = lines.join('');
    expect(out).not.toMatch(/6281234567890|Budi|3216012345678901/);
    expect(out).toContain('skr-1');
    expect(out).toContain('[redacted]');
  });

  it('masks phone numbers and NIKs inside messages and errors', () => {
    const { logger, lines } = capture();
    logger.warn('send to +6281234567890 failed');
    logger.error({ err: new Error('bad NIK 3216012345678901 for 081234567890') }, 'oops');
    const out = lines.join('');
    expect(out).not.toMatch(/6281234567890|3216012345678901|081234567890/);
  });

  it('masks only what looks like personal numbers', () => {
    expect(maskPersonalData('vacancy vac-123 quota 10')).toBe('vacancy vac-123 quota 10');
    expect(maskPersonalData('call 081234567890')).toBe('call 0812…90');
  });
});
