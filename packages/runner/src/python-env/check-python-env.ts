import type { RunnerLogger } from '../logger';
import type { PythonRuntime } from '../python/python-runtime';
import { PythonSandbox } from '../python/python-sandbox';
import { writeSubmissionDir } from '../python/submission-dir';
import { isRunnerError } from '../verdict';
import { envSandboxOptions } from './env-sandbox';
import type { PythonEnvLimits } from './python-env-process';

/** Gymnasium's `check_env` on a group's env.py, as the group sees it. */
export interface PythonEnvCheckReport {
  /** No failure: the env may be registered. */
  passed: boolean;
  /** check_env's assertion and the warnings that mean a broken env (wrong dtype or shape, old 4-tuple step…), or the env's crash. */
  failures: string[];
  /** check_env's other warnings (advice). */
  warnings: string[];
  /** The env's spaces as Gymnasium describes them (absent when it did not load). */
  observationSpace?: unknown;
  actionSpace?: unknown;
}

/** Limits of a group's env (untrusted code): smaller than a registered env's. */
export const CUSTOM_PYTHON_ENV_LIMITS: PythonEnvLimits = {
  openCpuMs: 30_000,
  stepCpuMs: 10_000,
  totalCpuMs: 30 * 60_000,
  addressSpaceMb: 4096,
};

/**
 * Loads a group's `env.py` (with its asset files) in the sandbox and runs Gymnasium's own
 * `gymnasium.utils.env_checker.check_env` there. A crash, a hang (CPU time), a memory bomb or a
 * network call of the env is a failure of the report naming what happened; never an exception.
 */
export async function checkPythonEnv(
  files: Record<string, Uint8Array>,
  o: { limits?: Partial<PythonEnvLimits>; logger?: RunnerLogger; runtime?: PythonRuntime } = {},
): Promise<PythonEnvCheckReport> {
  const limits = { ...CUSTOM_PYTHON_ENV_LIMITS, ...o.limits };
  if (!files['env.py']) {
    return {
      passed: false,
      failures: ['env.py: missing (the upload must hold env.py at its top level)'],
      warnings: [],
    };
  }
  const dir = await writeSubmissionDir(files);
  const sandbox = await PythonSandbox.start(envSandboxOptions(dir.dir, limits, o));
  try {
    await sandbox.request(
      { op: 'open', envId: 'custom/check', numEnvs: 1, custom: true, checkOnly: true },
      { cpuMs: limits.openCpuMs, what: 'env.py (at import)' },
    );
    const r = await sandbox.request({ op: 'check' }, { cpuMs: limits.openCpuMs * 2, what: 'check_env' });
    return r.value as unknown as PythonEnvCheckReport;
  } catch (e) {
    if (!isRunnerError(e)) throw e;
    return { passed: false, failures: [`${e.verdict}: ${e.message}`], warnings: [] };
  } finally {
    await sandbox.close();
    await dir.remove();
  }
}
