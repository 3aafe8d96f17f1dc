import { Queue, Worker, createNodeRedisClient, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from './logger.js';
import { closeRedis, connectRedis, type RedisClient } from './redis-client.js';
import { settlesWithin } from './settles-within.js';

export interface QueuesOptions {
  /** Key prefix for every BullMQ queue. Default: `lokerbot`. */
  readonly prefix?: string;
  /** Longest wait for workers to finish their jobs, and then for the queues, at shutdown. Default: 3 000 ms each. */
  readonly closeTimeoutMs?: number;
}

/**
 * BullMQ queues and workers over one node-redis connection of their own (BullMQ duplicates it for
 * the blocking connections workers need). It is not the request path's connection: BullMQ blocks
 * for seconds on purpose and retries its own commands across a reconnect, so this connection has
 * no command timeout and queues commands while Redis is away.
 *
 * Every error event of the connection, its BullMQ adapter, queues and workers has a listener: an
 * unheard `error` event would end the process (BullMQ's node-redis adapter re-emits the client's
 * errors even before any queue exists).
 */
export class Queues {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Pick<Worker, 'close'>[] = [];
  private readonly connection: ReturnType<typeof createNodeRedisClient>;
  private readonly prefix: string;
  private readonly closeTimeoutMs: number;

  private constructor(
    private readonly client: RedisClient,
    private readonly logger: Logger,
    options: QueuesOptions,
  ) {
    this.connection = createNodeRedisClient(client);
    // The client's own listener (connectRedis) has logged it already.
    this.connection.on('error', (error: Error) => this.logger.debug({ err: error }, 'queue connection error'));
    this.prefix = options.prefix ?? 'lokerbot';
    this.closeTimeoutMs = options.closeTimeoutMs ?? 3000;
  }

  /** Connects the queues' own Redis connection. */
  static async connect(url: string, logger: Logger, options: QueuesOptions = {}): Promise<Queues> {
    const client = await connectRedis(url, logger, { name: 'queues', failFastOffline: false });
    return new Queues(client, logger, options);
  }

  queue<Data = unknown>(name: string): Queue<Data> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue as unknown as Queue<Data>;
  }

  worker<Data = unknown>(name: string, processor: Processor<Data>, options: Omit<WorkerOptions, 'connection' | 'prefix'> = {}): Worker<Data> {
    const worker = new Worker<Data>(name, processor, { ...options, connection: this.connection, prefix: this.prefix });
    worker.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'worker error'));
    worker.on('failed', (job, error) => this.logger.warn({ err: error, queue: name, jobId: job?.id }, 'job failed'));
    this.workers.push(worker);
    return worker;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  /** Whether the queues' connection is up (for `/readyz`). */
  get connected(): boolean {
    return this.client.isReady;
  }

  /** Stops taking jobs, waits (bounded) for in-flight jobs, closes the queues, then the connection. */
  async close(): Promise<void> {
    await settlesWithin(Promise.all(this.workers.map((worker) => worker.close())), this.closeTimeoutMs);
    await settlesWithin(Promise.all([...this.queues.values()].map((queue) => queue.close())), this.closeTimeoutMs);
    await closeRedis(this.client);
  }
}
