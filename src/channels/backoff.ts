export interface BackoffOptions {
  /** First delay. Default: 5,000 ms. */
  readonly initialMs?: number;
  /** Largest delay. Default: 300,000 ms (5 min). */
  readonly maxMs?: number;
  /** Growth per attempt. Default: 2. */
  readonly factor?: number;
  /** Share of the delay added at random, so restarted processes do not retry in step. Default: 0.2. */
  readonly jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 5_000, maxMs: 300_000, factor: 2, jitter: 0.2 };

/** Delay before retry number `attempt` (0-based): initial × factor^attempt, capped, plus jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const o = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(o.maxMs, o.initialMs * o.factor ** Math.max(0, attempt));
  return Math.round(base + base * o.jitter * random());
}

/** A sleep that `wake()` cuts short, so a stopping adapter does not wait out its backoff. */
export class WakeableSleep {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
