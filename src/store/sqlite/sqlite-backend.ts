import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LokerError } from '../../errors/index.js';
import { assertReplaced, type CollectionSpec, type DocumentBackend, type DocumentCollection, type Identified, type WriteOp } from '../backend.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteCollection } from './sqlite-collection.js';

export interface SqliteBackendOptions {
  /** Database file; `:memory:` for a throwaway store. */
  readonly file: string;
}

/** The embedded default store: one SQLite file in WAL mode. */
export class SqliteBackend implements DocumentBackend {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly collections = new Map<string, SqliteCollection<Identified>>();

  constructor(options: SqliteBackendOptions) {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    try {
      this.db = new Database(options.file);
    } catch (cause) {
      throw new LokerError('loker:store-open-failed', `cannot open SQLite database at ${options.file}`, { cause });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /** The schema version this file is at. */
  get schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  private migrate(): void {
    const apply = this.db.transaction((from: number) => {
      for (let version = from; version < MIGRATIONS.length; version++) {
        this.db.exec(MIGRATIONS[version] ?? '');
        this.db.pragma(`user_version = ${version + 1}`);
      }
    });
    const current = this.schemaVersion;
    if (current > MIGRATIONS.length) {
      throw new LokerError(
        'loker:store-too-new',
        `the SQLite file is at schema version ${current} but this build knows only ${MIGRATIONS.length}; run a newer LokerBot`,
      );
    }
    apply(current);
  }

  collection<T extends Identified>(spec: CollectionSpec): DocumentCollection<T> {
    let collection = this.collections.get(spec.name);
    if (!collection) {
      collection = new SqliteCollection<Identified>(this.db, spec);
      this.collections.set(spec.name, collection);
    }
    return collection as unknown as DocumentCollection<T>;
  }

  commit(ops: readonly WriteOp[]): Promise<void> {
    const run = this.db.transaction(() => {
      for (const op of ops) {
        const collection = this.collection(op.collection) as unknown as SqliteCollection<Identified>;
        if (op.kind === 'insert') collection.insertSync(op.doc);
        else assertReplaced(op, collection.replaceSync(op.doc, op.expectedRev));
      }
    });
    try {
      run();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof LokerError ? error : new LokerError('loker:store-write-failed', 'store write failed', { cause: error }));
    }
  }

  ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
