#!/usr/bin/env node
/**
 * Builds the pinned Python runtime of student submissions when it is missing or stale:
 * a virtual environment at $CRITIC_PYTHON_DIR (default <repo>/.data/python) holding exactly
 * python/requirements.lock. The lock's sha256 (with this builder's version) is stored in the venv (critic-lock.sha256, written
 * last), so an up-to-date runtime costs one file read. Also writes critic-versions.json (the Python
 * version and the locked packages) that the grader stores in every evaluation.
 *
 *   node packages/runner/scripts/ensure-python.mjs [--quiet]
 *
 * The base interpreter is $CRITIC_PYTHON_BASE, else `python3.11`, else `python3` (must be 3.11).
 * pip uses the machine's configured index (`pip install --retries 0 -r requirements.lock`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(PACKAGE_DIR, '..', '..');
const LOCK = join(PACKAGE_DIR, 'python', 'requirements.lock');
const DIR = resolve(process.env.CRITIC_PYTHON_DIR || join(REPO_ROOT, '.data', 'python'));
const HASH_FILE = join(DIR, 'critic-lock.sha256');
const quiet = process.argv.includes('--quiet');
const log = (m) => {
  if (!quiet) process.stderr.write(`[python runtime] ${m}\n`);
};

const lockText = readFileSync(LOCK, 'utf8');
// Bump BUILDER when what this script writes into the venv changes: that makes every runtime stale.
const BUILDER = 'critic-python-runtime/2';
const lockHash = createHash('sha256').update(BUILDER).update('\0').update(lockText).digest('hex');

function upToDate() {
  return existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8').trim() === lockHash;
}

function baseInterpreter() {
  const candidates = [process.env.CRITIC_PYTHON_BASE, 'python3.11', 'python3'].filter(Boolean);
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === '3.11') return c;
  }
  throw new Error(
    `no Python 3.11 found (tried ${candidates.join(', ')}); install python3.11 (and python3.11-venv) or set CRITIC_PYTHON_BASE`,
  );
}

/** One builder at a time (turbo tasks, npm start and a test run may start together). */
function withLock(fn) {
  const lockFile = `${DIR}.building`;
  mkdirSync(dirname(DIR), { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A builder that died leaves its lock behind: older than 30 minutes means dead.
      try {
        if (Date.now() - statSync(lockFile).mtimeMs > 30 * 60_000) unlinkSync(lockFile);
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockFile}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function build() {
  const python = baseInterpreter();
  log(`building ${DIR} from ${LOCK} with ${python} (once; later runs reuse it)`);
  rmSync(DIR, { recursive: true, force: true });
  execFileSync(python, ['-m', 'venv', DIR], { stdio: quiet ? 'ignore' : 'inherit' });
  const venvPython = join(DIR, 'bin', 'python');
  execFileSync(
    venvPython,
    [
      '-m',
      'pip',
      'install',
      ...(quiet ? ['--quiet'] : []),
      '--retries',
      '0',
      '--no-input',
      '--disable-pip-version-check',
      '-r',
      LOCK,
    ],
    { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' },
  );
  const versions = execFileSync(
    venvPython,
    [
      '-I',
      '-c',
      'import sys, json, importlib.metadata as m\n' +
        'print(json.dumps({"python": sys.version.split()[0], "basePrefix": sys.base_prefix, ' +
        '"packages": {d.metadata["Name"].lower(): d.version for d in m.distributions() ' +
        'if d.metadata["Name"].lower() != "pip"}}, sort_keys=True))',
    ],
    { encoding: 'utf8' },
  );
  writeFileSync(join(DIR, 'critic-versions.json'), versions);
  writeFileSync(HASH_FILE, `${lockHash}\n`);
  log('ready');
}

if (upToDate()) {
  log(`${DIR} is up to date`);
} else {
  withLock(() => {
    if (!upToDate()) build();
  });
}
