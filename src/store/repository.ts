import type { z } from 'zod';
import { NotFoundError } from '../errors/index.js';
import { parse } from '../domain/index.js';
import type { CollectionSpec, DocumentBackend, DocumentCollection, Filter, FindOptions, Identified, WriteOp } from './backend.js';

/** What changed in the store; other processes follow these to keep their in-memory indexes current. */
export interface StoreChange {
  readonly collection: string;
  readonly op: 'upsert' | 'delete';
  readonly id: string;
}

export type ChangeListener = (change: StoreChange) => void;

export interface RepositoryContext {
  readonly backend: DocumentBackend;
  readonly emit: ChangeListener;
  readonly now: () => Date;
}

/**
 * Validated CRUD over one collection. Every write is parsed by the domain schema first, so
 * nothing malformed reaches the store, and announced as a StoreChange after it is durable.
 */
export class Repository<T extends Identified & { updatedAt?: string }> {
  protected readonly collection: DocumentCollection<T>;

  constructor(
    protected readonly context: RepositoryContext,
    protected readonly spec: CollectionSpec,
    protected readonly schema: z.ZodType<T>,
    protected readonly entity: string,
  ) {
    this.collection = context.backend.collection<T>(spec);
  }

  async create(input: unknown): Promise<T> {
    const doc = this.validate(input);
    await this.collection.insert(doc);
    this.changed('upsert', doc.id);
    return doc;
  }

  get(id: string): Promise<T | undefined> {
    return this.collection.get(id);
  }

  async require(id: string): Promise<T> {
    const doc = await this.collection.get(id);
    if (!doc) throw new NotFoundError(this.entity, id);
    return doc;
  }

  /** Reads, applies `change`, validates and writes back. `updatedAt` is set when the type has one. */
  async update(id: string, change: (current: T) => T): Promise<T> {
    const next = this.prepareUpdate(change(await this.require(id)), id);
    if (!(await this.collection.replace(next))) throw new NotFoundError(this.entity, id);
    this.changed('upsert', id);
    return next;
  }

  async delete(id: string): Promise<boolean> {
    const removed = await this.collection.remove(id);
    if (removed) this.changed('delete', id);
    return removed;
  }

  find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    return this.collection.find(filter, options);
  }

  count(filter?: Filter): Promise<number> {
    return this.collection.count(filter);
  }

  /** Visits every matching document in id order, a page at a time, without loading them all. */
  async *scan(filter: Filter = {}, pageSize = 1000): AsyncGenerator<T> {
    let afterId: string | undefined;
    for (;;) {
      const page = await this.collection.find(filter, { limit: pageSize, ...(afterId ? { afterId } : {}) });
      yield* page;
      if (page.length < pageSize) return;
      afterId = page[page.length - 1]?.id;
    }
  }

  protected validate(input: unknown): T {
    return parse(this.schema, input, this.entity);
  }

  protected prepareUpdate(doc: T, id: string): T {
    const withStamp = 'updatedAt' in doc ? { ...doc, updatedAt: this.context.now().toISOString() } : doc;
    return this.validate({ ...withStamp, id });
  }

  protected insertOp(doc: Identified): WriteOp {
    return { kind: 'insert', collection: this.spec, doc };
  }

  protected replaceOp(doc: Identified): WriteOp {
    return { kind: 'replace', collection: this.spec, doc };
  }

  protected changed(op: StoreChange['op'], id: string): void {
    this.context.emit({ collection: this.spec.name, op, id });
  }
}
