import { EnvError } from '../errors';
import { Rng } from '../rng';
import { typeName } from '../space-explain';
import { checkSeededDeterminism } from './determinism';
import { type CheckEnvOptions, type CheckEnvReport, type Findings, newFindings } from './findings';
import { frameProblem } from './frame-check';
import { type AnyEnv, EnvProbe } from './probe';
import { checkSpace } from './space-check';
import { errorText } from './values';

export type { CheckEnvOptions, CheckEnvReport, CheckIssue, CheckName } from './findings';
export { describeValue } from './values';

/**
 * Gymnasium's `check_env` for Critic envs: spaces present and valid, reset and step signatures,
 * observations inside the space, seeded determinism of reset and step, finite rewards, `render`
 * returning a drawable frame, and `close` callable twice. Returns every problem found (it never
 * throws on a broken env); `assertEnvValid` throws instead. The env is reset, stepped and finally
 * closed: check a fresh instance, not one in use. Each check is its own function below.
 */
export function checkEnv(env: unknown, options: CheckEnvOptions = {}): CheckEnvReport {
  const seed = options.seed ?? 123;
  const rolloutSteps = options.rolloutSteps ?? 200;
  const determinismSteps = options.determinismSteps ?? 50;
  const findings = newFindings();
  if (env === null || typeof env !== 'object') {
    findings.fail(
      'env-object',
      `expected an env object with reset, step, render and close; found ${typeName(env)}`,
    );
    return findings.report();
  }
  const e = env as AnyEnv;
  const probe = checkEnvObject(e, findings);
  if (!probe) return findings.report();
  if (checkResetSignature(probe, seed)) {
    checkResetOptions(probe, seed);
    checkRandomRollout(probe, seed, rolloutSteps);
    checkSeededDeterminism(probe, seed, determinismSteps);
    checkRender(probe, seed);
  }
  checkCloseTwice(e, findings);
  return findings.report();
}

/** `checkEnv`, throwing an `EnvError('check_failed')` that lists every failure. */
export function assertEnvValid(env: unknown, options?: CheckEnvOptions): void {
  const r = checkEnv(env, options);
  if (!r.passed) {
    throw new EnvError(
      'check_failed',
      `The env failed ${r.failures.length} check(s):\n${r.failures.map((f) => `- [${f.check}] ${f.message}`).join('\n')}`,
    );
  }
}

/** `env-object`, `observation-space`, `action-space`: a probe when the env can be driven at all. */
function checkEnvObject(e: AnyEnv, findings: Findings): EnvProbe | undefined {
  const obsSpace = checkSpace(e.observationSpace, 'observationSpace', 'observation-space', findings);
  const actSpace = checkSpace(e.actionSpace, 'actionSpace', 'action-space', findings);
  for (const m of ['reset', 'step', 'render', 'close'] as const) {
    if (typeof e[m] !== 'function')
      findings.fail('env-object', `env.${m} must be a method, found ${typeName(e[m])}`);
  }
  if (!obsSpace || !actSpace || typeof e.reset !== 'function' || typeof e.step !== 'function')
    return undefined;
  return new EnvProbe(e, obsSpace, actSpace, findings);
}

/** `reset-signature` and `reset-observation` of a seeded reset; false when reset failed. */
function checkResetSignature(probe: EnvProbe, seed: number): boolean {
  return probe.reset({ seed }, `reset({ seed: ${seed} })`) !== undefined;
}

/** `reset-options`: reset accepts `{ seed, options: {} }`. */
function checkResetOptions(probe: EnvProbe, seed: number): void {
  const withOptions = probe.call('reset', { seed, options: {} });
  if (!withOptions.ok) {
    probe.findings.fail(
      'reset-options',
      `reset({ seed: ${seed}, options: {} }) threw ${withOptions.error}; reset must accept an options object`,
    );
  }
}

/** `step-signature`, `step-observation`, `reward-finite` over a rollout of random actions, resetting on done. */
function checkRandomRollout(probe: EnvProbe, seed: number, rolloutSteps: number): void {
  const actionRng = new Rng(seed);
  if (!probe.reset({ seed }, `reset({ seed: ${seed} })`)) return;
  for (let t = 0; t < rolloutSteps; t++) {
    const r = probe.step(probe.actSpace.sample(actionRng), `step ${t} of the random rollout`);
    if (!r) break;
    if (r.terminated === true || r.truncated === true) {
      if (!probe.reset(undefined, `reset() after the episode ended at step ${t}`)) break;
    }
  }
}

/** `render`: after a reset, render() returns a drawable frame. */
function checkRender(probe: EnvProbe, seed: number): void {
  if (typeof probe.env.render !== 'function' || !probe.reset({ seed }, `reset({ seed: ${seed} })`)) return;
  const r = probe.call('render');
  if (!r.ok) probe.findings.fail('render', `render() threw ${r.error}`);
  else {
    const problem = frameProblem(r.value);
    if (problem) probe.findings.fail('render', `render() returned an invalid frame: ${problem}`);
  }
}

/** `close-twice`: close() works, and a second close() on a closed env does not throw. */
function checkCloseTwice(e: AnyEnv, { fail }: Findings): void {
  if (typeof e.close !== 'function') return;
  for (const attempt of ['first', 'second'] as const) {
    try {
      (e.close as () => void).call(e);
    } catch (err) {
      fail(
        'close-twice',
        attempt === 'first'
          ? `close() threw ${errorText(err)}`
          : `calling close() a second time threw ${errorText(err)}; close() must be safe to call on a closed env`,
      );
      break;
    }
  }
}
