import mongoose, { type ClientSession, type Connection, type Model } from 'mongoose';
import pRetry from 'p-retry';
import { LokerError, ServiceUnavailableError } from '../../errors/index.js';
import { assertReplaced, type CollectionSpec, type DocumentBackend, type DocumentCollection, type Identified, type WriteOp } from '../backend.js';
import { MongoCollection, type LooseDoc } from './mongo-collection.js';
import { isTransientTransactionError, isUnavailable, translateMongoError } from './mongo-errors.js';
import { requireTransactions } from './mongo-topology.js';

export interface MongoBackendOptions {
  readonly uri: string;
  /**
   * How long an operation waits for a usable server (at start, and while the server is away)
   * before it fails with ServiceUnavailableError. Default: 10 000 ms.
   */
  readonly serverSelectionTimeoutMs?: number;
  /** How many times commit() runs a transaction that collided with another one. Default: 3. */
  readonly transactionAttempts?: number;
}

const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 10_000;
const DEFAULT_TRANSACTION_ATTEMPTS = 3;

/**
 * Production store: MongoDB through mongoose, one loosely typed model per collection (the domain
 * schemas validate above). Needs a replica set or a sharded cluster, for transactions.
 */
export class MongoBackend implements DocumentBackend {
  readonly kind = 'mongo' as const;
  private readonly models = new Map<string, Model<LooseDoc>>();

  private constructor(
    private readonly connection: Connection,
    private readonly transactionAttempts: number,
  ) {}

  /**
   * Connects and checks the server can run transactions.
   * Throws ServiceUnavailableError (`loker:store-unavailable`) when no server answers, and an
   * unrecoverable LokerError for a bad URI, refused credentials or a standalone server
   * (`loker:store-no-transactions`, whose message says how to run a replica set).
   */
  static async connect(options: MongoBackendOptions): Promise<MongoBackend> {
    const timeoutMs = options.serverSelectionTimeoutMs ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS;
    let connection: Connection;
    try {
      // No command buffering: while the server is away, operations (and sessions) fail after server
      // selection with ServiceUnavailableError, instead of queueing inside mongoose.
      connection = await mongoose.createConnection(options.uri, { serverSelectionTimeoutMS: timeoutMs, bufferCommands: false }).asPromise();
    } catch (cause) {
      throw connectError(cause, timeoutMs);
    }
    try {
      const hello = await connection.getClient().db('admin').command({ hello: 1 });
      requireTransactions(hello);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error instanceof LokerError ? error : connectError(error, timeoutMs);
    }
    return new MongoBackend(connection, Math.max(1, options.transactionAttempts ?? DEFAULT_TRANSACTION_ATTEMPTS));
  }

  /** Creates the declared indexes of every collection (idempotent). */
  async ensureIndexes(specs: readonly CollectionSpec[]): Promise<void> {
    try {
      await Promise.all(specs.map((spec) => this.model(spec).createIndexes()));
    } catch (error) {
      throw translateMongoError(error, 'indexes');
    }
  }

  collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T> {
    return new MongoCollection<T>(this.model(spec), spec);
  }

  async commit(ops: readonly WriteOp[]): Promise<void> {
    let at = 'store';
    await this.inTransaction(async (session) => {
      for (const op of ops) {
        at = op.collection.name;
        const collection = new MongoCollection<Identified>(this.model(op.collection), op.collection);
        if (op.kind === 'insert') await collection.insertRaw(op.doc, session);
        else assertReplaced(op, await collection.replaceRaw(op.doc, op.expectedRev, session));
      }
      at = 'store';
    }).catch((error: unknown) => {
      throw translateMongoError(error, at);
    });
  }

  /**
   * A no-op, deliberately: MongoDB has no command that scrubs erased bytes from its files.
   * WiredTiger reuses the blocks of deleted documents but does not zero them (`compact` only
   * returns space to the OS, and blocks the collection meanwhile), and a replica set's oplog keeps
   * a deleted document's last write until it rolls over. Erasure at rest there is the operator's
   * to provide: an encrypted volume or storage engine, and an oplog window of days, not months.
   */
  compact(): Promise<void> {
    return Promise.resolve();
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new ServiceUnavailableError('loker:store-unavailable', 'MongoDB connection is not open');
    try {
      await db.admin().ping();
    } catch (error) {
      throw translateMongoError(error, 'store');
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /**
   * Runs `work` in a transaction, again (a few times, with jitter) when it collided with another.
   * Not the driver's withTransaction: that retries an unknown commit result for up to 120 s, far
   * past any request's timeout; an outage should answer 503 at once and let the caller retry.
   */
  private async inTransaction(work: (session: ClientSession) => Promise<void>): Promise<void> {
    const session = await this.connection.startSession();
    try {
      await pRetry(
        async () => {
          session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
          try {
            await work(session);
            await session.commitTransaction();
          } catch (error) {
            if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
            throw error;
          }
        },
        {
          retries: this.transactionAttempts - 1,
          minTimeout: 5,
          maxTimeout: 100,
          randomize: true,
          shouldRetry: ({ error }) => isTransientTransactionError(error),
        },
      );
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }

  private model(spec: CollectionSpec): Model<LooseDoc> {
    const existing = this.models.get(spec.name);
    if (existing) return existing;
    const schema = new mongoose.Schema<LooseDoc>(
      { _id: String },
      { strict: false, versionKey: false, collection: spec.name, autoIndex: false },
    );
    const unique = spec.unique ?? [];
    for (const field of [...spec.fields, ...(spec.arrayFields ?? [])]) {
      if (!unique.some((u) => u.length === 1 && u[0] === field)) schema.index({ [field]: 1 });
    }
    for (const field of spec.scanned ?? []) schema.index({ [field]: 1, _id: 1 });
    for (const fields of unique) {
      // Only documents that have every field take part, so e.g. anonymised applications never clash.
      const partial = Object.fromEntries(fields.map((f) => [f, { $exists: true }]));
      schema.index(Object.fromEntries(fields.map((f) => [f, 1])), { unique: true, partialFilterExpression: partial });
    }
    const model = this.connection.model<LooseDoc>(spec.name, schema);
    this.models.set(spec.name, model);
    return model;
  }
}

/** Why connecting failed, in words an operator can act on; the URI (it may hold a password) is never quoted. */
function connectError(cause: unknown, timeoutMs: number): LokerError {
  if (isUnavailable(cause)) {
    return new ServiceUnavailableError('loker:store-unavailable', `no MongoDB server at MONGODB_URI answered within ${timeoutMs} ms; is it running and reachable?`, { cause });
  }
  // By name: a bad scheme is refused by the connection-string parser, whose MongoParseError is not the driver's class.
  if ((cause instanceof Error && cause.name === 'MongoParseError') || cause instanceof mongoose.mongo.MongoInvalidArgumentError) {
    return new LokerError('loker:store-open-failed', 'MONGODB_URI is not a valid MongoDB connection string', { cause, unrecoverable: true });
  }
  if (cause instanceof mongoose.mongo.MongoServerError && cause.code === 18) {
    return new LokerError('loker:store-open-failed', 'MongoDB refused the credentials in MONGODB_URI', { cause, unrecoverable: true });
  }
  return new LokerError('loker:store-open-failed', 'cannot open the MongoDB store at MONGODB_URI', { cause });
}
