#!/usr/bin/env node
/**
 * Builds the pinned Python runtime of student submissions when it is missing or stale:
 * a virtual environment at $CRITIC_PYTHON_DIR (default <repo>/.data/python) holding exactly
 * python/requirements.lock. The lock's sha256 (with this builder's version) is stored in the venv (critic-lock.sha256, written
 * last), so an up-to-date runtime costs one file read. Also writes critic-versions.json (the Python
 * version and the locked packages) that the grader stores in every evaluation.
 *
 *   node packages/runner/scripts/ensure-python.mjs [--quiet] [--print-lock]
 *
 * $CRITIC_PYTHON_VARIANT picks the build: `cpu` (default) installs the lock as is; `cuda` (the GPU
 * workers' image) installs it with python/requirements-cuda.overlay's lines in place of torch's and
 * onnxruntime's. `--print-lock` prints the requirements this variant installs, and builds nothing.
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
const CUDA_OVERLAY = join(PACKAGE_DIR, 'python', 'requirements-cuda.overlay');
const DIR = resolve(process.env.CRITIC_PYTHON_DIR || join(REPO_ROOT, '.data', 'python'));
const HASH_FILE = join(DIR, 'critic-lock.sha256');
const quiet = process.argv.includes('--quiet');
const log = (m) => {
  if (!quiet) process.stderr.write(`[python runtime] ${m}\n`);
};

const VARIANTS = ['cpu', 'cuda'];
const VARIANT = process.env.CRITIC_PYTHON_VARIANT || 'cpu';
if (!VARIANTS.includes(VARIANT)) {
  process.stderr.write(
    `[python runtime] CRITIC_PYTHON_VARIANT: expected one of ${VARIANTS.join(', ')}, found "${VARIANT}"\n`,
  );
  process.exit(2);
}

/** The lock with the overlay's `name => requirement` lines in place of the locked `name==…` lines. */
function withOverlay(lock, overlay) {
  const replacements = new Map();
  for (const line of overlay.split('\n')) {
    const m = /^\s*([A-Za-z0-9_.-]+)\s*=>\s*(\S+)\s*$/.exec(line);
    if (m) replacements.set(m[1].toLowerCase(), m[2]);
  }
  const out = lock.split('\n').map((line) => {
    const name = /^([A-Za-z0-9_.-]+)==/.exec(line)?.[1]?.toLowerCase();
    if (name === undefined || !replacements.has(name)) return line;
    const replacement = replacements.get(name);
    replacements.delete(name);
    return replacement;
  });
  if (replacements.size > 0) {
    throw new Error(`${CUDA_OVERLAY}: not in the lock: ${[...replacements.keys()].join(', ')}`);
  }
  return out.join('\n');
}

const lockText =
  VARIANT === 'cuda'
    ? withOverlay(readFileSync(LOCK, 'utf8'), readFileSync(CUDA_OVERLAY, 'utf8'))
    : readFileSync(LOCK, 'utf8');
// Bump BUILDER when what this script writes into the venv changes: that makes every runtime stale.
const BUILDER = 'critic-python-runtime/3';
const lockHash = createHash('sha256')
  .update(BUILDER)
  .update('\0')
  .update(VARIANT)
  .update('\0')
  .update(lockText)
  .digest('hex');

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
  log(`building ${DIR} (${VARIANT}) from ${LOCK} with ${python} (once; later runs reuse it)`);
  rmSync(DIR, { recursive: true, force: true });
  execFileSync(python, ['-m', 'venv', DIR], { stdio: quiet ? 'ignore' : 'inherit' });
  const installed = join(DIR, 'critic-requirements.txt');
  writeFileSync(installed, lockText);
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
      installed,
    ],
    { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' },
  );
  const versions = execFileSync(
    venvPython,
    [
      '-I',
      '-c',
      'import sys, json, importlib.metadata as m\n' +
        `print(json.dumps({"variant": "${VARIANT}", "python": sys.version.split()[0], "basePrefix": sys.base_prefix, ` +
        '"packages": {d.metadata["Name"].lower(): d.version for d in m.distributions() ' +
        'if d.metadata["Name"].lower() != "pip"}}, sort_keys=True))',
    ],
    { encoding: 'utf8' },
  );
  writeFileSync(join(DIR, 'critic-versions.json'), versions);
  writeFileSync(HASH_FILE, `${lockHash}\n`);
  log('ready');
}

if (process.argv.includes('--print-lock')) {
  process.stdout.write(lockText);
} else if (upToDate()) {
  log(`${DIR} is up to date`);
} else {
  withLock(() => {
    if (!upToDate()) build();
  });
}
