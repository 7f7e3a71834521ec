import { Rng } from '../rng';
import { typeName } from '../space-explain';
import type { SpaceSpec } from '../spaces';
import type { CheckName, Findings } from './findings';
import { describeValue, errorText } from './values';

/** A minimal view of a space, validated through its own methods (works for duck-typed custom spaces). */
export interface CheckedSpace {
  contains(x: unknown): boolean;
  sample(rng: Rng): unknown;
  describe: string;
}

/** The space checks (`observation-space`, `action-space`): present, a valid spec, samples it contains. */
export function checkSpace(
  value: unknown,
  name: 'observationSpace' | 'actionSpace',
  check: CheckName,
  { fail }: Findings,
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

/** `reset-observation` / `step-observation`: inside the space, and a typed array rather than a plain one. */
export function checkObservation(
  obs: unknown,
  space: CheckedSpace,
  what: string,
  check: CheckName,
  { fail, warn }: Findings,
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

/** Whether a space can produce different values (so identical episodes under two seeds are suspicious). */
export function hasRandomness(space: CheckedSpace): boolean {
  return !space.describe.startsWith('Discrete(1)');
}
