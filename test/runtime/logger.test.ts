import { describe, expect, it } from 'vitest';
import { maskPersonalData, redactPersonalData } from '../../src/runtime/logger.js';
import { captureLogs } from '../helpers/log-capture.js';

/** Everything a person in these tests could be recognised by. */
const PERSONAL = /6281234567890|81234567890|0812[ -]?3456[ -]?7890|Budi|Santoso|3216012345678901|budi@example\.org|Sukadami|PT Baja|Cookie-Secret|tg-webhook-secret/;

describe('logger', () => {
  it('redacts personal fields at the top level and one level down', () => {
    const { logger, raw } = capture();
    logger.info({ phone: '+6281234567890', seeker: { name: 'Budi Santoso', nik: '3216012345678901' }, inbound: { text: 'nama saya Budi', userId: '6281234567890' }, seekerId: 'skr-1' }, 'message handled');
    expect(raw.join('')).not.toMatch(PERSONAL);
    expect(raw.join('')).toContain('skr-1');
  });

  it('redacts personal fields at any depth, in arrays too, and keeps ids and counts readable', () => {
    const { logger, lines, raw } = capture();
    logger.info(
      {
        turn: {
          seeker: { id: 'skr-7', name: 'Budi Santoso', phone: '+6281234567890', email: 'budi@example.org', domicile: { kecamatan: 'Cikarang Utara', desa: 'Sukadami' } },
          experience: [{ years: 3, employer: 'PT Baja Jaya', text: 'operator las di PT Baja Jaya' }],
          identities: [{ channel: 'whatsapp', userId: '+6281234567890' }],
        },
        request: { headers: { Authorization: 'Bearer abc', Cookie: 'lokerbot_session=Cookie-Secret', 'X-Telegram-Bot-Api-Secret-Token': 'tg-webhook-secret' } },
        vacancyId: 'vac-42',
        matches: 7,
      },
      'turn finished',
    );
    expect(raw.join('')).not.toMatch(PERSONAL);
    expect(raw.join('')).not.toContain('Bearer abc');
    const line = lines[0] as unknown as {
      turn: { seeker: Record<string, unknown> & { domicile: Record<string, unknown> }; experience: Record<string, unknown>[]; identities: Record<string, unknown>[] };
      request: { headers: Record<string, unknown> };
      vacancyId: string;
      matches: number;
    };
    expect(line.turn.seeker).toMatchObject({ id: 'skr-7', name: '[redacted]', phone: '[redacted]', email: '[redacted]' });
    expect(line.turn.seeker.domicile).toEqual({ kecamatan: 'Cikarang Utara', desa: '[redacted]' });
    expect(line.turn.experience).toEqual([{ years: 3, employer: '[redacted]', text: '[redacted]' }]);
    expect(line.turn.identities).toEqual([{ channel: 'whatsapp', userId: '[redacted]' }]);
    expect(line.request.headers).toEqual({ Authorization: '[redacted]', Cookie: '[redacted]', 'X-Telegram-Bot-Api-Secret-Token': '[redacted]' });
    expect(line.vacancyId).toBe('vac-42');
    expect(line.matches).toBe(7);
  });

  it('masks phone numbers and NIKs inside strings at any depth', () => {
    const { logger, lines, raw } = capture();
    logger.warn({ job: { data: { note: 'kirim ke 0812-3456-7890 atau +62 812 3456 7890' }, tags: ['nik 3216012345678901', 'ok'] } }, 'send to +6281234567890 failed');
    expect(raw.join('')).not.toMatch(PERSONAL);
    expect(lines[0]?.msg).toBe('send to +628…90 failed');
    expect((lines[0] as unknown as { job: { tags: string[] } }).job.tags).toEqual(['nik [nik]', 'ok']);
  });

  it('masks phone numbers and NIKs in errors, their stacks and their causes, wherever the error sits', () => {
    const { logger, lines, raw } = capture();
    const cause = new Error('lookup of 081234567890 failed');
    const error = Object.assign(new Error('bad NIK 3216012345678901 for 0812 3456 7890', { cause }), { code: 'loker:bad-nik', context: { name: 'Budi Santoso' } });
    logger.error({ err: error }, 'oops');
    logger.error(error);
    logger.error({ job: { id: 'j-1', failure: error } }, 'job failed');
    expect(raw.join('')).not.toMatch(PERSONAL);
    const first = lines[0] as unknown as { err: { type: string; code: string; message: string; stack: string; cause: { message: string } } };
    expect(first.err).toMatchObject({ type: 'Error', code: 'loker:bad-nik', message: 'bad NIK [nik] for 0812…90' });
    expect(first.err.stack).toMatch(/^Error: bad NIK \[nik\] for 0812…90\n/);
    expect(first.err.cause.message).toBe('lookup of 0812…90 failed');
    const nested = lines[2] as unknown as { job: { id: string; failure: { message: string } } };
    expect(nested.job.id).toBe('j-1');
    expect(nested.job.failure.message).toBe('bad NIK [nik] for 0812…90');
  });

  it('redacts child logger bindings too', () => {
    const { logger, raw } = capture();
    logger.child({ module: 'telegram', userId: '6281234567890' }).info('bound');
    expect(raw.join('')).not.toMatch(PERSONAL);
    expect(raw.join('')).toContain('"module":"telegram"');
  });

  it('survives cycles, very deep objects and huge arrays', () => {
    const { logger, lines } = capture();
    const loop: Record<string, unknown> = { id: 'a' };
    loop.self = loop;
    let deep: Record<string, unknown> = { phone: '+6281234567890' };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    logger.info({ loop, deep, many: Array.from({ length: 1000 }, (_, i) => i) }, 'odd shapes');
    const line = lines[0] as unknown as { loop: { id: string; self: unknown }; many: unknown[] };
    expect(line.loop).toEqual({ id: 'a', self: '[circular]' });
    expect(line.many).toHaveLength(101);
    expect(line.many.at(-1)).toBe('[900 more]');
    expect(JSON.stringify(line)).toContain('[too deep]');
    expect(JSON.stringify(line)).not.toMatch(PERSONAL);
  });
});

describe('redactPersonalData', () => {
  it('returns a flat line without personal data as it is, without copying', () => {
    const line = { vacancyId: 'vac-1', count: 3, ok: true, ms: 12.5 };
    expect(redactPersonalData(line)).toBe(line);
  });

  it('never changes the object it was given', () => {
    const line = { seeker: { id: 's', name: 'Budi' }, shared: { phone: '0812' } };
    const before = structuredClone(line);
    const redacted = redactPersonalData(line) as typeof line;
    expect(line).toEqual(before);
    expect(redacted.seeker).toEqual({ id: 's', name: '[redacted]' });
  });

  it('logs an object seen twice (not a cycle) both times', () => {
    const shared = { id: 'x' };
    expect(redactPersonalData({ a: shared, b: shared })).toEqual({ a: { id: 'x' }, b: { id: 'x' } });
  });
});

describe('maskPersonalData', () => {
  it.each([
    ['call 081234567890', 'call 0812…90'],
    ['call 0812-3456-7890 now', 'call 0812…90 now'],
    ['call 0812 3456 7890', 'call 0812…90'],
    ['from +6281234567890', 'from +628…90'],
    ['from 6281234567890@c.us', 'from 6281…90@c.us'],
    ['NIK 3216012345678901.', 'NIK [nik].'],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each(['vacancy vac-123 quota 10', 'took 1234 ms', 'job alert-vac-9-web-s1', 'score 0.8123456789', 'timestamp 1717000000000', '2024-06-01T08:00:00.000Z'])('leaves %j alone', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

function capture() {
  return captureLogs('debug');
}
