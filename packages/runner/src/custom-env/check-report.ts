import {
  type CheckEnvOptions,
  type CheckEnvReport,
  checkEnv,
  type JsonSpaceSpec,
  spaceFromSpec,
  spaceSpecToJson,
} from '@critic/envs';
import { RunnerError } from '../verdict';
import type { EnvMethod, EnvSandbox } from './env-sandbox';
import { EnvThrewError } from './env-sandbox';
import type { CustomEnvCheck, CustomEnvReport } from './protocol';

/** The checker's checks in the order it runs them, with the env method each needs to have been called. */
const CHECK_ORDER: readonly (readonly [string, EnvMethod | 'spaces'])[] = [
  ['env-object', 'spaces'],
  ['observation-space', 'spaces'],
  ['action-space', 'spaces'],
  ['reset-signature', 'reset'],
  ['reset-observation', 'reset'],
  ['reset-options', 'reset'],
  ['reset-seed-determinism', 'step'],
  ['step-signature', 'step'],
  ['step-observation', 'step'],
  ['reward-finite', 'step'],
  ['step-determinism', 'step'],
  ['render', 'render'],
  ['close-twice', 'close'],
];

/** Failures listed per check; a fault repeated at every step is shown a few times, then counted. */
const SHOWN_PER_CHECK = 3;

/** Thrown into the checker after a limit ended the sandbox: the checker's own findings after it are moot. */
class Stopped extends Error {
  override name = STOPPED;
}
const STOPPED = 'CriticSandboxStopped';

function readSpace(
  spec: unknown,
  name: 'observationSpace' | 'actionSpace',
): { space?: ReturnType<typeof spaceFromSpec>; problem?: string } {
  if (spec === undefined || spec === null) return {};
  try {
    return { space: spaceFromSpec(spec as JsonSpaceSpec) };
  } catch (e) {
    return { problem: `env.${name} is not a valid space: ${(e as Error).message}` };
  }
}

/**
 * Runs `checkEnv` (unchanged, in this sandbox child) over a proxy whose methods call into the isolate,
 * one call at a time with the agent's per-call limits. A time or memory limit ends the check with a
 * `time_limit` / `memory_limit` failure naming the method; every other failure is the checker's message.
 */
export function checkSandboxedEnv(sandbox: EnvSandbox, options: CheckEnvOptions): CustomEnvReport {
  const decl = sandbox.declaration;
  const obs = readSpace(decl.observationSpace, 'observationSpace');
  const act = readSpace(decl.actionSpace, 'actionSpace');
  const called = new Set<EnvMethod | 'spaces'>(['spaces']);
  let stopped: RunnerError | undefined;
  let stoppedIn: EnvMethod | undefined;
  const method = (name: EnvMethod) => {
    if (decl.methods[name] !== 'function') return undefined;
    return (...args: unknown[]) => {
      if (stopped) throw new Stopped();
      called.add(name);
      try {
        return sandbox.call(0, name, args);
      } catch (e) {
        if (e instanceof EnvThrewError) throw e;
        stopped =
          e instanceof RunnerError ? e : new RunnerError({ verdict: 'runtime_error', message: String(e) });
        stoppedIn = name;
        throw new Stopped();
      }
    };
  };
  let report: CheckEnvReport;
  if (obs.problem || act.problem) {
    report = {
      passed: false,
      warnings: [],
      failures: [
        ...(obs.problem ? [{ check: 'observation-space' as const, message: obs.problem }] : []),
        ...(act.problem ? [{ check: 'action-space' as const, message: act.problem }] : []),
      ],
    };
  } else {
    const proxy = {
      observationSpace: obs.space,
      actionSpace: act.space,
      reset: method('reset'),
      step: method('step'),
      render: method('render'),
      close: method('close'),
    };
    report = checkEnv(proxy, options);
  }
  const checks: CustomEnvCheck[] = [];
  for (const [name, needs] of CHECK_ORDER) {
    if (!called.has(needs)) continue;
    const failures = report.failures.filter((f) => f.check === name && !f.message.includes(STOPPED));
    // After a limit struck, the checks of the method it struck in (and later ones) could not finish.
    if (stopped && needs === stoppedIn && failures.length === 0) continue;
    if (failures.length > 0) {
      checks.push(
        ...failures.slice(0, SHOWN_PER_CHECK).map((f) => ({ name, passed: false, message: f.message })),
      );
      const more = failures.length - SHOWN_PER_CHECK;
      if (more > 0)
        checks.push({ name, passed: false, message: `… and ${more} more failure(s) of this check` });
      continue;
    }
    const warning = report.warnings.find((w) => w.check === name);
    checks.push(
      warning ? { name, passed: true, message: `warning: ${warning.message}` } : { name, passed: true },
    );
  }
  if (stopped) {
    const name =
      stopped.verdict === 'time_limit' || stopped.verdict === 'memory_limit' ? stopped.verdict : 'sandbox';
    checks.push({ name, passed: false, message: stopped.message });
  }
  return {
    passed: checks.every((c) => c.passed),
    checks,
    ...(obs.space ? { observationSpace: spaceSpecToJson(obs.space.toSpec()) } : {}),
    ...(act.space ? { actionSpace: spaceSpecToJson(act.space.toSpec()) } : {}),
  };
}
