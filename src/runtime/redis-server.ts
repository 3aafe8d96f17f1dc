import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DependencyMissingError, LokerError } from '../errors/index.js';
import { freePort } from './free-port.js';
import type { Logger } from './logger.js';

export interface RedisServerOptions {
  /** Working directory for the append-only file and the pid file. */
  readonly dir: string;
  /** Executable. Default: `redis-server` from PATH. */
  readonly bin?: string;
  /** Keep data in an append-only file under `dir`. Default: true. */
  readonly persist?: boolean;
  /** How long to wait for "ready". Default: 10 000 ms. */
  readonly startTimeoutMs?: number;
  readonly logger?: Logger;
}

const INSTALL_HINT =
  'Install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`; macOS: `brew install redis`) or set REDIS_URL to a running Redis.';

/**
 * A `redis-server` child process on a free loopback port, for the embedded default and for tests.
 * Its pid is written to `dir/redis-server.pid` so a crashed parent's leftover is cleaned up next start.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  port = 0;

  constructor(private readonly options: RedisServerOptions) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.options.dir, { recursive: true });
    await this.killLeftover();
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      try {
        await this.spawnOnce();
        this.options.logger?.info({ port: this.port, persist: this.options.persist ?? true }, 'redis-server started');
        return;
      } catch (error) {
        // The port can be taken between freePort() and bind; try another a few times.
        if (attempt >= 3 || !(error instanceof LokerError && error.code === 'loker:redis-port-taken')) throw error;
      }
    }
  }

  /** Stops the server (it flushes its append-only file on SIGTERM); SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    fs.rmSync(this.pidFile, { force: true });
    this.options.logger?.info('redis-server stopped');
  }

  private get pidFile(): string {
    return path.join(this.options.dir, 'redis-server.pid');
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
    const child = spawn(this.options.bin ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    return new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new LokerError('loker:redis-start-timeout', `redis-server did not become ready: ${output.slice(-500)}`));
      }, this.options.startTimeoutMs ?? 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          // Keep draining its output so a full pipe never blocks the server.
          child.stdout?.off('data', onData).resume();
          child.stderr?.off('data', onData).resume();
          child.removeAllListeners('exit');
          child.once('exit', (code, signal) => {
            if (!this.stopping) this.options.logger?.error({ code, signal }, 'redis-server exited unexpectedly');
          });
          if (child.pid) fs.writeFileSync(this.pidFile, String(child.pid));
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(error.code === 'ENOENT' ? new DependencyMissingError(`redis-server (${this.options.bin ?? 'redis-server'})`, INSTALL_HINT) : error);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
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
