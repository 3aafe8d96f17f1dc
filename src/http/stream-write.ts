import { once } from 'node:events';
import type { Response } from 'express';

/** Writes, and waits for the client to take it when its buffer is full (backpressure), or to be gone. */
export async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
