import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the OS temp dir; remove it with `fs.rmSync(dir, { recursive: true })`. */
export function tempDir(label = 'lokerbot'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}
