import { Writable } from 'node:stream';
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { write } from '../../src/http/stream-write.js';

/** A client that takes 16 bytes at a time, a tick apart: every write fills its buffer. */
function slowClient(): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString());
      setImmediate(done);
    },
  });
  return { stream, received };
}

describe('writing a stream to a slow client', () => {
  it('waits for each drain and leaves no listener behind, however many times the buffer fills', async () => {
    const { stream, received } = slowClient();
    const listeners = () => stream.listenerCount('close') + stream.listenerCount('drain') + stream.listenerCount('error');
    const before = listeners();
    const chunks = Array.from({ length: 500 }, (_, i) => `{"row":${i}}\n`);
    for (const chunk of chunks) await write(stream as unknown as Response, chunk);
    expect(listeners()).toBe(before);
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(received.join('')).toBe(chunks.join(''));
  });

  it('stops waiting when the client goes away', async () => {
    const { stream } = slowClient();
    const pending = write(stream as unknown as Response, 'x'.repeat(64));
    stream.destroy();
    await expect(pending).resolves.toBeUndefined();
    await expect(write(stream as unknown as Response, 'more')).resolves.toBeUndefined();
  });
});
