import mongoose, { type Connection, type Model } from 'mongoose';
import { DuplicateError, LokerError } from '../../errors/index.js';
import {
  DEFAULT_FIND_LIMIT,
  MAX_FIND_LIMIT,
  type CollectionSpec,
  type DocumentBackend,
  type DocumentCollection,
  type Filter,
  type FindOptions,
  type Identified,
  type WriteOp,
} from '../backend.js';
import { fromMongoDoc, toMongoDoc, toMongoFilter } from './mongo-filter.js';

export interface MongoBackendOptions {
  readonly uri: string;
  /** How long to wait for the server at start. Default: 10 000 ms. */
  readonly serverSelectionTimeoutMs?: number;
}

type LooseDoc = Record<string, unknown>;

/** Production store: MongoDB through mongoose, one loosely typed model per collection (the domain schemas validate above). */
export class MongoBackend implements DocumentBackend {
  readonly kind = 'mongo' as const;
  private readonly models = new Map<string, Model<LooseDoc>>();
  private transactionsUnsupported = false;

  private constructor(private readonly connection: Connection) {}

  static async connect(options: MongoBackendOptions): Promise<MongoBackend> {
    try {
      const connection = await mongoose
        .createConnection(options.uri, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000 })
        .asPromise();
      return new MongoBackend(connection);
    } catch (cause) {
      throw new LokerError('loker:store-open-failed', 'cannot reach MongoDB at MONGODB_URI', { cause });
    }
  }

  /** Creates the declared indexes of every collection (idempotent). */
  async ensureIndexes(specs: readonly CollectionSpec[]): Promise<void> {
    await Promise.all(specs.map((spec) => this.model(spec).createIndexes()));
  }

  collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T> {
    return new MongoCollection<T>(this.model(spec), spec.name);
  }

  async commit(ops: readonly WriteOp[]): Promise<void> {
    const apply = async (session?: mongoose.ClientSession) => {
      for (const op of ops) {
        const model = this.model(op.collection);
        const doc = toMongoDoc(op.doc);
        if (op.kind === 'insert') await model.collection.insertOne(doc, { session });
        else await model.collection.replaceOne({ _id: op.doc.id } as LooseDoc, doc, { session });
      }
    };
    try {
      if (this.transactionsUnsupported) return await apply();
      await this.connection.transaction(apply);
    } catch (error) {
      // A standalone server (not a replica set) cannot run transactions; compose runs a replica set.
      if (!this.transactionsUnsupported && (error as { code?: number }).code === 20) {
        this.transactionsUnsupported = true;
        return this.commit(ops);
      }
      throw translate(error, ops[0]?.collection.name ?? 'store');
    }
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new LokerError('loker:store-unreachable', 'MongoDB connection is not open');
    await db.admin().ping();
  }

  async close(): Promise<void> {
    await this.connection.close();
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

class MongoCollection<T extends Identified> implements DocumentCollection<T> {
  constructor(
    private readonly model: Model<LooseDoc>,
    private readonly name: string,
  ) {}

  async insert(doc: T): Promise<void> {
    await this.guard(() => this.model.collection.insertOne(toMongoDoc(doc)));
  }

  async get(id: string): Promise<T | undefined> {
    const stored = await this.guard(() => this.model.collection.findOne({ _id: id } as LooseDoc));
    return stored ? fromMongoDoc<T>(stored) : undefined;
  }

  async replace(doc: T): Promise<boolean> {
    const result = await this.guard(() => this.model.collection.replaceOne({ _id: doc.id } as LooseDoc, toMongoDoc(doc)));
    return result.matchedCount > 0;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.guard(() => this.model.collection.deleteOne({ _id: id } as LooseDoc));
    return result.deletedCount > 0;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const query = toMongoFilter(filter);
    const direction = options.order === 'desc' ? -1 : 1;
    if (options.afterId !== undefined) query._id = { [direction === 1 ? '$gt' : '$lt']: options.afterId };
    const sortBy = options.sortBy === undefined || options.sortBy === 'id' ? '_id' : options.sortBy;
    const sort: Record<string, 1 | -1> = sortBy === '_id' ? { _id: direction } : { [sortBy]: direction, _id: direction };
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_FIND_LIMIT), MAX_FIND_LIMIT);
    const rows = await this.guard(() => this.model.collection.find(query).sort(sort).limit(limit).toArray());
    return rows.map((row) => fromMongoDoc<T>(row));
  }

  count(filter: Filter = {}): Promise<number> {
    return this.guard(() => this.model.collection.countDocuments(toMongoFilter(filter)));
  }

  private async guard<R>(run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw translate(error, this.name);
    }
  }
}

function translate(error: unknown, collection: string): unknown {
  if (error instanceof LokerError) return error;
  const { code, keyPattern } = error as { code?: number; keyPattern?: Record<string, unknown> };
  if (code === 11000) {
    const key = keyPattern ? Object.keys(keyPattern).map((k) => (k === '_id' ? 'id' : k)).join('+') : 'key';
    return new DuplicateError(collection, key, { cause: error });
  }
  return new LokerError('loker:store-failed', `${collection}: store operation failed`, { cause: error });
}
