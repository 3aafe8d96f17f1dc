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

export function toMongoDoc(doc: { id: string }): Record<string, unknown> {
  const { id, ...rest } = doc;
  return { _id: id, ...rest };
}

export function fromMongoDoc<T>(stored: Record<string, unknown>): T {
  const { _id, ...rest } = stored;
  return { id: String(_id), ...rest } as T;
}
