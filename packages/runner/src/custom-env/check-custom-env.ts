import type { CheckEnvOptions } from '@critic/envs';
import { RunnerError } from '../verdict';
import { type CustomEnvOptions, type CustomEnvSource, SandboxedEnv } from './open-custom-env';
import type { CustomEnvReport } from './protocol';

/** Options of `checkCustomEnv`. */
export interface CheckCustomEnvOptions extends CustomEnvOptions {
  /** The checker's options (seed, rollout and determinism steps). */
  check?: CheckEnvOptions;
}

function refused(name: string, e: unknown): CustomEnvReport {
  if (!(e instanceof RunnerError)) throw e;
  return { passed: false, checks: [{ name, passed: false, message: e.message }] };
}

/**
 * Checks an uploaded environment module inside the sandbox: transpiles it, makes one env with its
 * `createEnv()` in an isolate of a sandbox child (the agent's limits: memory, per-call time, wall
 * clock) and runs `checkEnv` over it there. Never throws for the env's own faults: each failure is a
 * check of the report with the checker's message (a compile error is the `module` check; a method
 * that runs past its time limit ends the check with a `time_limit` failure naming the method, and
 * the child is stopped).
 */
export async function checkCustomEnv(
  env: CustomEnvSource,
  options: CheckCustomEnvOptions = {},
): Promise<CustomEnvReport> {
  let opened: SandboxedEnv;
  try {
    // The spaces are the checker's to judge: they are not read (and refused) before it runs.
    opened = await SandboxedEnv.open(env, 1, { ...options, readSpaces: false });
  } catch (e) {
    return refused('module', e);
  }
  try {
    return await opened.check(options.check ?? {});
  } catch (e) {
    // The child itself was lost (wall-clock deadline, crash): its verdict is the failure.
    return refused(e instanceof RunnerError ? e.verdict : 'sandbox', e);
  } finally {
    await opened.close();
  }
}
