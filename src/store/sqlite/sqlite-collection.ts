import type Database from 'better-sqlite3';
import { DuplicateError, LokerError } from '../../errors/index.js';
import {
  DEFAULT_FIND_LIMIT,
  MAX_FIND_LIMIT,
  type CollectionSpec,
  type DocumentCollection,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type Identified,
  type Scalar,
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
    get: Database.Statement<[string], { doc: string }>;
    replace: Database.Statement;
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
      get: db.prepare(`SELECT doc FROM ${this.table} WHERE id = ?`),
      replace: db.prepare(`UPDATE ${this.table} SET doc = ? WHERE id = ?`),
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

  replaceSync(doc: Identified): boolean {
    return this.guarded(() =>
      this.db.transaction(() => {
        const changed = this.statements.replace.run(JSON.stringify(doc), doc.id).changes > 0;
        if (changed) this.writeArrayFields(doc);
        return changed;
      })(),
    );
  }

  insert(doc: T): Promise<void> {
    return this.async(() => this.insertSync(doc));
  }

  get(id: string): Promise<T | undefined> {
    return this.async(() => {
      const row = this.statements.get.get(id);
      return row ? (JSON.parse(row.doc) as T) : undefined;
    });
  }

  replace(doc: T): Promise<boolean> {
    return this.async(() => this.replaceSync(doc));
  }

  remove(id: string): Promise<boolean> {
    return this.async(() => this.statements.remove.run(id).changes > 0);
  }

  find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return this.async(() => {
      const where = this.where(filter);
      const sortBy = options.sortBy ?? 'id';
      this.assertDeclared(sortBy);
      const order = options.order === 'desc' ? 'DESC' : 'ASC';
      if (options.afterId !== undefined) {
        if (sortBy !== 'id') throw this.misuse('afterId needs sortBy id');
        where.clauses.push(order === 'ASC' ? 'id > ?' : 'id < ?');
        where.params.push(options.afterId);
      }
      const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_FIND_LIMIT), MAX_FIND_LIMIT);
      const orderBy = sortBy === 'id' ? `id ${order}` : `${columnFor(sortBy)} ${order}, id ${order}`;
      const sql = `SELECT doc FROM ${this.table}${whereSql(where.clauses)} ORDER BY ${orderBy} LIMIT ${limit}`;
      const rows = (this.prepared(sql) as Database.Statement<SqlValue[], { doc: string }>).all(...where.params);
      return rows.map((row) => JSON.parse(row.doc) as T);
    });
  }

  count(filter: Filter = {}): Promise<number> {
    return this.async(() => {
      const where = this.where(filter);
      const sql = `SELECT count(*) AS n FROM ${this.table}${whereSql(where.clauses)}`;
      return (this.prepared(sql) as Database.Statement<SqlValue[], { n: number }>).get(...where.params)?.n ?? 0;
    });
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

  private where(filter: Filter): { clauses: string[]; params: SqlValue[] } {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    for (const [field, condition] of Object.entries(filter)) {
      if (this.arrayFields.includes(field)) {
        const values = conditionValues(condition, field, this.spec.name);
        clauses.push(`id IN (SELECT id FROM ${arrayTableFor(this.table, field)} WHERE value IN (${values.map(() => '?').join(', ')}))`);
        params.push(...values.map(toSql));
        continue;
      }
      this.assertDeclared(field);
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

  private assertDeclared(field: string): void {
    if (field !== 'id' && !this.spec.fields.includes(field)) throw this.misuse(`field ${field} is not declared`);
  }

  private misuse(message: string): LokerError {
    return new LokerError('loker:store-misuse', `${this.spec.name}: ${message}`);
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

function conditionValues(condition: FieldCondition, field: string, collection: string): Scalar[] {
  if (condition !== null && typeof condition === 'object') {
    if ('in' in condition) return [...condition.in];
    throw new LokerError('loker:store-misuse', `${collection}: array field ${field} takes values, not ranges`);
  }
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
