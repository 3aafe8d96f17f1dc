import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/admin/vacancy-import.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { bearer } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const redis = useTestRedis();
const dir = tempDir('lokerbot-import-large');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 50_000;
/**
 * The API process's V8 heap cap: its live heap at rest (about 80 MB under tsx, with the dictionary,
 * the KBJI table and every route loaded) plus room for garbage between collections, but less than
 * the file would take as strings, so reading it whole would fail here too.
 */
const HEAP_CAP_MB = 128;
/** What the import may add to the live heap at most: a fraction of the file, which is read a record at a time. */
const GROWTH_LIMIT_MB = 12;
/** A deadline two months ahead, so the rows stay valid whenever the test runs. */
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

/** 50,000 realistic rows of about 650 bytes each (a long description, as boards write them): about 32 MB. */
async function writeLargeCsv(file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  const description = 'Pabrik komponen otomotif di kawasan industri; tugas meliputi persiapan bahan, pengoperasian mesin, pemeriksaan mutu dan pelaporan harian. '.repeat(4);
  out.write('id,title,company,kecamatan,description,requiredSkills,salaryMin,deadline,status\n');
  for (let i = 0; i < ROWS; i++) {
    // Every 1,000th row is bad (no title): reported with its row number, the rest kept.
    const title = i % 1000 === 999 ? '' : `Operator Produksi ${i}`;
    if (!out.write(`big-${i},${title},PT Pabrik ${i % 500},Cikarang Barat,"${description}",operator produksi;k3,5200000,${DEADLINE},draft\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return fs.statSync(file).size;
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error('the API process printed nothing');
}

function post(port: number, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/api/admin/vacancies/import', method: 'POST', headers: { ...bearer('operator'), 'content-type': 'text/csv' } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    fs.createReadStream(file).pipe(request);
  });
}

describe('admin API: a 50,000-row import', () => {
  it(`streams the file in: every good row kept, every bad row reported, the live heap growing by less than ${GROWTH_LIMIT_MB} MB`, { timeout: 600_000 }, async () => {
    const csv = path.join(dir, 'lowongan-50k.csv');
    const bytes = await writeLargeCsv(csv);
    expect(bytes).toBeGreaterThan(GROWTH_LIMIT_MB * 1024 * 1024 * 2);
    const sqlite = path.join(dir, 'store.sqlite');
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, '--expose-gc', '--import', 'tsx', path.join(ROOT, 'test/fixtures/admin-api-process.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REDIS_URL: redis.url, SQLITE_FILE: sqlite },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const { port, baselineHeapBytes } = JSON.parse(await firstLine(child)) as { port: number; baselineHeapBytes: number };
      const started = Date.now();
      const { status, body } = await post(port, csv);
      const seconds = (Date.now() - started) / 1000;
      expect(status, body.slice(0, 500)).toBe(200);
      const report = JSON.parse(body) as ImportReport;
      expect(report).toMatchObject({ rows: ROWS, created: ROWS - 50, updated: 0, skipped: 50 });
      expect(report.problems).toHaveLength(50);
      expect(report.problems[0]).toEqual({ row: 1001, message: expect.stringMatching(/^title/) as string });
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const peak = new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      child.stdin?.end();
      const { peakHeapBytes } = JSON.parse(await peak) as { peakHeapBytes: number };
      expect(await exit).toBe(0);
      const growth = peakHeapBytes - baselineHeapBytes;
      console.info(`imported ${ROWS} rows (${(bytes / 1e6).toFixed(0)} MB) in ${seconds.toFixed(1)} s; live heap ${(baselineHeapBytes / 1e6).toFixed(0)} MB before, at most ${(growth / 1e6).toFixed(1)} MB more`);
      expect(growth).toBeLessThan(GROWTH_LIMIT_MB * 1024 * 1024);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const backend = new SqliteBackend({ file: sqlite });
    try {
      expect(await new Store(backend).vacancies.count()).toBe(ROWS - 50);
    } finally {
      await backend.close();
    }
  });
});
