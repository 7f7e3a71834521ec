import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Python that runs Gymnasium for the benchmarks: `$CRITIC_PYTHON`, else the pinned runtime at
 * `<repo>/.data/python/bin/python`, else `python3` on the PATH.
 */
export function findPython(repoRoot: string): string {
  const fromEnv = process.env.CRITIC_PYTHON;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const pinned = join(repoRoot, '.data', 'python', 'bin', 'python');
  return existsSync(pinned) ? pinned : 'python3';
}

/** Runs a Python script and parses the JSON it prints last; `{ error }` when Python or Gymnasium is missing or it fails. */
export function runPythonJson<T>(
  python: string,
  args: string[],
  timeoutMs: number,
): { ok: true; value: T } | { ok: false; error: string } {
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { ok: false, error: `${python}: ${r.error.message}` };
  if (r.status !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ');
    return { ok: false, error: `${python} exited with ${r.status}: ${tail}` };
  }
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ok: true, value: JSON.parse(last) as T };
  } catch {
    return { ok: false, error: `${python} printed no JSON: ${last.slice(0, 200)}` };
  }
}
