import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SqliteBackend, Store } from '../../src/store/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the CLI as a user would (through tsx, so no build is needed) on `dataDir`. Blocks: not for use beside an in-process service. */
export function runCli(args: string[], dataDir: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the SQLite store under `dataDir` (as the CLI and the service do) for the time of `run`. */
export async function withStoreIn<T>(dataDir: string, run: (store: Store) => Promise<T>): Promise<T> {
  const backend = new SqliteBackend({ file: path.join(dataDir, 'lokerbot.sqlite') });
  try {
    return await run(new Store(backend));
  } finally {
    await backend.close();
  }
}
