import pRetry from 'p-retry';
import type { z } from 'zod';
import { ConflictError, NotFoundError, StaleWriteError } from '../errors/index.js';
import { parse } from '../domain/index.js';
import type { CollectionSpec, DocumentBackend, DocumentCollection, Filter, FindOptions, Identified, Revision, Versioned, WriteOp } from './backend.js';

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
  /** How many times a read-modify-write runs before it gives up with ConflictError (see StoreOptions). */
  readonly writeAttempts: number;
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
    return (await this.requireVersioned(id)).doc;
  }

  /**
   * Reads, applies `change`, validates and writes back, unless someone else wrote the record in
   * between: then it reads again and re-applies `change` (so `change` must have no side effects),
   * up to `writeAttempts` times in all, and then throws ConflictError. `updatedAt` is set when
   * the type has one. Throws NotFoundError when the record is (or becomes) missing.
   */
  async update(id: string, change: (current: T) => T | Promise<T>): Promise<T> {
    const next = await this.retryingConflicts(id, async () => {
      const { doc, rev } = await this.requireVersioned(id);
      const candidate = this.prepareUpdate(await change(doc), id);
      const outcome = await this.collection.replace(candidate, rev);
      if (outcome !== 'replaced') throw new StaleWriteError(this.spec.name, id, outcome);
      return candidate;
    });
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
  scan(filter: Filter = {}, pageSize = 1000): AsyncGenerator<T> {
    return paged((options) => this.collection.find(filter, options), (doc) => doc.id, pageSize);
  }

  /** `scan`, each document with its revision. */
  scanVersioned(filter: Filter = {}, pageSize = 1000): AsyncGenerator<Versioned<T>> {
    return paged((options) => this.collection.findVersioned(filter, options), (v) => v.doc.id, pageSize);
  }

  /** Ids and revisions of every matching document, without reading the documents. */
  scanRevisions(filter: Filter = {}, pageSize = 5000): AsyncGenerator<Revision> {
    return paged((options) => this.collection.findRevisions(filter, options), (r) => r.id, pageSize);
  }

  getVersioned(id: string): Promise<Versioned<T> | undefined> {
    return this.collection.getVersioned(id);
  }

  protected validate(input: unknown): T {
    return parse(this.schema, input, this.entity);
  }

  protected async requireVersioned(id: string): Promise<Versioned<T>> {
    const found = await this.collection.getVersioned(id);
    if (!found) throw new NotFoundError(this.entity, id);
    return found;
  }

  protected prepareUpdate(doc: T, id: string): T {
    const withStamp = 'updatedAt' in doc ? { ...doc, updatedAt: this.context.now().toISOString() } : doc;
    return this.validate({ ...withStamp, id });
  }

  /**
   * Runs a read-apply-write `attempt` again while it loses to a concurrent writer (it throws
   * StaleWriteError 'conflict'), after a short jittered pause so two losers do not collide again
   * in lockstep. A record gone meanwhile is NotFoundError; any other error ends it at once.
   */
  protected async retryingConflicts<R>(id: string, attempt: () => Promise<R>): Promise<R> {
    try {
      return await pRetry(attempt, {
        retries: this.context.writeAttempts - 1,
        minTimeout: 1,
        maxTimeout: 20,
        randomize: true,
        shouldRetry: ({ error }) => isConflict(error),
      });
    } catch (error) {
      if (isConflict(error)) throw new ConflictError(this.entity, id);
      if (error instanceof StaleWriteError && error.context.collection === this.spec.name && error.context.id === id) {
        throw new NotFoundError(this.entity, id);
      }
      throw error;
    }
  }

  protected insertOp(doc: Identified): WriteOp {
    return { kind: 'insert', collection: this.spec, doc };
  }

  /** A replace inside a commit, applied only if the record is still at `expectedRev`. */
  protected replaceOp(doc: Identified, expectedRev: number): WriteOp {
    return { kind: 'replace', collection: this.spec, doc, expectedRev };
  }

  protected changed(op: StoreChange['op'], id: string): void {
    this.context.emit({ collection: this.spec.name, op, id });
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof StaleWriteError && error.reason === 'conflict';
}

/** Reads page after page in id order (keyset paging), yielding each item, until a short page. */
async function* paged<R>(read: (options: FindOptions) => Promise<R[]>, idOf: (item: R) => string, pageSize: number): AsyncGenerator<R> {
  let afterId: string | undefined;
  for (;;) {
    const page = await read({ limit: pageSize, ...(afterId ? { afterId } : {}) });
    yield* page;
    const last = page.at(-1);
    if (page.length < pageSize || !last) return;
    afterId = idOf(last);
  }
}
