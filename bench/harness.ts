import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Shared pieces of the benchmark scripts: timing, percentiles, forced GC, a markdown table. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function timeMs<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/**
 * A full, synchronous garbage collection: `global.gc` when node runs with --expose-gc (ensureHeap
 * re-runs the scripts with it), else the same function fetched by setting the flag at run time.
 * The benchmarks call it after each build, so a build's garbage is not collected in the middle
 * of the measured queries.
 */
const gcFn: (() => void) | undefined = ((): (() => void) | undefined => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  const fetched: unknown = runInNewContext('gc');
  return typeof fetched === 'function' ? (fetched as () => void) : undefined;
})();

/** How full collections are forced here, for the benchmark's header. */
export const gcMethod: string =
  typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'global.gc, node --expose-gc' : gcFn !== undefined ? 'gc via v8.setFlagsFromString' : 'unavailable';

export function collectGarbage(): void {
  gcFn?.();
}

/** Heap in use after a full collection, in MB: what a structure really keeps alive. */
export function settledHeapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/**
 * Re-runs this script with a larger heap (and --expose-gc) when the current limit is below `mb`:
 * the package script is a plain `tsx bench/match.ts`, and the baselines plus a million
 * subscriptions need room. Returns true when the child ran (the caller should exit with
 * `process.exitCode`).
 */
export function ensureHeap(mb: number): boolean {
  if (getHeapStatistics().heap_size_limit / 1_048_576 >= mb * 0.9) return false;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, '--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
  return true;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** Node, CPU count and model, and the load average: the context a latency figure needs. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  return `node ${process.version} · ${availableParallelism()} × ${cpu} · load average ${load}`;
}
