import type { ClientSession, Model } from 'mongoose';
import {
  assertQueryable,
  DEFAULT_FIND_LIMIT,
  MAX_FIND_LIMIT,
  type CollectionSpec,
  type DocumentCollection,
  type Filter,
  type FindOptions,
  type Identified,
  type ReplaceOutcome,
  type Revision,
  type Versioned,
} from '../backend.js';
import { translateMongoError } from './mongo-errors.js';
import { atRevision, fromMongoDoc, revOf, toMongoDoc, toMongoFilter } from './mongo-filter.js';

export type LooseDoc = Record<string, unknown>;

/**
 * One collection through the driver (the model's native collection; mongoose's documents are not
 * used, the domain schemas validate above). The `*Raw` writes take a transaction's session and
 * leave driver errors as they are, so the transaction can tell a retryable write conflict.
 */
export class MongoCollection<T extends Identified> implements DocumentCollection<T> {
  constructor(
    private readonly model: Model<LooseDoc>,
    private readonly spec: CollectionSpec,
  ) {}

  insert(doc: T): Promise<void> {
    return this.guard(() => this.insertRaw(doc));
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.getVersioned(id))?.doc;
  }

  async getVersioned(id: string): Promise<Versioned<T> | undefined> {
    const stored = await this.guard(() => this.model.collection.findOne({ _id: id } as LooseDoc));
    return stored ? { doc: fromMongoDoc<T>(stored), rev: revOf(stored) } : undefined;
  }

  replace(doc: T, expectedRev: number): Promise<ReplaceOutcome> {
    return this.guard(() => this.replaceRaw(doc, expectedRev));
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.guard(() => this.model.collection.deleteOne({ _id: id } as LooseDoc));
    return result.deletedCount > 0;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return (await this.select(filter, options)).map((row) => fromMongoDoc<T>(row));
  }

  async findVersioned(filter: Filter = {}, options: FindOptions = {}): Promise<Versioned<T>[]> {
    return (await this.select(filter, options)).map((row) => ({ doc: fromMongoDoc<T>(row), rev: revOf(row) }));
  }

  async findRevisions(filter: Filter = {}, options: FindOptions = {}): Promise<Revision[]> {
    return (await this.select(filter, options, { _id: 1, _rev: 1 })).map((row) => ({ id: String(row._id), rev: revOf(row) }));
  }

  /** The stored documents `find` means (only the `projection` fields when given). */
  private select(filter: Filter, options: FindOptions, projection?: Record<string, 1>): Promise<LooseDoc[]> {
    return this.guard(async () => {
      assertQueryable(this.spec, filter, options);
      const query = toMongoFilter(filter);
      const direction = options.order === 'desc' ? -1 : 1;
      if (options.afterId !== undefined) query._id = { [direction === 1 ? '$gt' : '$lt']: options.afterId };
      const sortBy = options.sortBy === undefined || options.sortBy === 'id' ? '_id' : options.sortBy;
      const sort: Record<string, 1 | -1> = sortBy === '_id' ? { _id: direction } : { [sortBy]: direction, _id: direction };
      const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_FIND_LIMIT), MAX_FIND_LIMIT);
      return this.model.collection.find(query, projection ? { projection } : {}).sort(sort).limit(limit).toArray();
    });
  }

  count(filter: Filter = {}): Promise<number> {
    return this.guard(() => {
      assertQueryable(this.spec, filter);
      return this.model.collection.countDocuments(toMongoFilter(filter));
    });
  }

  async insertRaw(doc: Identified, session?: ClientSession): Promise<void> {
    await this.model.collection.insertOne(toMongoDoc(doc, 0), { session });
  }

  /** Compare-and-swap on `_rev`; when nothing matched, one more read tells a conflict from a missing document. */
  async replaceRaw(doc: Identified, expectedRev: number, session?: ClientSession): Promise<ReplaceOutcome> {
    const result = await this.model.collection.replaceOne(atRevision(doc.id, expectedRev), toMongoDoc(doc, expectedRev + 1), { session });
    if (result.matchedCount > 0) return 'replaced';
    const exists = await this.model.collection.countDocuments({ _id: doc.id } as LooseDoc, { limit: 1, session });
    return exists > 0 ? 'conflict' : 'missing';
  }

  private async guard<R>(run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw translateMongoError(error, this.spec.name);
    }
  }
}
