import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vacancy } from '../../src/domain/index.js';
import { COLLECTIONS, SqliteBackend, Store } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { makeSeeker, makeVacancy } from '../fixtures/domain.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The SQLite file itself: what survives a reopen, how old files are upgraded, and what erasure leaves on disk. */
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

  /** Names of the files under `dir` whose raw bytes contain `text` (the -wal and -shm files included). */
  function filesHolding(text: string): string[] {
    const needle = Buffer.from(text, 'utf8');
    return fs.readdirSync(dir).filter((name) => fs.readFileSync(path.join(dir, name)).includes(needle));
  }

  it('is created and migrated once when several processes open a new file at the same moment', async () => {
    // Separate processes: one process opens files one after another, never at once.
    const script = `import { SqliteBackend } from ${JSON.stringify(path.resolve('src/store/index.ts'))};
const backend = new SqliteBackend({ file: ${JSON.stringify(file)} });
process.stdout.write(String(backend.schemaVersion));
await backend.close();`;
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    const results = await Promise.all([run(), run(), run(), run()]);
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ code: 0, out: String(MIGRATIONS.length) })));
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

  it('keeps a store secret across a reopen', async () => {
    const first = openBackend();
    const key = await new Store(first).secrets.getOrCreate('web-session');
    await first.close();
    expect((await new Store(openBackend()).secrets.getOrCreate('web-session')).equals(key)).toBe(true);
  });

  describe('erasure reaches the disk', () => {
    const name = 'Zulfikar Qarnain Wibisono';
    const phone = '+6281299887766';

    it('leaves no byte of a deleted seeker in any file once compacted, even while another process has the file open', async () => {
      const backend = openBackend();
      const store = new Store(backend);
      // Like the CLI or a second process: its open connection keeps the -wal and -shm files alive.
      const otherProcess = openBackend();
      expect(await new Store(otherProcess).seekers.count()).toBe(0);
      // Neighbours on the same page, so the freed space is not simply reused by a later row.
      await store.seekers.create(makeSeeker('skr-0'));
      await store.seekers.create(makeSeeker('skr-1', { name, identities: [{ channel: 'whatsapp', userId: phone }], identityKeys: [`whatsapp/${phone}`] }));
      await store.seekers.create(makeSeeker('skr-2'));
      // Checkpointed into the database file itself, where only secure_delete can wipe it.
      await store.compact();
      expect(filesHolding(name)).toEqual(['lokerbot.sqlite']);
      expect(filesHolding(phone)).toEqual(['lokerbot.sqlite']);

      expect(await store.seekers.delete('skr-1')).toBe(true);
      await store.compact();
      await store.close();
      expect(filesHolding(name)).toEqual([]);
      expect(filesHolding(phone)).toEqual([]);
    });

    it('leaves no byte of an overwritten name, and an empty write-ahead log, once closed while another process has the file open', async () => {
      const backend = openBackend();
      const store = new Store(backend);
      // With another connection open, SQLite's own checkpoint at close does not happen: ours must.
      const otherProcess = openBackend();
      expect(await new Store(otherProcess).seekers.count()).toBe(0);
      // Neighbours on the same page, so the old row's space is not simply reused by the new one.
      await store.seekers.create(makeSeeker('skr-0'));
      await store.seekers.create(makeSeeker('skr-1', { name }));
      await store.seekers.create(makeSeeker('skr-2'));
      await store.compact();
      await store.seekers.update('skr-1', (s) => ({ ...s, name: 'Siti Rahmawati binti Abdul Rahman Hakim Pratama' }));
      expect(filesHolding(name).length).toBeGreaterThan(0);
      await store.close();
      expect(filesHolding(name)).toEqual([]);
      expect(filesHolding('Siti Rahmawati binti Abdul Rahman Hakim Pratama')).toEqual(['lokerbot.sqlite']);
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
    });
  });
});
