import { EnvError } from '../errors';
import { Rng } from '../rng';
import { typeName } from '../space-explain';
import type { SpaceSpec } from '../spaces';
import { frameProblem } from './frame-check';

/** The checks `checkEnv` runs, after Gymnasium's `check_env`. */
export type CheckName =
  | 'env-object'
  | 'observation-space'
  | 'action-space'
  | 'reset-signature'
  | 'reset-observation'
  | 'reset-options'
  | 'reset-seed-determinism'
  | 'step-signature'
  | 'step-observation'
  | 'reward-finite'
  | 'step-determinism'
  | 'render'
  | 'close-twice';

export interface CheckIssue {
  check: CheckName;
  /** What exactly is wrong (or suspicious), in words a student can act on. */
  message: string;
}

export interface CheckEnvReport {
  /** True when there are no failures (warnings allowed). */
  passed: boolean;
  failures: CheckIssue[];
  warnings: CheckIssue[];
}

export interface CheckEnvOptions {
  /** Seed used for the seeded resets (default 123, as Gymnasium). */
  seed?: number;
  /** Random-action steps taken to check observations and rewards (default 200). */
  rolloutSteps?: number;
  /** Steps compared by the determinism check (default 50). */
  determinismSteps?: number;
}

/** A minimal view of a space, validated through its own methods (works for duck-typed custom spaces). */
interface CheckedSpace {
  contains(x: unknown): boolean;
  sample(rng: Rng): unknown;
  describe: string;
}

interface Trajectory {
  resetObs: unknown;
  steps: { obs: unknown; reward: unknown; terminated: unknown; truncated: unknown }[];
}

type AnyEnv = Record<string, unknown>;

/**
 * Gymnasium's `check_env` for Critic envs: spaces present and valid, reset and step signatures,
 * observations inside the space, seeded determinism of reset and step, finite rewards, `render`
 * returning a drawable frame, and `close` callable twice. Returns every problem found (it never
 * throws on a broken env); `assertEnvValid` throws instead. The env is reset, stepped and finally
 * closed: check a fresh instance, not one in use.
 */
export function checkEnv(env: unknown, options: CheckEnvOptions = {}): CheckEnvReport {
  const seed = options.seed ?? 123;
  const rolloutSteps = options.rolloutSteps ?? 200;
  const determinismSteps = options.determinismSteps ?? 50;
  const failures: CheckIssue[] = [];
  const warnings: CheckIssue[] = [];
  const fail = (check: CheckName, message: string) => {
    if (!failures.some((f) => f.check === check && f.message === message)) failures.push({ check, message });
  };
  const warn = (check: CheckName, message: string) => {
    if (!warnings.some((w) => w.check === check && w.message === message)) warnings.push({ check, message });
  };
  const report = (): CheckEnvReport => ({ passed: failures.length === 0, failures, warnings });

  if (env === null || typeof env !== 'object') {
    fail('env-object', `expected an env object with reset, step, render and close; found ${typeName(env)}`);
    return report();
  }
  const e = env as AnyEnv;
  const obsSpace = checkSpace(e.observationSpace, 'observationSpace', 'observation-space', fail);
  const actSpace = checkSpace(e.actionSpace, 'actionSpace', 'action-space', fail);
  for (const m of ['reset', 'step', 'render', 'close'] as const) {
    if (typeof e[m] !== 'function') fail('env-object', `env.${m} must be a method, found ${typeName(e[m])}`);
  }
  if (!obsSpace || !actSpace || typeof e.reset !== 'function' || typeof e.step !== 'function')
    return report();

  const call = (
    method: string,
    ...args: unknown[]
  ): { ok: true; value: unknown } | { ok: false; error: string } => {
    try {
      return { ok: true, value: (e[method] as (...a: unknown[]) => unknown).apply(e, args) };
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
  };

  /** reset(opts), checked; the observation, or undefined when reset failed. */
  const reset = (opts: Record<string, unknown> | undefined, what: string): { obs: unknown } | undefined => {
    const r = opts === undefined ? call('reset') : call('reset', opts);
    if (!r.ok) {
      fail('reset-signature', `${what} threw ${r.error}`);
      return undefined;
    }
    const out = r.value;
    if (out === null || typeof out !== 'object' || !('obs' in out) || !('info' in out)) {
      const found = Array.isArray(out)
        ? `an array of ${out.length} values (return { obs, info }, not [obs, info])`
        : describeValue(out);
      fail('reset-signature', `${what} must return an object { obs, info }, found ${found}`);
      return undefined;
    }
    const { obs, info } = out as { obs: unknown; info: unknown };
    if (!isPlainObject(info)) {
      fail(
        'reset-signature',
        `${what} returned info = ${describeValue(info)}; info must be a plain object ({} for none)`,
      );
    }
    checkObservation(obs, obsSpace, `${what} returned an observation`, 'reset-observation', fail, warn);
    return { obs };
  };

  /** step(action), checked; the result, or undefined when step failed. */
  const step = (action: unknown, where: string): Trajectory['steps'][number] | undefined => {
    const r = call('step', action);
    if (!r.ok) {
      fail('step-signature', `${where}: step(${describeValue(action)}) threw ${r.error}`);
      return undefined;
    }
    const out = r.value;
    if (out === null || typeof out !== 'object' || Array.isArray(out)) {
      fail(
        'step-signature',
        `${where}: step() must return an object { obs, reward, terminated, truncated, info }, found ${Array.isArray(out) ? `an array of ${out.length} values` : describeValue(out)}`,
      );
      return undefined;
    }
    const o = out as Record<string, unknown>;
    const missing = ['obs', 'reward', 'terminated', 'truncated', 'info'].filter((k) => !(k in o));
    if (missing.length > 0) {
      fail(
        'step-signature',
        `step() must return { obs, reward, terminated, truncated, info }; the result has no ${missing.join(', ')}`,
      );
      return undefined;
    }
    if (typeof o.reward !== 'number') {
      fail(
        'step-signature',
        `${where}: step() returned reward = ${describeValue(o.reward)}; reward must be a number`,
      );
    } else if (Number.isNaN(o.reward)) {
      fail(
        'reward-finite',
        `${where}: step(${describeValue(action)}) returned reward NaN; rewards must be finite numbers`,
      );
    } else if (!Number.isFinite(o.reward)) {
      fail(
        'reward-finite',
        `${where}: step(${describeValue(action)}) returned reward ${o.reward}; rewards must be finite numbers`,
      );
    }
    for (const flag of ['terminated', 'truncated'] as const) {
      if (typeof o[flag] !== 'boolean') {
        fail(
          'step-signature',
          `${where}: step() returned ${flag} = ${describeValue(o[flag])}; ${flag} must be a boolean`,
        );
      }
    }
    if (!isPlainObject(o.info)) {
      fail(
        'step-signature',
        `${where}: step() returned info = ${describeValue(o.info)}; info must be a plain object ({} for none)`,
      );
    }
    checkObservation(
      o.obs,
      obsSpace,
      `${where}: step() returned an observation`,
      'step-observation',
      fail,
      warn,
    );
    return { obs: copyValue(o.obs), reward: o.reward, terminated: o.terminated, truncated: o.truncated };
  };

  // reset: signature, observation, options accepted
  const first = reset({ seed }, `reset({ seed: ${seed} })`);
  if (!first) return closeTwice(e, fail, report);
  const withOptions = call('reset', { seed, options: {} });
  if (!withOptions.ok) {
    fail(
      'reset-options',
      `reset({ seed: ${seed}, options: {} }) threw ${withOptions.error}; reset must accept an options object`,
    );
  }

  // a rollout with random actions, resetting on done
  const actionRng = new Rng(seed);
  if (reset({ seed }, `reset({ seed: ${seed} })`)) {
    for (let t = 0; t < rolloutSteps; t++) {
      const r = step(actSpace.sample(actionRng), `step ${t} of the random rollout`);
      if (!r) break;
      if (r.terminated === true || r.truncated === true) {
        if (!reset(undefined, `reset() after the episode ended at step ${t}`)) break;
      }
    }
  }

  // seeded determinism of reset and step
  const trajectory = (s: number): Trajectory | undefined => {
    const r = reset({ seed: s }, `reset({ seed: ${s} })`);
    if (!r) return undefined;
    const resetObs = copyValue(r.obs);
    const rng = new Rng(7);
    const steps: Trajectory['steps'] = [];
    for (let t = 0; t < determinismSteps; t++) {
      const res = step(actSpace.sample(rng), `determinism run, step ${t}`);
      if (!res) return undefined;
      steps.push(res);
      if (res.terminated === true || res.truncated === true) break;
    }
    return { resetObs, steps };
  };
  const t1 = trajectory(seed);
  const t2 = trajectory(seed);
  if (t1 && t2) {
    if (!sameValue(t1.resetObs, t2.resetObs)) {
      fail(
        'reset-seed-determinism',
        `reset({ seed: ${seed} }) is not deterministic: it returned ${describeValue(t1.resetObs)} and then ${describeValue(t2.resetObs)}; draw all randomness from a PRNG seeded in reset`,
      );
    } else {
      const diff = firstDifference(t1, t2);
      if (diff) {
        fail(
          'step-determinism',
          `step() is not deterministic: after reset({ seed: ${seed} }) and the same actions, ${diff}; draw all randomness from the PRNG seeded in reset`,
        );
      }
    }
    const t3 = trajectory(seed + 333);
    if (t3 && sameValue(t1.resetObs, t3.resetObs) && !firstDifference(t1, t3) && hasRandomness(obsSpace)) {
      warn(
        'reset-seed-determinism',
        `reset({ seed: ${seed} }) and reset({ seed: ${seed + 333} }) gave identical episodes; if the env is meant to be random, reset ignores its seed`,
      );
    }
  }

  // render returns a drawable frame
  if (typeof e.render === 'function' && reset({ seed }, `reset({ seed: ${seed} })`)) {
    const r = call('render');
    if (!r.ok) fail('render', `render() threw ${r.error}`);
    else {
      const problem = frameProblem(r.value);
      if (problem) fail('render', `render() returned an invalid frame: ${problem}`);
    }
  }

  return closeTwice(e, fail, report);
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

function closeTwice(
  e: AnyEnv,
  fail: (check: CheckName, message: string) => void,
  report: () => CheckEnvReport,
): CheckEnvReport {
  if (typeof e.close !== 'function') return report();
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
  return report();
}

function checkSpace(
  value: unknown,
  name: 'observationSpace' | 'actionSpace',
  check: CheckName,
  fail: (check: CheckName, message: string) => void,
): CheckedSpace | undefined {
  if (value === undefined || value === null) {
    fail(
      check,
      `env.${name} is missing: an env must declare its ${name === 'actionSpace' ? 'action' : 'observation'} space (a Box or Discrete)`,
    );
    return undefined;
  }
  const s = value as Record<string, unknown>;
  for (const m of ['contains', 'sample', 'toSpec'] as const) {
    if (typeof s[m] !== 'function') {
      fail(
        check,
        `env.${name} must be a Box or Discrete space; it has no ${m}() method (found ${typeName(value)})`,
      );
      return undefined;
    }
  }
  let spec: SpaceSpec;
  try {
    spec = (s.toSpec as () => SpaceSpec).call(value);
  } catch (err) {
    fail(check, `env.${name}.toSpec() threw ${errorText(err)}`);
    return undefined;
  }
  const problem = specProblem(spec);
  if (problem) {
    fail(check, `env.${name} is not a valid space: ${problem}`);
    return undefined;
  }
  const contains = (x: unknown) => Boolean((s.contains as (x: unknown) => boolean).call(value, x));
  const sample = (rng: Rng) => (s.sample as (r: Rng) => unknown).call(value, rng);
  const describe = describeSpec(spec);
  try {
    const rng = new Rng(0);
    for (let i = 0; i < 10; i++) {
      const x = sample(rng);
      if (!contains(x)) {
        fail(
          check,
          `env.${name}.sample() returned ${describeValue(x)}, which env.${name}.contains() rejects`,
        );
        return undefined;
      }
    }
  } catch (err) {
    fail(check, `env.${name}.sample() threw ${errorText(err)}`);
    return undefined;
  }
  return { contains, sample, describe };
}

function specProblem(spec: unknown): string | undefined {
  if (spec === null || typeof spec !== 'object') return `toSpec() returned ${typeName(spec)}`;
  const sp = spec as Record<string, unknown>;
  if (sp.type === 'Discrete') {
    if (typeof sp.n !== 'number' || !Number.isSafeInteger(sp.n) || sp.n <= 0)
      return `Discrete n must be a positive integer, found ${String(sp.n)}`;
    if (typeof sp.start !== 'number' || !Number.isSafeInteger(sp.start))
      return `Discrete start must be an integer, found ${String(sp.start)}`;
    return undefined;
  }
  if (sp.type === 'Box') {
    const shape = sp.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      return `Box shape must be an array of non-negative integers, found ${JSON.stringify(shape)}`;
    }
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    for (const k of ['low', 'high'] as const) {
      const b = sp[k];
      if (!Array.isArray(b) || b.length !== size)
        return `Box ${k} must have ${size} entries (shape [${shape.join(', ')}]), found ${describeValue(b)}`;
      const bad = b.findIndex((v) => typeof v !== 'number' || Number.isNaN(v));
      if (bad >= 0) return `Box ${k}[${bad}] is ${String(b[bad])}, expected a number`;
    }
    const low = sp.low as number[];
    const high = sp.high as number[];
    const inverted = low.findIndex((l, i) => l > high[i]!);
    if (inverted >= 0)
      return `Box low[${inverted}] = ${low[inverted]} is greater than high[${inverted}] = ${high[inverted]}`;
    if (sp.dtype !== 'float32' && sp.dtype !== 'float64')
      return `Box dtype must be "float32" or "float64", found ${JSON.stringify(sp.dtype)}`;
    return undefined;
  }
  return `space type must be "Box" or "Discrete", found ${JSON.stringify(sp.type)}`;
}

function describeSpec(spec: SpaceSpec): string {
  if (spec.type === 'Discrete')
    return spec.start === 0 ? `Discrete(${spec.n})` : `Discrete(${spec.n}, start=${spec.start})`;
  return `Box(shape=[${spec.shape.join(', ')}], low=[${spec.low.join(', ')}], high=[${spec.high.join(', ')}])`;
}

function checkObservation(
  obs: unknown,
  space: CheckedSpace,
  what: string,
  check: CheckName,
  fail: (check: CheckName, message: string) => void,
  warn: (check: CheckName, message: string) => void,
): void {
  if (!space.contains(obs)) {
    fail(
      check,
      `${what} ${describeValue(obs)} that is not in the observation space ${space.describe}${whyOutside(obs, space.describe)}`,
    );
  } else if (Array.isArray(obs)) {
    warn(
      check,
      `${what} as a plain array; Box observations should be Float32Array (as Gymnasium's float32 arrays)`,
    );
  }
}

function whyOutside(obs: unknown, describe: string): string {
  if (describe.startsWith('Box') && (ArrayBuffer.isView(obs) || Array.isArray(obs))) {
    const v = obs as ArrayLike<unknown>;
    const shape = /shape=\[([^\]]*)\]/.exec(describe)?.[1] ?? '';
    const size = shape === '' ? 1 : shape.split(', ').reduce((a, b) => a * Number(b), 1);
    if (v.length !== size) return ` (length ${v.length}, expected ${size})`;
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'number') return ` (element ${i} is ${typeName(v[i])})`;
      if (Number.isNaN(v[i])) return ` (element ${i} is NaN)`;
    }
    return ' (some element is outside [low, high])';
  }
  return '';
}

function hasRandomness(space: CheckedSpace): boolean {
  return !space.describe.startsWith('Discrete(1)');
}

function firstDifference(a: Trajectory, b: Trajectory): string | undefined {
  const n = Math.min(a.steps.length, b.steps.length);
  for (let t = 0; t < n; t++) {
    const x = a.steps[t]!;
    const y = b.steps[t]!;
    if (!sameValue(x.obs, y.obs))
      return `step ${t} returned observation ${describeValue(x.obs)} the first time and ${describeValue(y.obs)} the second`;
    if (!Object.is(x.reward, y.reward))
      return `step ${t} returned reward ${String(x.reward)} the first time and ${String(y.reward)} the second`;
    if (x.terminated !== y.terminated || x.truncated !== y.truncated) {
      return `step ${t} returned (terminated, truncated) = (${String(x.terminated)}, ${String(x.truncated)}) the first time and (${String(y.terminated)}, ${String(y.truncated)}) the second`;
    }
  }
  if (a.steps.length !== b.steps.length)
    return `the episode lasted ${a.steps.length} steps the first time and ${b.steps.length} the second`;
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if ((ArrayBuffer.isView(a) || Array.isArray(a)) && (ArrayBuffer.isView(b) || Array.isArray(b))) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  return a === b;
}

function copyValue(x: unknown): unknown {
  if (ArrayBuffer.isView(x) || Array.isArray(x)) return Array.from(x as ArrayLike<unknown>);
  return x;
}

function isPlainObject(x: unknown): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** A value for a message: numbers and short arrays in full, others by type. */
export function describeValue(x: unknown): string {
  if (typeof x === 'number') return String(x);
  if (typeof x === 'boolean' || x === undefined || x === null) return String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (ArrayBuffer.isView(x) || Array.isArray(x)) {
    const v = Array.from(x as ArrayLike<unknown>);
    const shown = v.slice(0, 8).map((e) => (typeof e === 'number' ? String(e) : typeName(e)));
    const kind = Array.isArray(x) ? '' : (x as object).constructor.name;
    return `${kind}[${shown.join(', ')}${v.length > 8 ? `, … (${v.length} values)` : ''}]`;
  }
  return typeName(x);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `a non-Error value (${describeValue(err)})`;
}
