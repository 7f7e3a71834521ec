import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (four levels above this file: packages/core/src/homework/testing). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Test support: the Python interpreter the numpy cross-checks run with — `CRITIC_PYTHON` when set,
 * else the project's pinned runtime under `.data/python` when it is built, else `python3`.
 */
export function testPython(): string {
  const fromEnv = process.env.CRITIC_PYTHON;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  const pinned = join(REPO_ROOT, '.data', 'python', 'bin', 'python');
  return existsSync(pinned) ? pinned : 'python3';
}
