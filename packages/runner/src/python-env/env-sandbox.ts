import { type RunnerLogger, silentRunnerLogger } from '../logger';
import type { PythonRuntime } from '../python/python-runtime';
import type { PythonSandboxOptions } from '../python/python-sandbox';
import type { PythonEnvLimits } from './python-env-process';

/**
 * How an env child's sandbox starts: env mode over the files in `submissionDir`, with the limits'
 * total CPU time, address space and import CPU time, and MuJoCo rendering off-screen.
 */
export function envSandboxOptions(
  submissionDir: string,
  limits: PythonEnvLimits,
  o: { logger?: RunnerLogger | undefined; runtime?: PythonRuntime | undefined } = {},
): Omit<PythonSandboxOptions, 'channel'> {
  return {
    mode: 'env',
    submissionDir,
    totalCpuMs: limits.totalCpuMs,
    consoleBytes: 16 * 1024,
    limits: { addressSpaceMb: limits.addressSpaceMb, importCpuMs: limits.openCpuMs },
    logger: o.logger ?? silentRunnerLogger,
    env: { MUJOCO_GL: 'osmesa', PYOPENGL_PLATFORM: 'osmesa' },
    ...(o.runtime ? { runtime: o.runtime } : {}),
  };
}
