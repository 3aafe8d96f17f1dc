import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LokerError, ServiceUnavailableError } from '../../errors/index.js';
import { assertReplaced, type CollectionSpec, type DocumentBackend, type DocumentCollection, type Identified, type WriteOp } from '../backend.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteCollection } from './sqlite-collection.js';

export interface SqliteBackendOptions {
  /** Database file; `:memory:` for a throwaway store. */
  readonly file: string;
}

/**
 * The embedded default store: one SQLite file in WAL mode.
 * Erasure reaches the disk: `secure_delete` zeroes deleted and overwritten rows in the pages
 * SQLite writes, and compact()/close() checkpoint the write-ahead log and truncate it, so the
 * older copies of those pages kept there are gone too.
 */
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
    // First, so every later step waits for another process that has the file open (two starting at once).
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // A per-connection setting, so every process that opens the file sets it (the CLI included).
    this.db.pragma('secure_delete = ON');
    this.migrate();
  }

  /** The schema version this file is at. */
  get schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  /**
   * Brings the file to the newest schema. The version is read inside a write (IMMEDIATE)
   * transaction: two processes starting on a new file at once then migrate one after the other,
   * the second finding nothing left to do, instead of both running migration 1.
   */
  private migrate(): void {
    const apply = this.db.transaction(() => {
      const current = this.schemaVersion;
      if (current > MIGRATIONS.length) {
        throw new LokerError(
          'loker:store-too-new',
          `the SQLite file is at schema version ${current} but this build knows only ${MIGRATIONS.length}; run a newer LokerBot`,
        );
      }
      for (let version = current; version < MIGRATIONS.length; version++) {
        this.db.exec(MIGRATIONS[version] ?? '');
        this.db.pragma(`user_version = ${version + 1}`);
      }
    });
    apply.immediate();
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

  compact(): Promise<void> {
    try {
      this.checkpoint();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    return Promise.resolve();
  }

  /** Checkpoints first, so no erased byte is left in a WAL file another connection keeps open. */
  close(): Promise<void> {
    if (!this.db.open) return Promise.resolve();
    try {
      this.checkpoint();
    } catch {
      // Closing matters more; SQLite checkpoints on the last connection's close anyway.
    } finally {
      this.db.close();
    }
    return Promise.resolve();
  }

  /**
   * Copies every committed page from the WAL into the file and truncates the WAL to zero bytes.
   * TRUNCATE waits (busy_timeout) for writers and for readers of older snapshots; if one outlasts
   * it the WAL keeps old pages, so that is reported rather than ignored.
   */
  private checkpoint(): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result && result.busy !== 0) {
      throw new ServiceUnavailableError('loker:store-busy', 'another connection kept the SQLite file busy; its write-ahead log was not truncated');
    }
  }
}
