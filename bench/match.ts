/**
 * `npm run bench:match`: index build, forward top-10 and reverse alert latency of the matching
 * engine on generated Bekasi data, against a natural TfIdf scan and MiniSearch on the same queries.
 *   --quick              small sizes for a smoke run (2k/10k vacancies, 100k subscriptions)
 *   --sizes=10000,100000 vacancy counts   --subs=1000000   --queries=300
 *   --against=<git ref>  instead, this tree against another commit in one process (match-against.ts),
 *                        at --sizes (default 100000), best build of --rounds=3 and every query
 *
 * Method, printed with the results: after each build a full GC runs (global.gc under
 * --expose-gc), then the first WARMUP forward queries (seekers not among the measured ones) are
 * timed and reported on their own "cold" row, then the measured queries run. The targets are
 * about steady-state serving, so the main rows exclude the cold queries, and the cold row shows
 * what the first users after a start would see.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { demoSeeker, demoSubscription, demoVacancy } from '../src/demo/index.js';
import { createDefaultMatcher, type Matcher, type MatchSeeker, type MatchVacancy } from '../src/matching/index.js';
import { miniSearch, tfidfScan, type Baseline } from './baselines.js';
import { compareAgainst } from './match-against.js';
import { mean } from './metrics.js';
import { collectGarbage, ensureHeap, fmt, gcMethod, machineLine, percentile, settledHeapMb, table, timeMs } from './harness.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const FAR = '2027-01-01T00:00:00Z';
/** Forward queries run (and reported apart) between a build and the measured queries. */
const WARMUP = 50;
/** Warm-up seekers come from another range of the generator than the measured ones. */
const WARMUP_SEEKER_BASE = 1_000_000;

function options(): { sizes: number[]; subs: number; queries: number; tfidfSample: number; miniSample: number; against: string | undefined; rounds: number } {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, sizes: { type: 'string' }, subs: { type: 'string' }, queries: { type: 'string' }, against: { type: 'string' }, rounds: { type: 'string' } },
  });
  const quick = values.quick === true;
  const sizes = (values.sizes ?? (quick ? '2000,10000' : values.against !== undefined ? '100000' : '10000,100000')).split(',').map(Number);
  const rounds = Number(values.rounds ?? 3);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(rounds) || rounds < 1) {
    throw new Error(`--sizes must be positive whole numbers and --rounds a positive whole number, got "${values.sizes ?? ''}" and "${values.rounds ?? ''}"`);
  }
  return {
    sizes,
    against: values.against,
    rounds,
    subs: Number(values.subs ?? (quick ? 100_000 : 1_000_000)),
    queries: Number(values.queries ?? (quick ? 100 : 300)),
    tfidfSample: quick ? 10 : 20,
    miniSample: quick ? 30 : 60,
  };
}

/** Open vacancies with a far deadline: the benchmark measures index work, not filtering. */
function openVacancy(i: number): MatchVacancy {
  return { ...demoVacancy(i, 7), status: 'open', deadline: FAR };
}

function latencies(queries: readonly MatchSeeker[], run: (s: MatchSeeker) => unknown): number[] {
  for (const q of queries.slice(0, 20)) run(q); // warm-up: JIT and caches
  return timed(queries, run);
}

function timed(queries: readonly MatchSeeker[], run: (s: MatchSeeker) => unknown): number[] {
  return queries.map((q) => timeMs(() => run(q)).ms);
}

const max = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);

function compare(name: string, baseline: Baseline, sample: readonly MatchSeeker[], engineMs: number[]): string[] {
  const times = latencies(sample, (s) => baseline.top(s, 10)).slice(0, sample.length);
  return [name, fmt(percentile(times, 50)), fmt(percentile(times, 99)), `${fmt(mean(times) / mean(engineMs), 1)}×`];
}

function benchSize(size: number, seekers: readonly MatchSeeker[], o: ReturnType<typeof options>): { matcher: Matcher; rows: string[][] } {
  const vacancies = Array.from({ length: size }, (_, i) => openVacancy(i));
  const before = settledHeapMb();
  const matcher = createDefaultMatcher({ now: () => NOW.getTime() });
  const build = timeMs(() => vacancies.forEach((v) => matcher.addVacancy(v)));
  const heap = settledHeapMb() - before; // settledHeapMb runs the full GC: the build's garbage goes here
  const warmup = Array.from({ length: WARMUP }, (_, i) => demoSeeker(WARMUP_SEEKER_BASE + i, 11, NOW));
  const cold = timed(warmup, (s) => matcher.topVacanciesFor(s, 10));
  const forward = timed(seekers, (s) => matcher.topVacanciesFor(s, 10));
  const rows = [
    [`engine @${size}`, fmt(build.ms / 1000), fmt(heap, 0), fmt(percentile(forward, 50), 3), fmt(percentile(forward, 99), 3), `max ${fmt(max(forward), 3)} ms`],
    [`  cold: first ${WARMUP} after build`, '', '', fmt(percentile(cold, 50), 3), fmt(percentile(cold, 99), 3), `max ${fmt(max(cold), 3)} ms (not in the row above)`],
  ];
  const tfSample = seekers.slice(0, o.tfidfSample);
  const engineOnTf = latencies(tfSample, (s) => matcher.topVacanciesFor(s, 10)).slice(0, tfSample.length);
  const tf = timeMs(() => tfidfScan(vacancies));
  const tfRow = compare(`TfIdf scan @${size}`, tf.value, tfSample, engineOnTf);
  rows.push([tfRow[0]!, fmt(tf.ms / 1000), '', tfRow[1]!, tfRow[2]!, `engine ${tfRow[3]!} faster`]);
  const miniSampleQ = seekers.slice(0, o.miniSample);
  const engineOnMini = latencies(miniSampleQ, (s) => matcher.topVacanciesFor(s, 10)).slice(0, miniSampleQ.length);
  const ms = timeMs(() => miniSearch(vacancies));
  const msRow = compare(`MiniSearch @${size}`, ms.value, miniSampleQ, engineOnMini);
  rows.push([msRow[0]!, fmt(ms.ms / 1000), '', msRow[1]!, msRow[2]!, `engine ${msRow[3]!} faster`]);
  return { matcher, rows };
}

function benchReverse(matcher: Matcher, o: ReturnType<typeof options>): string[][] {
  const before = settledHeapMb();
  const build = timeMs(() => {
    for (let i = 0; i < o.subs; i++) matcher.addSubscription(demoSubscription(i, 7, NOW));
  });
  const heap = settledHeapMb() - before; // and the full GC before measuring
  const fresh = Array.from({ length: o.queries }, (_, i) => openVacancy(10_000_000 + i));
  fresh.slice(0, 20).forEach((v) => matcher.subscriptionsFor(v));
  let hits = 0;
  const times = fresh.map((v) => timeMs(() => (hits += matcher.subscriptionsFor(v).length)).ms);
  return [[`reverse @${o.subs} subs`, fmt(build.ms / 1000), fmt(heap, 0), fmt(percentile(times, 50), 3), fmt(percentile(times, 99), 3), `avg ${Math.round(hits / fresh.length)} subscriptions per vacancy`]];
}

async function main(): Promise<void> {
  if (ensureHeap(6144)) return;
  const o = options();
  const startedOn = machineLine();
  const seekers = Array.from({ length: o.queries }, (_, i) => demoSeeker(i, 11, NOW));
  if (o.against !== undefined) {
    const rows = await compareAgainst(o.against, { sizes: o.sizes, seekers, vacancy: openVacancy, nowMs: NOW.getTime(), rounds: o.rounds });
    console.log(`matching benchmark against ${o.against} · ${new Date().toISOString()} · ${startedOn} at start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at end`);
    console.log(`both engines in one process, in turn on the same vacancies and ${o.queries} queries (20 untimed warm-up queries after each build); ratio = this tree / ${o.against}`);
    console.log(table(['what', 'this tree', o.against, 'ratio'], rows));
    return;
  }
  const rows: string[][] = [];
  let last: Matcher | undefined;
  for (const size of o.sizes) {
    const result = benchSize(size, seekers, o);
    rows.push(...result.rows);
    last = result.matcher;
    process.stderr.write(`done: ${size} vacancies\n`);
  }
  if (last !== undefined) rows.push(...benchReverse(last, o));
  collectGarbage();
  console.log(`matching benchmark · ${new Date().toISOString()} · ${startedOn} at start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at end`);
  console.log(
    `forward: full GC after each build (${gcMethod}), then ${WARMUP} warm-up queries timed on the "cold" row, then ${o.queries} measured queries; ` +
      `baselines on a sample of them after 20 untimed warm-up queries; reverse: full GC after adding the subscriptions, 20 untimed warm-up vacancies`,
  );
  console.log(table(['what', 'build s', 'heap MB', 'p50 ms', 'p99 ms', 'note'], rows));
}

await main();
