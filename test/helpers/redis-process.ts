import { createLogger } from '../../src/runtime/logger.js';
import { RedisServer } from '../../src/runtime/redis-server.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait.js';
import { isRunning } from './process.js';

/**
 * A redis-server this test controls like an operator would: stop, kill, pause and restart it on
 * the same port and append-only file, to see how clients live through it. Unsupervised, unlike the
 * service's embedded server, so a kill stays a kill.
 */
export class RedisProcess {
  private server: RedisServer;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly persist: boolean,
    server: RedisServer,
  ) {
    this.server = server;
  }

  static async start(options: { dir?: string; persist?: boolean } = {}): Promise<RedisProcess> {
    const dir = options.dir ?? tempDir('lokerbot-redis-proc');
    const server = new RedisServer({ dir, persist: options.persist ?? true, supervise: false, logger: createLogger({ level: 'silent' }) });
    await server.start();
    return new RedisProcess(dir, server.port, options.persist ?? true, server);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    const pid = this.server.pid;
    if (pid === undefined) throw new Error('redis-server is not running');
    return pid;
  }

  /** Stops it cleanly (it writes its append-only file). */
  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Kills it without warning, as a crash or the OOM killer would. */
  async kill(): Promise<void> {
    const pid = this.pid;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isRunning(pid), 'redis-server to die');
    await this.server.stop();
  }

  /** Freezes it: connections stay open, nothing is answered. */
  pause(): void {
    process.kill(this.pid, 'SIGSTOP');
  }

  resume(): void {
    process.kill(this.pid, 'SIGCONT');
  }

  /** Starts it again on the same port and data. */
  async restart(): Promise<void> {
    await this.server.stop();
    this.server = new RedisServer({ dir: this.dir, port: this.port, persist: this.persist, supervise: false, logger: createLogger({ level: 'silent' }) });
    await this.server.start();
  }
}
