import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, where flows/, locales/, public/ and reference/ live, found by walking up
 * from this file: the same code runs from src/ under tsx and from dist/ after a build. A leaf
 * module (it imports nothing of the project's), so pure modules such as matching may use it.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'flows'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error(`cannot find the project root (flows/ and package.json) above ${dirname(fileURLToPath(import.meta.url))}`);
}
