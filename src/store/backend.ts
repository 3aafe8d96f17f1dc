import { LokerError, StaleWriteError } from '../errors/index.js';

/**
 * The narrow contract every storage adapter implements: collections of JSON documents keyed by
 * `id`, equality/range filters on declared fields, unique constraints, atomic batches, and a
 * revision per document for compare-and-swap writes.
 * Everything domain-specific lives above it, in the repositories.
 */
export type Scalar = string | number | boolean | null;

export type FieldCondition =
  | Scalar
  | { readonly in: readonly Scalar[] }
  | { readonly gt?: Scalar; readonly gte?: Scalar; readonly lt?: Scalar; readonly lte?: Scalar };

/** Conditions on declared fields (dotted paths), all of which must hold. `null` matches a missing field. */
export type Filter = Readonly<Record<string, FieldCondition>>;

export interface FindOptions {
  /** Field to order by (declared, or `id`). Default: `id`. Ties are broken by `id`. */
  readonly sortBy?: string;
  /** Default: `asc`. */
  readonly order?: 'asc' | 'desc';
  /** Return at most this many. Default: 1000. */
  readonly limit?: number;
  /** Keyset pagination when sorted by `id`: return only documents whose id sorts after this one. */
  readonly afterId?: string;
}

export interface CollectionSpec {
  readonly name: string;
  /** Scalar fields (dotted paths) that filters and sorts may use; each is indexed. */
  readonly fields: readonly string[];
  /** Fields holding arrays of strings, searchable by any element. */
  readonly arrayFields?: readonly string[];
  /** Unique constraints: each is a list of fields (scalar fields, or one array field). */
  readonly unique?: readonly (readonly string[])[];
  /**
   * Scalar fields whose matching documents are read in id order, page by page (the index build
   * and reconciliation): each also gets an index on (field, id), so a page is read in order
   * instead of sorting every match again. Default: none.
   */
  readonly scanned?: readonly string[];
}

export interface Identified {
  readonly id: string;
}

/**
 * A document with the revision the adapter keeps beside it: 0 when inserted, one more on every
 * replace. It never lives inside the document, so the domain schemas never see (or strip) it.
 */
export interface Versioned<T> {
  readonly doc: T;
  readonly rev: number;
}

/** A document's id and revision, without the document: enough to tell whether a copy is current. */
export interface Revision {
  readonly id: string;
  readonly rev: number;
}

/** What a compare-and-swap replace did: wrote it, found no such document, or found a newer revision. */
export type ReplaceOutcome = 'replaced' | 'missing' | 'conflict';

export interface DocumentCollection<T extends Identified> {
  /** Stores a new document at revision 0. Throws DuplicateError when the id or a unique constraint is taken. */
  insert(doc: T): Promise<void>;
  get(id: string): Promise<T | undefined>;
  getVersioned(id: string): Promise<Versioned<T> | undefined>;
  /**
   * Replaces the stored document only if it is still at `expectedRev` (read with getVersioned),
   * and moves it to the next revision. Throws DuplicateError on a unique clash.
   */
  replace(doc: T, expectedRev: number): Promise<ReplaceOutcome>;
  remove(id: string): Promise<boolean>;
  /** Throws `loker:store-misuse` for a filter or sort on an undeclared field (see assertQueryable). */
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  /** `find`, each document with its revision. */
  findVersioned(filter?: Filter, options?: FindOptions): Promise<Versioned<T>[]>;
  /**
   * `find`'s ids and revisions only; the documents are not read (or parsed), so a whole collection
   * can be compared with a copy of it cheaply.
   */
  findRevisions(filter?: Filter, options?: FindOptions): Promise<Revision[]>;
  count(filter?: Filter): Promise<number>;
}

export type WriteOp =
  | { readonly kind: 'insert'; readonly collection: CollectionSpec; readonly doc: Identified }
  | { readonly kind: 'replace'; readonly collection: CollectionSpec; readonly doc: Identified; readonly expectedRev: number };

export interface DocumentBackend {
  readonly kind: 'sqlite' | 'mongo';
  collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T>;
  /**
   * Applies every op or none (the outbox is written this way together with what it announces).
   * A replace that is not at its expected revision, or whose document is gone, aborts the batch
   * with StaleWriteError (`loker:store-conflict` / `loker:store-missing`).
   */
  commit(ops: readonly WriteOp[]): Promise<void>;
  /**
   * Pushes the bytes of deleted and overwritten documents out of whatever still holds them (the
   * SQLite write-ahead log), so an erasure reaches the disk. Cheap enough to call after each batch
   * of erasures; close() does it too.
   */
  compact(): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_FIND_LIMIT = 1000;
export const MAX_FIND_LIMIT = 10_000;

/**
 * Refuses a filter or sort the collection did not declare, in every adapter alike: MongoDB would
 * answer it with an unindexed scan, SQLite cannot answer it at all, so it is a bug either way.
 * Array fields take values (one or `in`), never ranges.
 */
export function assertQueryable(spec: CollectionSpec, filter: Filter, options: FindOptions = {}): void {
  const misuse = (message: string) => new LokerError('loker:store-misuse', `${spec.name}: ${message}`);
  const arrayFields = spec.arrayFields ?? [];
  for (const [field, condition] of Object.entries(filter)) {
    if (arrayFields.includes(field)) {
      if (condition !== null && typeof condition === 'object' && !('in' in condition)) {
        throw misuse(`array field ${field} takes values, not ranges`);
      }
    } else if (!isScalarField(spec, field)) {
      throw misuse(`field ${field} is not declared`);
    }
  }
  const sortBy = options.sortBy ?? 'id';
  if (!isScalarField(spec, sortBy)) throw misuse(`field ${sortBy} is not declared`);
  if (options.afterId !== undefined && sortBy !== 'id') throw misuse('afterId needs sortBy id');
}

function isScalarField(spec: CollectionSpec, field: string): boolean {
  return field === 'id' || spec.fields.includes(field);
}

/** Inside commit(): a replace that did not land aborts the whole batch. */
export function assertReplaced(op: WriteOp & { kind: 'replace' }, outcome: ReplaceOutcome): void {
  if (outcome !== 'replaced') throw new StaleWriteError(op.collection.name, op.doc.id, outcome);
}
