/**
 * Polls `probe` until it returns something other than `undefined` or `false`, and returns that;
 * fails after `timeoutMs` saying what did not happen. Every wait in the tests is bounded this way.
 */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Like `waitFor`, for a probe that has to ask something asynchronously (a probe that throws counts as "not yet"). */
export async function waitForAsync<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 5_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
