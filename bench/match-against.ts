/**
 * `npm run bench:match -- --against=<git ref>`: this tree's engine and the engine of another commit
 * in one process, built and queried in turn on the same generated vacancies and seekers. This
 * machine's speed drifts by a third within an afternoon, so a change is judged by the ratio of the
 * two, measured side by side, not by absolute figures from different hours.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatcherOptions, MatchSeeker, MatchVacancy } from '../src/matching/index.js';
import { projectRoot } from '../src/project-root.js';
import { collectGarbage, fmt, percentile, timeMs } from './harness.js';
import { mean } from './metrics.js';

interface Engine {
  addVacancy(v: MatchVacancy): void;
  topVacanciesFor(s: MatchSeeker, k: number): unknown;
}
type EngineFactory = (options: MatcherOptions) => Engine;

/** The other commit checked out beside this one (sharing node_modules), and how to remove it. */
function checkout(ref: string): { dir: string; remove: () => void } {
  const root = projectRoot();
  const dir = join(mkdtempSync(join(tmpdir(), 'lokerbot-against-')), 'tree');
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, ref], { stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    remove: () => {
      execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}

async function factoryIn(dir: string): Promise<EngineFactory> {
  const module = (await import(join(dir, 'src', 'matching', 'index.ts'))) as { createDefaultMatcher: EngineFactory };
  return module.createDefaultMatcher;
}

/**
 * Rows of `what | this tree | <ref> | ratio` per size: build seconds (best of `rounds`), and the
 * p50, p99 and mean of every measured query over all rounds. Builds alternate, this tree first in
 * odd rounds and the other first in even ones, so neither always runs on a warmer process; then
 * both engines answer each query in turn.
 */
export async function compareAgainst(
  ref: string,
  run: { sizes: readonly number[]; seekers: readonly MatchSeeker[]; vacancy: (i: number) => MatchVacancy; nowMs: number; rounds: number },
): Promise<string[][]> {
  const other = checkout(ref);
  try {
    const engines: [string, EngineFactory][] = [
      ['this tree', (await import('../src/matching/index.js')).createDefaultMatcher],
      [ref, await factoryIn(other.dir)],
    ];
    const rows: string[][] = [];
    for (const size of run.sizes) {
      const vacancies = Array.from({ length: size }, (_, i) => run.vacancy(i));
      const builds = new Map<string, number[]>(engines.map(([name]) => [name, []]));
      const queries = new Map<string, number[]>(engines.map(([name]) => [name, []]));
      for (let round = 0; round < run.rounds; round++) {
        const order = round % 2 === 0 ? engines : [...engines].reverse();
        const built = order.map(([name, create]) => {
          collectGarbage();
          const engine = create({ now: () => run.nowMs });
          builds.get(name)!.push(timeMs(() => vacancies.forEach((v) => engine.addVacancy(v))).ms);
          for (const s of run.seekers.slice(0, 20)) engine.topVacanciesFor(s, 10);
          return [name, engine] as const;
        });
        collectGarbage();
        // Queries interleave, one of each engine per seeker, so a drift of the machine's speed hits both alike.
        for (const s of run.seekers) for (const [name, engine] of built) queries.get(name)!.push(timeMs(() => engine.topVacanciesFor(s, 10)).ms);
        process.stderr.write(`against ${ref}: ${size} vacancies, round ${round + 1} of ${run.rounds}\n`);
      }
      const [mine, theirs] = engines.map(([name]) => ({ build: Math.min(...builds.get(name)!) / 1000, times: queries.get(name)! }));
      const row = (what: string, a: number, b: number, digits: number): string[] => [`${what} @${size}`, fmt(a, digits), fmt(b, digits), `${fmt(a / b, 2)}×`];
      rows.push(
        row('build s (best)', mine!.build, theirs!.build, 2),
        row('query p50 ms', percentile(mine!.times, 50), percentile(theirs!.times, 50), 3),
        row('query p99 ms', percentile(mine!.times, 99), percentile(theirs!.times, 99), 3),
        row('query mean ms', mean(mine!.times), mean(theirs!.times), 3),
      );
    }
    return rows;
  } finally {
    other.remove();
  }
}
