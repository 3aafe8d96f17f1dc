/**
 * The narrow contract every storage adapter implements: collections of JSON documents keyed by
 * `id`, equality/range filters on declared fields, unique constraints, and atomic batches.
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
}

export interface Identified {
  readonly id: string;
}

export interface DocumentCollection<T extends Identified> {
  /** Throws DuplicateError when the id or a unique constraint is taken. */
  insert(doc: T): Promise<void>;
  get(id: string): Promise<T | undefined>;
  /** Replaces the stored document; false when there is none. Throws DuplicateError on a unique clash. */
  replace(doc: T): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
}

export type WriteOp =
  | { readonly kind: 'insert'; readonly collection: CollectionSpec; readonly doc: Identified }
  | { readonly kind: 'replace'; readonly collection: CollectionSpec; readonly doc: Identified };

export interface DocumentBackend {
  readonly kind: 'sqlite' | 'mongo';
  collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T>;
  /** Applies every op or none (the outbox is written this way together with what it announces). */
  commit(ops: readonly WriteOp[]): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_FIND_LIMIT = 1000;
export const MAX_FIND_LIMIT = 10_000;
