/** Something `/readyz` asks: the store, Redis, each enabled channel. */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * Whether the process is unready while this check fails. Channels are not: a WhatsApp waiting
   * for its QR must not take the web chat out of a load balancer. Default: true.
   */
  readonly critical?: boolean;
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
    checks.map(async (c): Promise<[string, ReadinessState, boolean]> => {
      const critical = c.critical ?? true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ReadinessState>((resolve) => {
        timer = setTimeout(() => resolve({ ready: false, state: 'timeout' }), timeoutMs);
      });
      try {
        return [c.name, await Promise.race([c.check(), timeout]), critical];
      } catch {
        return [c.name, { ready: false, state: 'unreachable' }, critical];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report = Object.fromEntries(results.map(([name, state]) => [name, state]));
  return { ready: results.every(([, r, critical]) => r.ready || !critical), checks: report };
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
