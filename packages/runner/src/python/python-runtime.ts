import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This package's folder: beside this file, or (where a bundler moved the code, e.g. Next) found from
 * the working directory of a process started in the repository or in one of its apps.
 */
function packageDir(): string {
  // path.join rather than `new URL('…', import.meta.url)`: bundlers (Next) treat the latter as an asset import.
  const candidates = [
    resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'),
    resolve(process.cwd(), 'packages', 'runner'),
    resolve(process.cwd(), '..', '..', 'packages', 'runner'),
  ];
  return candidates.find((d) => existsSync(join(d, 'python', 'child.py'))) ?? candidates[0]!;
}

const PACKAGE_DIR = packageDir();
const REPO_ROOT = resolve(PACKAGE_DIR, '..', '..');

/** The Python side of the sandbox (child.py and the critic_sandbox package), mounted read-only. */
export const PYTHON_CHILD_DIR = join(PACKAGE_DIR, 'python');

/** The lock file the runtime is built from. */
export const PYTHON_LOCK_FILE = join(PYTHON_CHILD_DIR, 'requirements.lock');

/** The script that builds the runtime when it is missing or stale (`node <it>`). */
export const ENSURE_PYTHON_SCRIPT = join(PACKAGE_DIR, 'scripts', 'ensure-python.mjs');

/** The pinned Python runtime of submissions, as built by scripts/ensure-python.mjs. */
export interface PythonRuntime {
  /** The virtual environment's folder. */
  dir: string;
  /** Its interpreter (`<dir>/bin/python`). */
  python: string;
  /** The base installation the venv's interpreter links to (mounted read-only in the sandbox). */
  basePrefix: string;
  /** e.g. `3.11.7`. */
  pythonVersion: string;
  /** Installed distributions, lower-case name → version (from the lock). */
  packages: Record<string, string>;
  /** The build: `cpu`, or `cuda` (torch's CUDA build and onnxruntime-gpu, for the GPU workers). */
  variant: PythonRuntimeVariant;
}

/** Builds of the runtime (ensure-python's CRITIC_PYTHON_VARIANT). */
export type PythonRuntimeVariant = 'cpu' | 'cuda';

/** The runtime is missing, stale or unusable here: a platform problem with a fix, never the student's. */
export class PythonUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PythonUnavailableError';
  }
}

/** The runtime's folder: $CRITIC_PYTHON_DIR, else `<repo>/.data/python`. */
export function pythonRuntimeDir(): string {
  return resolve(process.env.CRITIC_PYTHON_DIR || join(REPO_ROOT, '.data', 'python'));
}

/** Reads the runtime at `dir` (default pythonRuntimeDir()); throws PythonUnavailableError saying how to build it. */
export function loadPythonRuntime(dir = pythonRuntimeDir()): PythonRuntime {
  const build = `build it with \`node ${ENSURE_PYTHON_SCRIPT}\` (npm start and npm test do it)`;
  if (!existsSync(join(PYTHON_CHILD_DIR, 'child.py'))) {
    throw new PythonUnavailableError(`the Python sandbox's child (${PYTHON_CHILD_DIR}/child.py) is missing`);
  }
  const versionsFile = join(dir, 'critic-versions.json');
  if (!existsSync(join(dir, 'critic-lock.sha256')) || !existsSync(versionsFile)) {
    throw new PythonUnavailableError(`the Python runtime is not installed at ${dir}: ${build}`);
  }
  const v = JSON.parse(readFileSync(versionsFile, 'utf8')) as {
    variant?: PythonRuntimeVariant;
    python: string;
    basePrefix: string;
    packages: Record<string, string>;
  };
  const variant = v.variant ?? 'cpu';
  // A GPU worker (CRITIC_PYTHON_VARIANT=cuda) on a CPU build would run every agent on the CPU unnoticed.
  const wanted = process.env.CRITIC_PYTHON_VARIANT || variant;
  if (wanted !== variant) {
    throw new PythonUnavailableError(
      `the Python runtime at ${dir} is the ${variant} build, but this worker is set for ${wanted} (CRITIC_PYTHON_VARIANT): rebuild it with \`CRITIC_PYTHON_VARIANT=${wanted} node ${ENSURE_PYTHON_SCRIPT}\``,
    );
  }
  return {
    variant,
    dir,
    python: join(dir, 'bin', 'python'),
    basePrefix: v.basePrefix,
    pythonVersion: v.python,
    packages: v.packages,
  };
}

const SHOWN_PACKAGES = ['numpy', 'torch', 'jax', 'jaxlib', 'gymnasium', 'mujoco', 'onnxruntime', 'scipy'];

/**
 * The runtime's versions in one line, e.g. `python 3.11.7 (numpy 2.4.6, torch 2.13.0+cpu, …)` (a CUDA
 * build: `python 3.11.7 cuda (…)`): what an evaluation stores and an assignment page shows.
 */
export function pythonRuntimeVersions(rt: PythonRuntime): string {
  const shown = SHOWN_PACKAGES.filter((p) => rt.packages[p]).map((p) => `${p} ${rt.packages[p]}`);
  const build = rt.variant === 'cpu' ? '' : ` ${rt.variant}`;
  return `python ${rt.pythonVersion}${build} (${shown.join(', ')})`;
}

let bwrapChecked: { path: string } | { error: string } | undefined;

/**
 * The bubblewrap binary, checked once per process by starting an empty sandbox; throws
 * PythonUnavailableError naming what to install when it is missing or cannot create namespaces here.
 */
export function requireBwrap(): string {
  if (!bwrapChecked) {
    const candidates = [
      process.env.CRITIC_BWRAP,
      '/usr/bin/bwrap',
      ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'bwrap')),
    ];
    const path = candidates.find((p): p is string => {
      if (!p) return false;
      try {
        accessSync(p, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    if (!path) {
      bwrapChecked = {
        error:
          'Python submissions need bubblewrap, which is not installed here: `sudo apt-get install bubblewrap` (Debian/Ubuntu), then restart the grader',
      };
    } else {
      const r = spawnSync(
        path,
        [...namespaceFlags(), '--ro-bind', '/', '/', '--proc', '/proc', '--', '/bin/true'],
        {
          encoding: 'utf8',
          // (The cast: Next's types make NODE_ENV a required key of ProcessEnv, e.g. in apps/web.)
          env: {} as NodeJS.ProcessEnv,
          timeout: 30_000,
        },
      );
      bwrapChecked =
        r.status === 0
          ? { path }
          : {
              error: `bubblewrap (${path}) cannot create a sandbox here (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}); it needs user namespaces (or root), e.g. not a default Docker/Fargate seccomp profile`,
            };
    }
  }
  if ('error' in bwrapChecked) throw new PythonUnavailableError(bwrapChecked.error);
  return bwrapChecked.path;
}

/**
 * Namespace flags: everything unshared. As root, no user namespace (the child drops to its own uid
 * instead): the kernel never applies RLIMIT_NPROC to uid 0, and inside a user namespace made by root
 * the child would still be uid 0 to the kernel.
 */
export function namespaceFlags(): string[] {
  if (process.getuid?.() === 0) {
    return ['--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  }
  return ['--unshare-all'];
}
