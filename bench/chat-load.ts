import http from 'node:http';

/*
 * The load generator of `npm run bench:chat`. It runs in its own process (forked by bench/chat.ts
 * with the same tsx loader), so the client's own CPU does not count against the service's event loop.
 * Simulated users talk like the web chat page: one message at a time, the next after the reply.
 */

/** One seeker's registration and search, as typed or clicked on the page (choices sent as id or label). */
export const CHAT_SCRIPT: readonly string[] = [
  'halo',
  'id',
  'Ya',
  'Budi Santoso',
  'cikarang utra',
  'Lewati',
  'ya',
  'SMK',
  'Teknik Mesin',
  'las smaw, operator forklift',
  'yes',
  '2',
  'skip',
  'operator produksi',
  'Lewati',
  'PKWT',
  'Lewati',
  'ya',
  'tidak',
  'cari',
];

/** Index in CHAT_SCRIPT of "cari": its reply must list matches with reasons. */
const SEARCH_STEP = CHAT_SCRIPT.indexOf('cari');

export interface LoadPlan {
  readonly baseUrl: string;
  /** `chat`: the script over `POST /api/chat/messages`; `healthz`: as many `GET /healthz` per user (the HTTP floor). */
  readonly kind: 'chat' | 'healthz';
  /** Users in total; each sends CHAT_SCRIPT.length messages. */
  readonly users: number;
  /** Users talking at the same time. */
  readonly concurrency: number;
  /** Offered messages per second over all users; undefined = closed loop (next message as soon as the reply is in). */
  readonly rate?: number;
  /** No new message is sent after this many seconds. */
  readonly maxSeconds: number;
  /** Names the run in error notes. (Every simulated user gets a new conversation from the server.) */
  readonly runId: string;
}

export interface LoadResult {
  readonly messages: number;
  readonly seconds: number;
  /** Per-message latency in ms, send to complete reply. */
  readonly latencies: number[];
  readonly errors: number;
  readonly rateLimited: number;
  /** Searches whose reply did not list matches with reasons ("Cocok:" / "Matches:"). */
  readonly badSearches: number;
  /** First few error descriptions, for the report. */
  readonly samples: string[];
  /** Users who finished the whole script. */
  readonly completedUsers: number;
  /** p99 latency (ms) of each step of CHAT_SCRIPT, to find the slow ones. */
  readonly stepP99: number[];
  /** CPU seconds the load process itself used: near one core means the client, not the service, set the pace. */
  readonly clientCpuSeconds: number;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency, maxFreeSockets: plan.concurrency });
  const request = (method: 'GET' | 'POST', path: string, payload?: string, sessionToken?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')));
      req.on('error', reject);
      req.end(payload);
    });

  const latencies: number[] = [];
  const byStep: number[][] = CHAT_SCRIPT.map(() => []);
  let errors = 0;
  let rateLimited = 0;
  let badSearches = 0;
  let completedUsers = 0;
  const samples: string[] = [];
  const note = (what: string) => {
    if (samples.length < 5) samples.push(what);
  };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + plan.maxSeconds * 1000;
  let lastReply = started;
  let nextUser = 0;
  // Paced runs: each slot sends one message every `interval` ms (one user at a time), so all slots offer `rate`.
  const interval = plan.rate ? (plan.concurrency / plan.rate) * 1000 : 0;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const runUser = async (user: number, slotClock: { next: number }): Promise<void> => {
    const who = `${plan.runId} user ${user}`;
    // As the page and any API client: the first message has no session; its reply gives the token for the rest.
    let sessionToken: string | undefined;
    for (let step = 0; step < CHAT_SCRIPT.length; step++) {
      if (interval > 0) {
        const wait = slotClock.next - performance.now();
        if (wait > 0) await sleep(wait);
        slotClock.next = Math.max(slotClock.next + interval, performance.now() - interval);
      }
      if (performance.now() > deadline) return;
      const t0 = performance.now();
      let reply: Reply;
      try {
        reply = plan.kind === 'chat' ? await request('POST', '/api/chat/messages', JSON.stringify({ text: CHAT_SCRIPT[step] }), sessionToken) : await request('GET', '/healthz');
      } catch (error) {
        errors++;
        note(`network: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const t1 = performance.now();
      latencies.push(t1 - t0);
      byStep[step]!.push(t1 - t0);
      lastReply = Math.max(lastReply, t1);
      if (reply.status === 429) {
        rateLimited++;
        errors++;
        note(`429 for ${who} at step ${step}`);
        return;
      }
      if (reply.status !== 200) {
        errors++;
        note(`${reply.status} at step ${step}: ${reply.body.slice(0, 200)}`);
        return;
      }
      if (plan.kind === 'chat' && sessionToken === undefined) {
        sessionToken = sessionTokenOf(reply.body);
        if (!sessionToken) {
          errors++;
          note(`no sessionToken in the first reply for ${who}: ${reply.body.slice(0, 200)}`);
          return;
        }
      }
      if (plan.kind === 'chat' && step === SEARCH_STEP && !/Cocok:|Matches:/.test(reply.body)) {
        badSearches++;
        errors++;
        note(`search without matches: ${reply.body.slice(0, 200)}`);
      }
    }
    completedUsers++;
  };

  const slot = async (index: number): Promise<void> => {
    // Spread the slots' first messages over one interval so a paced run starts smoothly.
    const clock = { next: started + (interval * index) / plan.concurrency };
    while (nextUser < plan.users && performance.now() < deadline) {
      await runUser(nextUser++, clock);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => slot(i)));
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  const clientCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const stepP99 = byStep.map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
  });
  return { messages: latencies.length, seconds: (lastReply - started) / 1000, latencies, errors, rateLimited, badSearches, samples, completedUsers, stepP99, clientCpuSeconds };
}

/** The `sessionToken` of a first reply; only that reply is parsed, so the others cost the client nothing. */
function sessionTokenOf(body: string): string | undefined {
  try {
    const token = (JSON.parse(body) as { sessionToken?: unknown }).sessionToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

// As a forked child: say "ready" once loaded (so the parent measures only the run), run the plan
// the parent sends, send the result back, exit.
const send = process.send?.bind(process);
if (send) {
  send({ ready: true });
  process.once('message', (plan: LoadPlan) => {
    runLoad(plan).then(
      (result) => send({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => send({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
