import { describe, expect, it } from 'vitest';
import { keepConnected, type ReconnectOptions } from '../../src/channels/reconnect.js';
import { sleep, waitFor } from '../helpers/wait.js';

const FAST: ReconnectOptions = { initialMs: 40, factor: 2, maxMs: 200, randomize: false };

/** What one call of `connect` does: fail before connecting, or connect and then end (or stay). */
type Script = 'fail' | 'connect-then-end' | 'connect-and-stay' | 'connect-and-finish';

/** A connection that follows `script`; one that stays ends only when `stop` aborts, as a channel's does. */
function scripted(script: readonly Script[], stop: AbortController) {
  const starts: number[] = [];
  const failures: { attempt: number; message: string; at: number }[] = [];
  const connect = async (connected: () => void): Promise<void> => {
    const step = script[starts.length] ?? 'connect-and-stay';
    starts.push(Date.now());
    if (step === 'fail') throw new Error(`attempt ${starts.length} failed`);
    connected();
    if (step === 'connect-and-finish') return;
    if (step === 'connect-then-end') throw new Error(`connection ${starts.length} lost`);
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve()));
    throw new Error('stopped');
  };
  const onFailure = (error: unknown, attempt: number) => failures.push({ attempt, message: (error as Error).message, at: Date.now() });
  return { connect, onFailure, starts, failures };
}

const gaps = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('keepConnected', () => {
  it('retries a failing connection with growing, capped delays', async () => {
    const stop = new AbortController();
    const run = scripted(['fail', 'fail', 'fail', 'fail', 'fail'], stop);
    const done = keepConnected(run.connect, { reconnect: FAST, signal: stop.signal, onFailure: run.onFailure });
    await waitFor(() => run.starts.length === 6, 'the sixth attempt');
    const delays = gaps(run.starts);
    // 40, 80, 160, then capped at 200.
    for (const [i, least] of [40, 80, 160, 200, 200].entries()) expect(delays[i], `delay ${i + 1}`).toBeGreaterThanOrEqual(least - 5);
    expect(delays[4]).toBeLessThan(300);
    expect(run.failures.map((f) => f.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(run.failures[0]?.message).toBe('attempt 1 failed');
    stop.abort();
    await done;
  });

  it('starts the backoff over after a connection that worked, counting its end as the first failure', async () => {
    const stop = new AbortController();
    const run = scripted(['fail', 'fail', 'fail', 'connect-then-end', 'fail'], stop);
    const done = keepConnected(run.connect, { reconnect: FAST, signal: stop.signal, onFailure: run.onFailure });
    await waitFor(() => run.starts.length === 6, 'the sixth attempt');
    stop.abort();
    await done;
    expect(run.failures.map((f) => [f.attempt, f.message])).toEqual([
      [1, 'attempt 1 failed'],
      [2, 'attempt 2 failed'],
      [3, 'attempt 3 failed'],
      [1, 'connection 4 lost'],
      [2, 'attempt 5 failed'],
    ]);
    const delays = gaps(run.starts);
    // Before the reset the delay had grown to 160 ms; after it, 40 then 80 again.
    expect(delays[2]).toBeGreaterThanOrEqual(155);
    expect(delays[3]).toBeGreaterThanOrEqual(35);
    expect(delays[3]).toBeLessThan(120);
    expect(delays[4]).toBeGreaterThanOrEqual(75);
    expect(delays[4]).toBeLessThan(150);
  });

  it('stops at once during a long delay, without another attempt or a failure report', async () => {
    const stop = new AbortController();
    const run = scripted(['fail'], stop);
    const done = keepConnected(run.connect, { reconnect: { initialMs: 60_000, randomize: false }, signal: stop.signal, onFailure: run.onFailure });
    await waitFor(() => run.failures.length === 1, 'the first failure');
    const began = Date.now();
    stop.abort();
    await done;
    expect(Date.now() - began).toBeLessThan(100);
    await sleep(50);
    expect(run.starts).toHaveLength(1);
    expect(run.failures).toHaveLength(1);
  });

  it('does not report the end of a connection it was told to stop', async () => {
    const stop = new AbortController();
    const run = scripted(['connect-and-stay'], stop);
    const done = keepConnected(run.connect, { reconnect: FAST, signal: stop.signal, onFailure: run.onFailure });
    await waitFor(() => run.starts.length === 1, 'a connection');
    stop.abort();
    await done;
    expect(run.failures).toEqual([]);
    expect(run.starts).toHaveLength(1);
  });

  it('rejects at once with a permanent error, without retrying or reporting it as a failure', async () => {
    const rejected = Object.assign(new Error('401: Unauthorized'), { code: 401 });
    let calls = 0;
    const failures: unknown[] = [];
    const connect = () => {
      calls++;
      return Promise.reject(rejected);
    };
    const options = { reconnect: FAST, signal: new AbortController().signal, onFailure: (e: unknown) => failures.push(e), isPermanent: (e: unknown) => e === rejected };
    await expect(keepConnected(connect, options)).rejects.toBe(rejected);
    await sleep(100);
    expect(calls).toBe(1);
    expect(failures).toEqual([]);
  });

  it('resolves when the connection has nothing more to keep (a webhook is set)', async () => {
    const stop = new AbortController();
    const run = scripted(['fail', 'connect-and-finish'], stop);
    await keepConnected(run.connect, { reconnect: FAST, signal: stop.signal, onFailure: run.onFailure });
    expect(run.starts).toHaveLength(2);
  });

  it('keeps retrying whatever an attempt throws, TypeErrors included (p-retry alone would give up on them)', async () => {
    const thrown = [new TypeError("Cannot read properties of undefined (reading 'id')"), 'a string', new Error('plain')];
    let calls = 0;
    const failures: unknown[] = [];
    const stop = new AbortController();
    const connect = (connected: () => void): Promise<void> => {
      const next = thrown[calls++];
      if (next === undefined) {
        connected();
        return new Promise((resolve) => stop.signal.addEventListener('abort', () => resolve()));
      }
      return Promise.reject(next instanceof Error ? next : new Error(next));
    };
    const done = keepConnected(connect, { reconnect: { initialMs: 5, randomize: false }, signal: stop.signal, onFailure: (e) => failures.push(e) });
    await waitFor(() => calls === 4, 'the fourth attempt');
    expect(failures[0]).toBe(thrown[0]);
    expect(failures).toHaveLength(3);
    stop.abort();
    await done;
  });
});
