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

/** A condition the store cannot ask (words in a text), checked on each record read. */
export interface PageSieve<T> {
  readonly keep: (item: T) => boolean;
  /** Most records read for one page; past it the page ends early, with a cursor to read on. */
  readonly maxScan: number;
}

/**
 * Reads one page newest first with keyset paging on the id: one more than asked tells whether
 * another page follows. With a sieve, store pages are read until `limit` records pass it or
 * `maxScan` were read (then `nextCursor` is the last one read, so the next call goes on from there).
 */
export async function newestFirst<T extends { readonly id: string }>(
  find: (filter: Filter, options: FindOptions) => Promise<T[]>,
  filter: Filter,
  { limit, cursor }: { readonly limit: number; readonly cursor?: string | undefined },
  sieve?: PageSieve<T>,
): Promise<Page<T>> {
  const read = (after: string | undefined, n: number) => find(filter, { sortBy: 'id', order: 'desc', limit: n, ...(after ? { afterId: after } : {}) });
  if (!sieve) {
    const found = await read(cursor, limit + 1);
    const items = found.slice(0, limit);
    return { items, nextCursor: found.length > limit ? (items.at(-1)?.id ?? null) : null };
  }
  const items: T[] = [];
  const batch = Math.min(500, sieve.maxScan);
  let after = cursor;
  for (let scanned = 0; scanned < sieve.maxScan; ) {
    const found = await read(after, batch);
    for (const item of found) {
      scanned++;
      after = item.id;
      if (!sieve.keep(item)) continue;
      if (items.length === limit) return { items, nextCursor: items.at(-1)?.id ?? null };
      items.push(item);
    }
    if (found.length < batch) return { items, nextCursor: null };
  }
  return { items, nextCursor: after ?? null };
}
