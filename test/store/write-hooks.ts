import type { CollectionSpec, DocumentBackend, DocumentCollection, Identified, WriteOp } from '../../src/store/index.js';

/**
 * Code a test runs at the exact moment a write is about to reach the database, to stage a race
 * deterministically (on every adapter) instead of hoping two promises interleave.
 */
export interface WriteHooks {
  /** Runs before every commit(); set it back to undefined to stop. */
  beforeCommit?: ((ops: readonly WriteOp[]) => Promise<void>) | undefined;
  /** Runs before every insert() into a collection. */
  beforeInsert?: ((collection: string, doc: Identified) => Promise<void>) | undefined;
}

/** `backend` with `hooks` run in front of its writes; everything else passes straight through. */
export function withWriteHooks(backend: DocumentBackend, hooks: WriteHooks): DocumentBackend {
  return {
    kind: backend.kind,
    collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T> {
      const inner = backend.collection<T>(spec);
      return {
        insert: async (doc) => {
          await hooks.beforeInsert?.(spec.name, doc);
          return inner.insert(doc);
        },
        get: (id) => inner.get(id),
        getVersioned: (id) => inner.getVersioned(id),
        replace: (doc, expectedRev) => inner.replace(doc, expectedRev),
        remove: (id) => inner.remove(id),
        find: (filter, options) => inner.find(filter, options),
        findVersioned: (filter, options) => inner.findVersioned(filter, options),
        findRevisions: (filter, options) => inner.findRevisions(filter, options),
        count: (filter) => inner.count(filter),
      };
    },
    commit: async (ops) => {
      await hooks.beforeCommit?.(ops);
      return backend.commit(ops);
    },
    compact: () => backend.compact(),
    ping: () => backend.ping(),
    close: () => backend.close(),
  };
}
