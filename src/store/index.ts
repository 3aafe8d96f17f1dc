import path from 'node:path';
import type { DocumentBackend } from './backend.js';
import { COLLECTIONS } from './collections.js';
import { MongoBackend } from './mongo/mongo-backend.js';
import { SqliteBackend } from './sqlite/sqlite-backend.js';
import { Store, type StoreOptions } from './store.js';

export * from './backend.js';
export { COLLECTIONS } from './collections.js';
export { newId, type InterestOutcome } from './repositories.js';
export type { StoreChange, ChangeListener } from './repository.js';
export { DEFAULT_WRITE_ATTEMPTS, Store, type StoreOptions } from './store.js';
export { SqliteBackend } from './sqlite/sqlite-backend.js';
export { MongoBackend } from './mongo/mongo-backend.js';

export interface OpenStoreOptions extends StoreOptions {
  /** When set, MongoDB is used; otherwise SQLite. */
  readonly mongodbUri?: string | undefined;
  /** Directory of the SQLite file `lokerbot.sqlite`. */
  readonly dataDir: string;
}

/**
 * Opens the store the configuration asks for: MongoDB when a URI is given, else the embedded
 * SQLite file. MongoDB must be a replica set (or mongos); a standalone server is refused with an
 * unrecoverable `loker:store-no-transactions`, and an unreachable one is ServiceUnavailableError.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let backend: DocumentBackend;
  if (options.mongodbUri) {
    const mongo = await MongoBackend.connect({ uri: options.mongodbUri });
    try {
      await mongo.ensureIndexes(Object.values(COLLECTIONS));
    } catch (error) {
      await mongo.close().catch(() => undefined);
      throw error;
    }
    backend = mongo;
  } else {
    backend = new SqliteBackend({ file: path.join(options.dataDir, 'lokerbot.sqlite') });
  }
  return new Store(backend, options);
}
