import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Only node:fs and node:path: pages may import this (`@critic/runner/python-lock`) without the sandbox.

const SHOWN = ['numpy', 'torch', 'jax', 'gymnasium', 'mujoco', 'onnxruntime', 'scipy'];

function lockFile(): string | undefined {
  const candidates = [
    resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'python', 'requirements.lock'),
    resolve(process.cwd(), 'packages', 'runner', 'python', 'requirements.lock'),
    resolve(process.cwd(), '..', '..', 'packages', 'runner', 'python', 'requirements.lock'),
  ];
  return candidates.find((p) => existsSync(p));
}

/** The pinned versions of the Python runtime (every grader installs this lock), lower-case name → version. */
export function pythonLockVersions(): Record<string, string> {
  const file = lockFile();
  if (!file) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9_.-]+)==(\S+)\s*$/.exec(line.trim());
    if (m) out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

/** One line for pages, e.g. `Python 3.11 · numpy 2.4.6 · torch 2.13.0+cpu · …`; empty without the lock. */
export function pythonLockSummary(): string {
  const v = pythonLockVersions();
  const shown = SHOWN.filter((p) => v[p]).map((p) => `${p} ${v[p]}`);
  return shown.length ? ['Python 3.11', ...shown].join(' · ') : '';
}
