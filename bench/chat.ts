/**
 * `npm run bench:chat`: simulated seekers register and search over the web chat API of the whole
 * service (started in this process on its embedded defaults: SQLite in a temp DATA_DIR, its own
 * redis-server, demo vacancies), compared in the same run with the HTTP floor (`GET /healthz`).
 * The load comes from a separate process (bench/chat-load.ts) so it does not share the service's event loop.
 *
 *   --quick               short smoke run
 *   --users=1000          users in the closed-loop runs (each sends the 19 messages of CHAT_SCRIPT)
 *   --concurrency=200     users talking at the same time
 *   --rate=1000           offered messages/s in the paced runs (the target)
 *   --paced-users=600     users in the paced runs
 *   --vacancies=300       demo vacancies seeded
 *   --max-seconds=60      cap per run
 *   --only=chat|healthz   skip the other runs (e.g. to profile the engine alone with node --cpu-prof)
 *
 * Target (issue 5): ≥ 1,000 messages/s per process with p99 ≤ 50 ms.
 */
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startChatService, type ChatService } from '../test/helpers/chat-service.js';
import { CHAT_SCRIPT, type LoadPlan, type LoadResult } from './chat-load.js';
import { fmt, percentile, table } from './harness.js';

interface Options {
  readonly quick: boolean;
  readonly users: number;
  readonly concurrency: number;
  readonly rate: number;
  readonly pacedUsers: number;
  readonly vacancies: number;
  readonly maxSeconds: number;
  /** Run only the chat or only the healthz runs (for profiling one of them). Default: both. */
  readonly only: 'chat' | 'healthz' | undefined;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      users: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      'paced-users': { type: 'string' },
      vacancies: { type: 'string' },
      'max-seconds': { type: 'string' },
      only: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const num = (value: string | undefined, fallback: number, name: string): number => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${value}")`);
    return n;
  };
  return {
    quick,
    users: num(values.users, quick ? 100 : 1000, 'users'),
    concurrency: num(values.concurrency, quick ? 50 : 200, 'concurrency'),
    rate: num(values.rate, quick ? 500 : 1000, 'rate'),
    pacedUsers: num(values['paced-users'], quick ? 100 : 600, 'paced-users'),
    vacancies: num(values.vacancies, 300, 'vacancies'),
    maxSeconds: num(values['max-seconds'], quick ? 20 : 60, 'max-seconds'),
    only: onlyOf(values.only),
  };
}

function onlyOf(value: string | undefined): Options['only'] {
  if (value === undefined || value === 'chat' || value === 'healthz') return value;
  throw new Error(`--only must be chat or healthz (got "${value}")`);
}

type ChildMessage = { ready: true } | { ok: true; result: LoadResult } | { ok: false; error: string };

/**
 * Runs one plan in a forked load process and collects its result. `onStart` runs once the child has
 * loaded, just before it gets the plan, so start-up of the child is not measured.
 */
function runInChild(plan: LoadPlan, onStart: () => void = () => undefined): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // tsx resolved from here, so the child loads TypeScript whatever the working directory is.
    const child = fork(path.join(import.meta.dirname, 'chat-load.ts'), [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (raw: ChildMessage) => {
      if ('ready' in raw) {
        onStart();
        child.send(plan);
        return;
      }
      settled = true;
      if (raw.ok) resolve(raw.result);
      else reject(new Error(`load process failed: ${raw.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with ${code} before reporting`));
    });
  });
}

/** CPU seconds (user + system) used so far by a process, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return Number.NaN;
  }
}

function redisPid(chat: ChatService): number {
  try {
    return Number(fs.readFileSync(path.join(chat.dataDir, 'redis', 'redis-server.pid'), 'utf8'));
  } catch {
    return Number.NaN;
  }
}

interface Row {
  readonly name: string;
  readonly result: LoadResult;
  /** Service process CPU seconds during the run. */
  readonly serviceCpu: number;
  readonly redisCpu: number;
  /** Redis commands run during the run. */
  readonly redisCommands: number;
  /** The service's event-loop delay during the run (ms): how long a ready callback waited for the loop. */
  readonly loopP99: number;
}

/** Commands Redis has run so far (all clients), from INFO commandstats. */
async function redisCommands(chat: ChatService): Promise<number> {
  const info = String(await chat.service.redis.info('commandstats'));
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}

async function measure(name: string, plan: LoadPlan, chat: ChatService): Promise<Row> {
  const pid = redisPid(chat);
  const commands0 = await redisCommands(chat);
  let cpu0 = process.cpuUsage();
  let redis0 = cpuSecondsOf(pid);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const result = await runInChild(plan, () => {
    cpu0 = process.cpuUsage();
    redis0 = cpuSecondsOf(pid);
    loop.enable();
  });
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const redisCpu = cpuSecondsOf(pid) - redis0;
  // Less the INFO calls themselves; background work (BullMQ, change feed) is in the count but small when idle.
  const commands = (await redisCommands(chat)) - commands0 - 1;
  return { name, result, serviceCpu: (cpu.user + cpu.system) / 1e6, redisCpu, redisCommands: commands, loopP99: loop.percentile(99) / 1e6 };
}

function machine(): string {
  let model = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /Model name:\s*(.+)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? model;
  } catch {
    // lscpu missing: keep os.cpus()
  }
  return `${os.availableParallelism()} cores (${model}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

type RunKey = 'floor' | 'closed' | 'floorPaced' | 'paced';

async function runAll(o: Options, chat: ChatService): Promise<Map<RunKey, Row>> {
  const base = { baseUrl: chat.baseUrl, maxSeconds: o.maxSeconds };
  const closed = { ...base, users: o.users, concurrency: o.concurrency };
  const paced = { ...base, users: o.pacedUsers, concurrency: o.concurrency, rate: o.rate };
  const chatToo = o.only !== 'healthz';
  const floorToo = o.only !== 'chat';
  // Warm-up (not reported): JIT, SQLite's page cache, Redis connections.
  if (chatToo) await runInChild({ ...base, kind: 'chat', users: Math.min(100, o.users), concurrency: Math.min(50, o.concurrency), runId: 'warm' });
  if (floorToo) await runInChild({ ...base, kind: 'healthz', users: 50, concurrency: 50, runId: 'warm-h' });
  const rows = new Map<RunKey, Row>();
  if (floorToo) rows.set('floor', await measure('healthz, closed loop (HTTP floor)', { ...closed, kind: 'healthz', runId: 'h1' }, chat));
  if (chatToo) rows.set('closed', await measure('chat, closed loop (max throughput)', { ...closed, kind: 'chat', runId: 'c1' }, chat));
  if (floorToo) rows.set('floorPaced', await measure(`healthz, paced @${o.rate}/s`, { ...paced, kind: 'healthz', runId: 'h2' }, chat));
  if (chatToo) rows.set('paced', await measure(`chat, paced @${o.rate}/s (target)`, { ...paced, kind: 'chat', runId: 'c2' }, chat));
  return rows;
}

/** Redis's own pauses: append-only-file rewrites fork the server, and a fork stops it for a moment. */
async function redisPauses(chat: ChatService): Promise<string> {
  const persistence = String(await chat.service.redis.info('persistence'));
  const stats = String(await chat.service.redis.info('stats'));
  const field = (text: string, name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(text)?.[1] ?? '?';
  return `redis: ${field(persistence, 'aof_rewrites')} AOF rewrites during the whole bench, last fork took ${fmt(Number(field(stats, 'latest_fork_usec')) / 1000, 1)} ms`;
}

const HEADER = ['run', 'messages', 'seconds', 'messages/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'svc CPU', 'svc CPU ms/msg', 'svc loop p99 ms', 'redis CPU', 'redis cmds/msg', 'client CPU'];

/** One table row. CPU shares are of the run's wall time (100% = one core all the run); CPU ms per message holds up best when other work shares the machine. */
function cells({ name, result: r, serviceCpu, redisCpu, redisCommands, loopP99 }: Row): string[] {
  return [
    name,
    String(r.messages),
    fmt(r.seconds),
    fmt(r.messages / r.seconds, 0),
    fmt(percentile(r.latencies, 50)),
    fmt(percentile(r.latencies, 95)),
    fmt(percentile(r.latencies, 99)),
    fmt(Math.max(...r.latencies), 1),
    String(r.errors),
    `${fmt((serviceCpu / r.seconds) * 100, 0)}%`,
    fmt((serviceCpu * 1000) / r.messages, 3),
    fmt(loopP99, 1),
    `${fmt((redisCpu / r.seconds) * 100, 0)}%`,
    fmt(redisCommands / r.messages, 1),
    `${fmt((r.clientCpuSeconds / r.seconds) * 100, 0)}%`,
  ];
}

function report(o: Options, rows: ReadonlyMap<RunKey, Row>, started: Date, loadBefore: number): void {
  const out = process.stdout;
  const [loadAfter] = os.loadavg();
  const busy = loadBefore > 0.5 * os.availableParallelism();
  out.write(`\nbench:chat — ${started.toISOString()} — ${machine()}\n`);
  out.write(`load average before ${fmt(loadBefore)}, after ${fmt(loadAfter ?? Number.NaN)}${busy ? ' — OTHER WORK WAS RUNNING ON THIS MACHINE; throughput and latency are worse than on an idle one' : ''}\n`);
  out.write(`${o.quick ? 'QUICK run. ' : ''}${o.vacancies} demo vacancies, SQLite + own redis-server (AOF), log level silent; ${CHAT_SCRIPT.length} messages per user (registration + "cari");\n`);
  out.write(`closed loop: ${o.users} users, ${o.concurrency} at a time; paced: ${o.pacedUsers} users, ${o.concurrency} at a time, offered ${o.rate} messages/s.\n\n`);
  out.write(`${table(HEADER, [...rows.values()].map(cells))}\n\n`);
  for (const { name, result } of rows.values()) {
    if (result.errors > 0) out.write(`${name}: ${result.errors} errors (${result.rateLimited} rate-limited, ${result.badSearches} searches without matches); e.g. ${result.samples.join(' | ')}\n`);
  }
  const floor = rows.get('floor');
  const closed = rows.get('closed');
  if (floor && closed) {
    const perMsg = (row: Row) => (row.serviceCpu * 1000) / row.result.messages;
    out.write(`chat vs HTTP floor (closed loop): ${fmt(rate(floor.result) / rate(closed.result), 1)}× fewer messages/s; the engine adds ${fmt(perMsg(closed) - perMsg(floor), 3)} ms of service CPU per message\n`);
  }
  const paced = rows.get('paced');
  if (paced) {
    const steps = paced.result.stepP99.map((ms, i) => ({ ms, text: CHAT_SCRIPT[i]!, i })).sort((a, b) => b.ms - a.ms);
    out.write(`slowest steps in the paced chat run (p99 per step): ${steps.slice(0, 4).map((x) => `#${x.i + 1} "${x.text}" ${fmt(x.ms, 1)} ms`).join(', ')}; fastest: ${fmt(steps.at(-1)?.ms ?? Number.NaN, 1)} ms\n`);
    const p99 = percentile(paced.result.latencies, 99);
    const met = o.rate >= 1000 && rate(paced.result) >= 0.97 * o.rate && p99 <= 50 && paced.result.errors === 0;
    out.write(`target ≥ 1000 messages/s with p99 ≤ 50 ms: ${met ? 'MET' : 'NOT MET'} (paced run: ${fmt(rate(paced.result), 0)} messages/s, p99 ${fmt(p99)} ms${o.rate < 1000 ? `; offered only ${o.rate}/s` : ''})\n`);
  }
  out.write('Closed-loop latency is mostly queueing (Little: latency ≈ concurrency / throughput); the paced run is the one to hold against the target.\n');
}

const rate = (r: LoadResult): number => r.messages / r.seconds;

async function main(): Promise<void> {
  const o = options();
  const started = new Date();
  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  // Every simulated user starts a conversation from the one loopback address: lift the per-address limit.
  const chat = await startChatService({ vacancies: o.vacancies, env: { CHAT_NEW_CONVERSATIONS_PER_IP: '1000000' } });
  let rows: Map<RunKey, Row>;
  let pauses: string;
  try {
    rows = await runAll(o, chat);
    pauses = await redisPauses(chat);
  } finally {
    await chat.stop();
  }
  report(o, rows, started, loadBefore);
  process.stdout.write(`${pauses}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:chat failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
