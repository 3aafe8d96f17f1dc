import pRetry, { AbortError } from 'p-retry';

/** Delays between a channel's connection attempts: exponential, capped, optionally randomised. */
export interface ReconnectOptions {
  /** Delay before the first retry (p-retry's `minTimeout`). Default: 5,000 ms. */
  readonly initialMs?: number;
  /** Longest delay (`maxTimeout`). Default: 300,000 ms (5 min). */
  readonly maxMs?: number;
  /** Growth per failed attempt (`factor`). Default: 2. */
  readonly factor?: number;
  /**
   * Multiply each delay by a random factor between 1 and 2 (`randomize`), so processes restarted
   * together do not retry in step. Default: true.
   */
  readonly randomize?: boolean;
}

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = { initialMs: 5_000, maxMs: 300_000, factor: 2, randomize: true };

export interface KeepConnectedOptions {
  readonly reconnect?: ReconnectOptions;
  /** Aborting it stops at once: a pending delay is cut short and no further attempt starts. Required. */
  readonly signal: AbortSignal;
  /**
   * Called after each failed attempt, before its delay (not when stopping). `attempt` counts from
   * 1 and starts again after a connection that worked, so a caller can log the first failure of
   * an outage as an error and the repeats as warnings.
   */
  readonly onFailure: (error: unknown, attempt: number) => void;
  /** An error that retrying cannot cure (a rejected token): `keepConnected` rejects with it at once. Default: none. */
  readonly isPermanent?: (error: unknown) => boolean;
}

/**
 * Connects, and connects again with backoff whenever the connection fails or ends, until `signal`
 * aborts (resolves) or a permanent error (rejects with it).
 *
 * `connect` gets a `connected()` callback to call once the connection works. It resolves when
 * there is nothing more to keep (a webhook is set) and throws when the connection failed or ended:
 * - before `connected()`: a failed attempt, and the next delay grows;
 * - after `connected()`: a connection that worked has ended, so the backoff starts over, and
 *   that end counts as the first failure of the new outage (one delay of `initialMs`, then growing).
 *
 * Each outage is one p-retry run; the loop here only begins a fresh run after a connection worked,
 * which is how the attempt counter is reset.
 */
export async function keepConnected(connect: (connected: () => void) => Promise<void>, options: KeepConnectedOptions): Promise<void> {
  const { signal } = options;
  const delays = { ...DEFAULT_RECONNECT, ...definedOnly(options.reconnect) };
  let lost: unknown; // how the last connection that worked ended
  while (!signal.aborted) {
    const endOfWorkingConnection = lost;
    lost = undefined;
    let finished = false;
    try {
      await pRetry(
        async (attempt) => {
          if (attempt === 1 && endOfWorkingConnection !== undefined) throw retryable(endOfWorkingConnection);
          let worked = false;
          try {
            await connect(() => (worked = true));
            finished = true;
          } catch (error) {
            if (options.isPermanent?.(error)) throw new AbortError(error instanceof Error ? error : String(error));
            if (!worked) throw retryable(error);
            // Resolving ends this run, so the next one counts from 1 again.
            lost = error;
          }
        },
        {
          retries: Number.POSITIVE_INFINITY,
          factor: delays.factor,
          minTimeout: delays.initialMs,
          maxTimeout: delays.maxMs,
          randomize: delays.randomize,
          signal,
          onFailedAttempt: ({ error, attemptNumber }) => {
            if (!signal.aborted) options.onFailure(unwrap(error), attemptNumber);
          },
        },
      );
    } catch (error) {
      if (signal.aborted) return;
      throw unwrap(error);
    }
    if (finished) return;
  }
}

/**
 * p-retry gives up at once on a TypeError that is not a network error (it takes it for a bug).
 * A connection attempt is retried whatever it threw, as before, so such errors travel wrapped.
 */
class AttemptFailed extends Error {
  constructor(readonly original: unknown) {
    super('connection attempt failed', { cause: original });
    this.name = 'AttemptFailed';
  }
}

function retryable(error: unknown): Error {
  return error instanceof Error && !(error instanceof TypeError) ? error : new AttemptFailed(error);
}

function unwrap(error: unknown): unknown {
  return error instanceof AttemptFailed ? error.original : error;
}

function definedOnly(options: ReconnectOptions | undefined): ReconnectOptions {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
}
