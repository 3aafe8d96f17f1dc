import type Database from 'better-sqlite3';
import { DuplicateError, LokerError, ServiceUnavailableError } from '../../errors/index.js';
import {
  assertQueryable,
  DEFAULT_FIND_LIMIT,
  MAX_FIND_LIMIT,
  type CollectionSpec,
  type DocumentCollection,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type Identified,
  type ReplaceOutcome,
  type Scalar,
  type Revision,
  type Versioned,
} from '../backend.js';
import { arrayTableFor, columnFor } from './columns.js';

type SqlValue = string | number | null;

/** One collection as a table of JSON documents; statements are prepared once and reused. */
export class SqliteCollection<T extends Identified> implements DocumentCollection<T> {
  private readonly table: string;
  private readonly arrayFields: readonly string[];
  private readonly queries = new Map<string, Database.Statement>();
  private readonly statements: {
    insert: Database.Statement;
    get: Database.Statement<[string], { doc: string; rev: number }>;
    exists: Database.Statement<[string], { id: string }>;
    replace: Database.Statement<[string, string, number]>;
    remove: Database.Statement;
    arrayInsert: Map<string, Database.Statement>;
    arrayClear: Map<string, Database.Statement>;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly spec: CollectionSpec,
  ) {
    this.table = spec.name;
    this.arrayFields = spec.arrayFields ?? [];
    this.statements = {
      insert: db.prepare(`INSERT INTO ${this.table} (id, doc) VALUES (?, ?)`),
      get: db.prepare(`SELECT doc, rev FROM ${this.table} WHERE id = ?`),
      exists: db.prepare(`SELECT id FROM ${this.table} WHERE id = ?`),
      replace: db.prepare(`UPDATE ${this.table} SET doc = ?, rev = rev + 1 WHERE id = ? AND rev = ?`),
      remove: db.prepare(`DELETE FROM ${this.table} WHERE id = ?`),
      arrayInsert: new Map(
        this.arrayFields.map((f) => [f, db.prepare(`INSERT INTO ${arrayTableFor(this.table, f)} (value, id) VALUES (?, ?)`)]),
      ),
      arrayClear: new Map(
        this.arrayFields.map((f) => [f, db.prepare(`DELETE FROM ${arrayTableFor(this.table, f)} WHERE id = ?`)]),
      ),
    };
  }

  insertSync(doc: Identified): void {
    this.guarded(() => {
      this.db.transaction(() => {
        this.statements.insert.run(doc.id, JSON.stringify(doc));
        this.writeArrayFields(doc);
      })();
    });
  }

  replaceSync(doc: Identified, expectedRev: number): ReplaceOutcome {
    return this.guarded(() =>
      this.db.transaction((): ReplaceOutcome => {
        if (this.statements.replace.run(JSON.stringify(doc), doc.id, expectedRev).changes > 0) {
          this.writeArrayFields(doc);
          return 'replaced';
        }
        return this.statements.exists.get(doc.id) ? 'conflict' : 'missing';
      })(),
    );
  }

  insert(doc: T): Promise<void> {
    return this.async(() => this.insertSync(doc));
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.getVersioned(id))?.doc;
  }

  getVersioned(id: string): Promise<Versioned<T> | undefined> {
    return this.async(() => {
      const row = this.statements.get.get(id);
      return row ? { doc: JSON.parse(row.doc) as T, rev: row.rev } : undefined;
    });
  }

  replace(doc: T, expectedRev: number): Promise<ReplaceOutcome> {
    return this.async(() => this.replaceSync(doc, expectedRev));
  }

  remove(id: string): Promise<boolean> {
    return this.async(() => this.statements.remove.run(id).changes > 0);
  }

  find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return this.async(() => this.select<{ doc: string }>('doc', filter, options).map((row) => JSON.parse(row.doc) as T));
  }

  findVersioned(filter: Filter = {}, options: FindOptions = {}): Promise<Versioned<T>[]> {
    return this.async(() => this.select<{ doc: string; rev: number }>('doc, rev', filter, options).map((row) => ({ doc: JSON.parse(row.doc) as T, rev: row.rev })));
  }

  findRevisions(filter: Filter = {}, options: FindOptions = {}): Promise<Revision[]> {
    return this.async(() => this.select<Revision>('id, rev', filter, options));
  }

  count(filter: Filter = {}): Promise<number> {
    return this.async(() => {
      assertQueryable(this.spec, filter);
      const where = this.where(filter);
      const sql = `SELECT count(*) AS n FROM ${this.table}${whereSql(where.clauses)}`;
      return (this.prepared(sql) as Database.Statement<SqlValue[], { n: number }>).get(...where.params)?.n ?? 0;
    });
  }

  /** The rows `find` means, with the given columns. */
  private select<Row>(columns: string, filter: Filter, options: FindOptions): Row[] {
    assertQueryable(this.spec, filter, options);
    const where = this.where(filter);
    const sortBy = options.sortBy ?? 'id';
    const order = options.order === 'desc' ? 'DESC' : 'ASC';
    if (options.afterId !== undefined) {
      where.clauses.push(order === 'ASC' ? 'id > ?' : 'id < ?');
      where.params.push(options.afterId);
    }
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_FIND_LIMIT), MAX_FIND_LIMIT);
    const orderBy = sortBy === 'id' ? `id ${order}` : `${columnFor(sortBy)} ${order}, id ${order}`;
    const sql = `SELECT ${columns} FROM ${this.table}${whereSql(where.clauses)} ORDER BY ${orderBy} LIMIT ${limit}`;
    return (this.prepared(sql) as Database.Statement<SqlValue[], Row>).all(...where.params);
  }

  /** Queries repeat with the same shape (a lookup per chat message), so their statements are kept. */
  private prepared(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) {
      if (this.queries.size >= 200) this.queries.clear();
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }

  private writeArrayFields(doc: Identified): void {
    for (const field of this.arrayFields) {
      this.statements.arrayClear.get(field)?.run(doc.id);
      const values = readPath(doc, field);
      if (!Array.isArray(values)) continue;
      for (const value of new Set(values.map(String))) this.statements.arrayInsert.get(field)?.run(value, doc.id);
    }
  }

  /** Translates a filter that assertQueryable has accepted. */
  private where(filter: Filter): { clauses: string[]; params: SqlValue[] } {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    for (const [field, condition] of Object.entries(filter)) {
      if (this.arrayFields.includes(field)) {
        const values = conditionValues(condition);
        clauses.push(`id IN (SELECT id FROM ${arrayTableFor(this.table, field)} WHERE value IN (${values.map(() => '?').join(', ')}))`);
        params.push(...values.map(toSql));
        continue;
      }
      const column = columnFor(field);
      if (condition === null) clauses.push(`${column} IS NULL`);
      else if (typeof condition !== 'object') {
        clauses.push(`${column} = ?`);
        params.push(toSql(condition));
      } else if ('in' in condition) {
        if (condition.in.length === 0) clauses.push('0');
        else clauses.push(`${column} IN (${condition.in.map(() => '?').join(', ')})`);
        params.push(...condition.in.map(toSql));
      } else {
        for (const [op, sqlOp] of RANGE_OPS) {
          const bound = condition[op];
          if (bound === undefined) continue;
          clauses.push(`${column} ${sqlOp} ?`);
          params.push(toSql(bound));
        }
      }
    }
    return { clauses, params };
  }

  private guarded<R>(run: () => R): R {
    try {
      return run();
    } catch (error) {
      throw this.translate(error);
    }
  }

  private async<R>(run: () => R): Promise<R> {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(this.translate(error));
    }
  }

  private translate(error: unknown): Error {
    if (error instanceof LokerError) return error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new DuplicateError(this.spec.name, uniqueKeyFrom(String((error as Error).message)), { cause: error });
    }
    // Another connection (the CLI, a second process) held the write lock past busy_timeout: passing.
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      return new ServiceUnavailableError('loker:store-busy', `${this.spec.name}: the SQLite file is busy`, { cause: error });
    }
    return new LokerError('loker:store-failed', `${this.spec.name}: store operation failed`, { cause: error });
  }
}

const RANGE_OPS = [
  ['gt', '>'],
  ['gte', '>='],
  ['lt', '<'],
  ['lte', '<='],
] as const;

function whereSql(clauses: readonly string[]): string {
  return clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
}

function toSql(value: Scalar): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** An array field's condition: one value or `in` (assertQueryable refused ranges). */
function conditionValues(condition: FieldCondition): Scalar[] {
  if (condition !== null && typeof condition === 'object') return 'in' in condition ? [...condition.in] : [];
  return [condition];
}

/**
 * "UNIQUE constraint failed: applications.f_seekerId, applications.f_vacancyId" → "seekerId+vacancyId";
 *  a side table "seekers__identityKeys.value" → "identityKeys". */
function uniqueKeyFrom(message: string): string {
  const columns = message.split(':')[1] ?? '';
  const names = columns
    .split(',')
    .map((c) => {
      const [table = '', column = ''] = c.trim().split('.');
      return table.includes('__') ? (table.split('__')[1] ?? '') : column;
    })
    .map((c) => (c.startsWith('f_') ? c.slice(2) : c))
    .filter((c) => c !== '');
  return names.length > 0 ? names.join('+') : 'key';
}

export function readPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
