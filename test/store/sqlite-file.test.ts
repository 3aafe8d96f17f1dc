import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vacancy } from '../../src/domain/index.js';
import { COLLECTIONS, SqliteBackend, Store } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { makeVacancy } from '../fixtures/domain.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The SQLite file itself: what survives a reopen, and how old files are upgraded. */
describe('sqlite file', () => {
  let dir: string;
  let file: string;
  const open: SqliteBackend[] = [];

  function openBackend(): SqliteBackend {
    const backend = new SqliteBackend({ file });
    open.push(backend);
    return backend;
  }

  beforeEach(() => {
    dir = tempDir('lokerbot-sqlite');
    file = path.join(dir, 'lokerbot.sqlite');
  });

  afterEach(async () => {
    for (const backend of open.splice(0)) await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what it held across a reopen and records its schema version', async () => {
    const first = openBackend();
    await new Store(first).vacancies.create(makeVacancy('vac-1'));
    await first.close();
    const second = openBackend();
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    expect((await new Store(second).vacancies.get('vac-1'))?.title).toBe('Operator Las SMAW');
  });

  it('upgrades a file at schema version 1: its documents stay and start at revision 0', async () => {
    const old = new Database(file);
    old.exec(MIGRATIONS[0] ?? '');
    old.pragma('user_version = 1');
    old.prepare('INSERT INTO vacancies (id, doc) VALUES (?, ?)').run('vac-1', JSON.stringify(makeVacancy('vac-1')));
    old.close();
    const backend = openBackend();
    expect(backend.schemaVersion).toBe(MIGRATIONS.length);
    const vacancies = backend.collection<Vacancy>(COLLECTIONS.vacancies);
    expect(await vacancies.getVersioned('vac-1')).toEqual({ doc: makeVacancy('vac-1'), rev: 0 });
    await new Store(backend).vacancies.update('vac-1', (v) => ({ ...v, title: 'Welder TIG' }));
    expect(await vacancies.getVersioned('vac-1')).toMatchObject({ doc: { title: 'Welder TIG' }, rev: 1 });
  });

});
