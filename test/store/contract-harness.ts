import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { COLLECTIONS, MongoBackend, SqliteBackend, Store, type DocumentBackend, type StoreChange, type StoreOptions } from '../../src/store/index.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * One contract for every storage adapter. SQLite always runs; MongoDB runs when MONGODB_URI
 * points at a replica set (e.g. `docker compose up -d mongo`, then
 * `MONGODB_URI='mongodb://localhost:27017/lokerbot-test?directConnection=true' npm test`;
 * directConnection because the compose replica set names its member `mongo:27017`, which the host
 * cannot resolve).
 */
interface BackendCase {
  readonly name: 'sqlite' | 'mongo';
  readonly skipReason?: string;
  open(): Promise<DocumentBackend>;
}

const mongoUri = process.env.MONGODB_URI;
let sqliteDir: string | undefined;
let sqliteFileNo = 0;

const CASES: readonly BackendCase[] = [
  {
    name: 'sqlite',
    open: () => {
      sqliteDir ??= tempDir('lokerbot-contract');
      return Promise.resolve(new SqliteBackend({ file: path.join(sqliteDir, `store-${sqliteFileNo++}.sqlite`) }));
    },
  },
  {
    name: 'mongo',
    ...(mongoUri ? {} : { skipReason: 'MONGODB_URI is not set (no MongoDB server here); see README "Running with MongoDB"' }),
    open: async () => {
      const backend = await MongoBackend.connect({ uri: mongoUri ?? '', serverSelectionTimeoutMs: 5000 });
      await backend.ensureIndexes(Object.values(COLLECTIONS));
      return backend;
    },
  },
];

// Said out loud, not only in a skipped suite's name, so nobody mistakes a skipped half for a pass.
for (const { name, skipReason } of CASES) {
  if (skipReason) console.warn(`store contract: the ${name} half is SKIPPED: ${skipReason}`);
}

afterAll(() => {
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
});

/** The backend under test, a Store over it, and what it announced; fresh for every test. */
export class ContractHarness {
  readonly now = new Date('2026-11-23T03:00:00.000Z');
  changes: StoreChange[] = [];
  private opened: DocumentBackend | undefined;
  private current: Store | undefined;

  constructor(readonly kind: BackendCase['name']) {}

  get backend(): DocumentBackend {
    if (!this.opened) throw new Error('the backend did not open; the real error is the one reported by beforeAll');
    return this.opened;
  }

  get store(): Store {
    if (!this.current) throw new Error('no store: the backend did not open');
    return this.current;
  }

  /** Another Store on the same backend, as a second process would have, with the test's clock. */
  storeOn(backend: DocumentBackend = this.backend, options: StoreOptions = {}): Store {
    return new Store(backend, { now: () => this.now, ...options });
  }

  /** Before each test: a fresh SQLite file, or the MongoDB database emptied. */
  async setUp(backendCase: BackendCase, fresh: boolean): Promise<void> {
    if (fresh || !this.opened) {
      await this.opened?.close();
      this.opened = undefined;
      this.opened = await backendCase.open();
    } else {
      await emptyAll(this.opened);
    }
    this.current = this.storeOn();
    this.changes = [];
    this.current.onChange((c) => this.changes.push(c));
  }

  async tearDown(): Promise<void> {
    // Only what did open is closed, so a server that could not be reached shows its own error.
    await this.opened?.close();
    this.opened = undefined;
  }
}

/** Runs `define` once per backend, each test on an empty database. */
export function describeContract(title: string, define: (h: ContractHarness) => void): void {
  for (const backendCase of CASES) {
    const suite = backendCase.skipReason
      ? `${title}: ${backendCase.name} (skipped: ${backendCase.skipReason})`
      : `${title}: ${backendCase.name}`;
    describe.skipIf(backendCase.skipReason !== undefined)(suite, () => {
      const h = new ContractHarness(backendCase.name);
      // SQLite gets a new file per test (cheap); MongoDB is connected once and emptied per test.
      beforeAll(() => h.setUp(backendCase, true));
      beforeEach(() => h.setUp(backendCase, backendCase.name === 'sqlite'));
      afterAll(() => h.tearDown());
      define(h);
    });
  }
}

async function emptyAll(backend: DocumentBackend): Promise<void> {
  for (const spec of Object.values(COLLECTIONS)) {
    const collection = backend.collection<{ id: string }>(spec);
    for (const doc of await collection.find({}, { limit: 10_000 })) await collection.remove(doc.id);
  }
}
