/**
 * `npm run bench:reconcile`: what keeping a process's matching indexes in step with the store
 * costs. Every process reconciles its indexes with the store every INDEX_RECONCILE_SECONDS (and
 * after a change feed gap), so this must stay a small fraction of that interval. Baseline, in the
 * same run: building the indexes from scratch (what a restart costs), which a reconciliation
 * replaces.
 *
 *   --quick          10k vacancies only
 *   --sizes=10000,100000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemo } from '../src/demo/index.js';
import { MatchIndex } from '../src/indexes/match-index.js';
import { createDefaultMatcher } from '../src/matching/index.js';
import { createLogger } from '../src/runtime/logger.js';
import { SqliteBackend, Store } from '../src/store/index.js';
import { fmt, machineLine, table } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, sizes: { type: 'string' } } });
const sizes = (values.sizes ?? (values.quick ? '10000' : '10000,100000')).split(',').map(Number);
const silent = createLogger({ level: 'silent' });

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const rows: string[][] = [];
for (const size of sizes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-bench-reconcile-'));
  const store = new Store(new SqliteBackend({ file: path.join(dir, 'lokerbot.sqlite') }));
  try {
    const demo = generateDemo({ vacancies: size, seekers: Math.round(size / 10), subscriptions: Math.round(size / 5), seed: 7, now: new Date() });
    for (const v of demo.vacancies) await store.vacancies.create(v);
    for (const s of demo.seekers) await store.seekers.create(s);
    for (const s of demo.subscriptions) await store.subscriptions.create(s);
    const records = `${size} vacancies, ${demo.seekers.length} seekers, ${demo.subscriptions.length} subscriptions`;

    const index = new MatchIndex(createDefaultMatcher(), store, silent);
    const build = await timed(() => index.load());
    rows.push([records, 'build from scratch (baseline)', fmt(build.ms, 0), '', '']);

    await index.reconcile();
    const idle = [];
    for (let i = 0; i < 5; i++) idle.push((await timed(() => index.reconcile())).ms);
    idle.sort((a, b) => a - b);
    rows.push([records, 'reconcile, nothing changed (median of 5)', fmt(idle[2] ?? 0, 0), `${fmt(build.ms / (idle[2] ?? 1), 0)}× cheaper`, '0']);

    // What a CLI import of 1 % new vacancies and a 1 % edit, unannounced, leaves to the next reconciliation.
    const fresh = generateDemo({ vacancies: Math.round(size / 100), seekers: 0, subscriptions: 0, seed: 8, now: new Date() }).vacancies;
    for (const v of fresh) await store.vacancies.create({ ...v, id: `${v.id}-new` });
    let edited = 0;
    for await (const v of store.vacancies.listOpen()) {
      if (edited++ >= size / 100) break;
      await store.vacancies.update(v.id, (current) => ({ ...current, title: `${current.title} (baru)` }));
    }
    const busy = await timed(() => index.reconcile());
    rows.push([records, 'reconcile after 1 % new + 1 % edited', fmt(busy.ms, 0), `${fmt(build.ms / busy.ms, 0)}× cheaper`, String((busy.value?.updated ?? 0) + (busy.value?.removed ?? 0))]);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(`\nbench:reconcile — ${machineLine()}\n`);
process.stdout.write('SQLite store; the reconciliation reads ids and revisions only, and whole records only for what changed.\n\n');
process.stdout.write(`${table(['store holds', 'run', 'ms', 'vs build', 'records re-indexed'], rows)}\n`);
