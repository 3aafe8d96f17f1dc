/** Something `/readyz` asks: the store, Redis, each enabled channel. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves with a short state word ("ok", "connected", "waiting-for-qr"…) or rejects when not ready. */
  check(): Promise<ReadinessState>;
}

export interface ReadinessState {
  readonly ready: boolean;
  readonly state: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, ReadinessState>;
}

/** Runs every check at once, each bounded by `timeoutMs`, so a hung dependency reports instead of hanging. */
export async function runReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, ReadinessState]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ReadinessState>((resolve) => {
        timer = setTimeout(() => resolve({ ready: false, state: 'timeout' }), timeoutMs);
      });
      try {
        return [c.name, await Promise.race([c.check(), timeout])];
      } catch {
        return [c.name, { ready: false, state: 'unreachable' }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report = Object.fromEntries(results);
  return { ready: results.every(([, r]) => r.ready), checks: report };
}

/** A check that is ready when `ping` resolves. */
export function pingCheck(name: string, ping: () => Promise<unknown>): ReadinessCheck {
  return {
    name,
    check: async () => {
      await ping();
      return { ready: true, state: 'ok' };
    },
  };
}
