import { once } from 'node:events';
import type { Response } from 'express';

/** Writes, and waits for the client to take it when its buffer is full (backpressure), or to be gone. */
export async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk) || res.destroyed) return;
  // Whichever comes first ends the wait; the other listener is removed, or a long stream would
  // leave one behind for every full buffer.
  const done = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}
