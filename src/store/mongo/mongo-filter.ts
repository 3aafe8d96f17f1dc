import type { FieldCondition, Filter } from '../backend.js';

type MongoCondition = unknown;

/** Translates the backend's small filter language into a MongoDB query (`id` is stored as `_id`). */
export function toMongoFilter(filter: Filter): Record<string, MongoCondition> {
  const query: Record<string, MongoCondition> = {};
  for (const [field, condition] of Object.entries(filter)) {
    query[field === 'id' ? '_id' : field] = toMongoCondition(condition);
  }
  return query;
}

function toMongoCondition(condition: FieldCondition): MongoCondition {
  if (condition === null || typeof condition !== 'object') return condition;
  if ('in' in condition) return { $in: condition.in };
  const range: Record<string, unknown> = {};
  if (condition.gt !== undefined) range.$gt = condition.gt;
  if (condition.gte !== undefined) range.$gte = condition.gte;
  if (condition.lt !== undefined) range.$lt = condition.lt;
  if (condition.lte !== undefined) range.$lte = condition.lte;
  return range;
}

/** The stored form: `id` as `_id`, and the revision beside the domain fields as `_rev`. */
export function toMongoDoc(doc: { id: string }, rev: number): Record<string, unknown> {
  const { id, ...rest } = doc;
  return { _id: id, ...rest, _rev: rev };
}

export function fromMongoDoc<T>(stored: Record<string, unknown>): T {
  const { _id, _rev, ...rest } = stored;
  return { id: String(_id), ...rest } as T;
}

/** Documents written before revisions existed have no `_rev`; they count as revision 0. */
export function revOf(stored: Record<string, unknown>): number {
  return typeof stored._rev === 'number' ? stored._rev : 0;
}

/**
 * Matches the document at `rev`. At 0 it also matches a missing `_rev` (a legacy document):
 * `{ $in: [0, null] }`, as `null` in a query matches a missing field.
 */
export function atRevision(id: string, rev: number): Record<string, unknown> {
  return { _id: id, _rev: rev === 0 ? { $in: [0, null] } : rev };
}
