import { Queue, Worker, createNodeRedisClient, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from './logger.js';
import type { RedisClient } from './redis-client.js';

export interface QueuesOptions {
  /** Key prefix for every BullMQ queue. Default: `lokerbot`. */
  readonly prefix?: string;
}

/**
 * Creates BullMQ queues and workers over the one node-redis connection (BullMQ duplicates it
 * for the blocking connections workers need) and closes them all, workers first, on shutdown.
 */
export class Queues {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Pick<Worker, 'close'>[] = [];
  private readonly connection: ReturnType<typeof createNodeRedisClient>;
  private readonly prefix: string;

  constructor(
    redis: RedisClient,
    private readonly logger: Logger,
    options: QueuesOptions = {},
  ) {
    this.connection = createNodeRedisClient(redis);
    this.prefix = options.prefix ?? 'lokerbot';
  }

  queue<Data = unknown>(name: string): Queue<Data> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.logger.error({ err: error, queue: name }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue as unknown as Queue<Data>;
  }

  worker<Data = unknown>(name: string, processor: Processor<Data>, options: Omit<WorkerOptions, 'connection' | 'prefix'> = {}): Worker<Data> {
    const worker = new Worker<Data>(name, processor, { ...options, connection: this.connection, prefix: this.prefix });
    worker.on('error', (error) => this.logger.error({ err: error, queue: name }, 'worker error'));
    worker.on('failed', (job, error) => this.logger.warn({ err: error, queue: name, jobId: job?.id }, 'job failed'));
    this.workers.push(worker);
    return worker;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  /** Stops taking jobs, waits for in-flight jobs, then closes the queues. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
