import { spawnSync } from 'node:child_process';
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

setFlagsFromString('--expose-gc');
const gcFn: unknown = runInNewContext('gc');

/** Heap in use after a full collection, in MB: what a structure really keeps alive. */
export function settledHeapMb(): number {
  if (typeof gcFn === 'function') (gcFn as () => void)();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/**
 * Re-runs this script with a larger heap when the current limit is below `mb`: the package script
 * is a plain `tsx bench/match.ts`, and the baselines plus a million subscriptions need room.
 * Returns true when the child ran (the caller should exit with `process.exitCode`).
 */
export function ensureHeap(mb: number): boolean {
  if (getHeapStatistics().heap_size_limit / 1_048_576 >= mb * 0.9) return false;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
  return true;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
