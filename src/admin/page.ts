import { z } from 'zod';
import { idSchema } from '../domain/index.js';
import type { Filter, FindOptions } from '../store/index.js';

/** One page of a list, newest first, and where the next one starts. */
export interface Page<T> {
  /** Newest first (store ids sort by creation time). */
  readonly items: readonly T[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

/** `limit` and `cursor` of a list query: `limit` defaults to `fallback`, at most `max`. */
export function pageQueryShape(fallback: number, max: number) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(fallback),
    /** `nextCursor` of the previous page. */
    cursor: idSchema.optional(),
  };
}

/** Reads one page newest first with keyset paging on the id: one more than asked tells whether another page follows. */
export async function newestFirst<T extends { readonly id: string }>(
  find: (filter: Filter, options: FindOptions) => Promise<T[]>,
  filter: Filter,
  { limit, cursor }: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<Page<T>> {
  const found = await find(filter, { sortBy: 'id', order: 'desc', limit: limit + 1, ...(cursor ? { afterId: cursor } : {}) });
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? (items.at(-1)?.id ?? null) : null };
}
