import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pRetry from 'p-retry';
import { DependencyMissingError, LokerError } from '../errors/index.js';
import { freePort } from './free-port.js';
import type { Logger } from './logger.js';

export interface RedisServerOptions {
  /** Working directory for the append-only file, the pid file and the port file. */
  readonly dir: string;
  /** Port to listen on. Default: a free loopback port. */
  readonly port?: number;
  /** Executable. Default: `redis-server` from PATH. */
  readonly bin?: string;
  /** Keep data in an append-only file under `dir`. Default: true. */
  readonly persist?: boolean;
  /** How long to wait for "ready". Default: 10 000 ms. */
  readonly startTimeoutMs?: number;
  /** Restart the server when it dies unexpectedly, on the same port and append-only file. Default: true. */
  readonly supervise?: boolean;
  readonly logger?: Logger;
}

/** What `/readyz` can say about the embedded server. */
export type RedisServerState = 'stopped' | 'starting' | 'running' | 'restarting';

const INSTALL_HINT =
  'Install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`; macOS: `brew install redis`) or set REDIS_URL to a running Redis.';

/**
 * A `redis-server` child process on a free loopback port, for the embedded default and for tests.
 *
 * - Supervised: if it dies, it is started again on the same port and append-only file, so every
 *   client simply reconnects and finds its data.
 * - Tied to this process: on Linux it is started through `setpriv --pdeathsig`, so the kernel stops
 *   it when node dies however it dies (kill -9, out of memory). Elsewhere its pid is written to
 *   `dir/redis-server.pid` and a leftover is stopped on the next start.
 * - Findable: its port is written to `dir/redis-server.port`, so the CLI can tell running processes
 *   about the changes it makes.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  private restarts: AbortController | undefined;
  private stateValue: RedisServerState = 'stopped';
  port = 0;

  constructor(private readonly options: RedisServerOptions) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get state(): RedisServerState {
    return this.stateValue;
  }

  /** The pid of the running server, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.options.dir, { recursive: true });
    this.stateValue = 'starting';
    await this.killLeftover();
    for (let attempt = 1; ; attempt++) {
      this.port = this.options.port ?? (await freePort());
      try {
        await this.spawnOnce();
        this.options.logger?.info({ port: this.port, persist: this.options.persist ?? true }, 'redis-server started');
        return;
      } catch (error) {
        // The port can be taken between freePort() and bind; try another a few times.
        if (attempt >= 3 || this.options.port !== undefined || !(error instanceof LokerError && error.code === 'loker:redis-port-taken')) {
          this.stateValue = 'stopped';
          throw error;
        }
      }
    }
  }

  /** Stops the server (it flushes its append-only file on SIGTERM); SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    this.restarts?.abort();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await this.exited;
      clearTimeout(timer);
      this.options.logger?.info('redis-server stopped');
    }
    this.stateValue = 'stopped';
    fs.rmSync(this.pidFile, { force: true });
    fs.rmSync(this.portFile, { force: true });
  }

  private get pidFile(): string {
    return path.join(this.options.dir, 'redis-server.pid');
  }

  private get portFile(): string {
    return path.join(this.options.dir, 'redis-server.port');
  }

  /** After an unexpected exit: start again on the same port, backing off while that fails. */
  private superviseExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const log = this.options.logger;
    log?.error({ code, signal }, 'redis-server exited unexpectedly');
    if (this.options.supervise === false) {
      this.stateValue = 'stopped';
      return;
    }
    this.stateValue = 'restarting';
    const restarts = new AbortController();
    this.restarts = restarts;
    pRetry(() => this.spawnOnce(), {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 200,
      maxTimeout: 5000,
      randomize: true,
      signal: restarts.signal,
      shouldRetry: ({ error }) => !(error instanceof DependencyMissingError),
      onFailedAttempt: ({ error, attemptNumber }) => log?.warn({ err: error, attempt: attemptNumber, port: this.port }, 'redis-server did not restart; retrying'),
    }).then(
      () => log?.info({ port: this.port }, 'redis-server restarted on its append-only file'),
      (error: unknown) => {
        if (!this.stopping) log?.error({ err: error }, 'redis-server cannot be restarted');
      },
    );
  }

  private spawnOnce(): Promise<void> {
    const persist = this.options.persist ?? true;
    const args = [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--protected-mode', 'yes',
      '--dir', path.resolve(this.options.dir),
      '--save', '',
      '--appendonly', persist ? 'yes' : 'no',
      '--daemonize', 'no',
      '--logfile', '',
    ];
    const bin = this.options.bin ?? 'redis-server';
    const tether = !tetherMissing;
    const child = tether ? spawn('setpriv', ['--pdeathsig', 'SIGTERM', '--', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    return new Promise<void>((resolve, reject) => {
      let output = '';
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new LokerError('loker:redis-start-timeout', `redis-server did not become ready: ${output.slice(-500)}`));
      }, this.options.startTimeoutMs ?? 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!ready && output.includes('Ready to accept connections')) {
          ready = true;
          clearTimeout(timer);
          // Keep draining its output so a full pipe never blocks the server.
          child.stdout?.off('data', onData).resume();
          child.stderr?.off('data', onData).resume();
          if (child.pid) fs.writeFileSync(this.pidFile, String(child.pid));
          fs.writeFileSync(this.portFile, String(this.port));
          this.stateValue = 'running';
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (tether && error.code === 'ENOENT') {
          // No setpriv here: start it directly, tied to us only through the pid file.
          tetherMissing = true;
          this.spawnOnce().then(resolve, reject);
          return;
        }
        reject(error.code === 'ENOENT' ? new DependencyMissingError(`redis-server (${bin})`, INSTALL_HINT) : error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (ready) {
          this.superviseExit(code, signal);
          return;
        }
        // setpriv reports a missing program as exit code 127 rather than a spawn error.
        if (tether && code === 127 && /No such file|failed to execute/i.test(output)) {
          reject(new DependencyMissingError(`redis-server (${bin})`, INSTALL_HINT));
          return;
        }
        const taken = /Address already in use/i.test(output);
        reject(new LokerError(taken ? 'loker:redis-port-taken' : 'loker:redis-exited', `redis-server exited with code ${code}: ${output.slice(-500)}`));
      });
    });
  }

  /** A previous run that was killed hard may have left its redis-server behind on our data dir. */
  private async killLeftover(): Promise<void> {
    let pid: number;
    try {
      pid = Number(fs.readFileSync(this.pidFile, 'utf8'));
    } catch {
      return;
    }
    if (Number.isInteger(pid) && pid > 0 && isRedisServer(pid)) {
      this.options.logger?.warn({ pid }, 'stopping a redis-server left over from a previous run');
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      // It must have released the append-only file before a new server opens it.
      for (let waited = 0; waited < 5000 && isRedisServer(pid); waited += 50) await sleep(50);
    }
    fs.rmSync(this.pidFile, { force: true });
  }
}

/**
 * `setpriv` (util-linux, on every Debian and Ubuntu) sets the child's parent-death signal before it
 * execs redis-server, which node itself cannot do. Tried on Linux; forgotten once it is missing.
 */
let tetherMissing = process.platform !== 'linux';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRedisServer(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false;
  }
}
