import { describe, expect, test } from 'vitest';
import { EnvError } from '../src/errors';
import { make } from '../src/registry';
import { Rng } from '../src/rng';
import { AcrobotVectorEnv } from '../src/vector/acrobot-vector-env';
import { makeVec } from '../src/vector/make-vec';
import { MountainCarContinuousVectorEnv } from '../src/vector/mountain-car-continuous-vector-env';
import { MountainCarVectorEnv } from '../src/vector/mountain-car-vector-env';
import { PendulumVectorEnv } from '../src/vector/pendulum-vector-env';
import { SyncVectorEnv } from '../src/vector/sync-vector-env';
import type { VectorEnv } from '../src/vector/types';
import { count, type Policy, runSingles, runVector } from './vector-runs';

/** Even sub-envs follow a goal-reaching policy (so episodes terminate), odd ones act at random. */
function mixed(goal: Policy, random: (rng: Rng) => number, seed: number): Policy {
  const rng = new Rng(seed);
  return (t, i, obs) => (i % 2 === 0 ? goal(t, i, obs) : random(rng));
}

const cases: {
  id: string;
  make: (n: number) => VectorEnv;
  steps: number;
  policy: () => Policy;
  continuous: boolean;
  terminates: boolean;
}[] = [
  {
    id: 'Acrobot-v1',
    make: (n) => new AcrobotVectorEnv(n),
    steps: 1100,
    // pump energy (torque in the direction of θ̇2, obs[5]) to terminate; no torque (1) to truncate
    policy: () =>
      mixed(
        (_t, i, o) => (i % 4 === 0 ? (o[5]! > 0 ? 2 : 0) : 1),
        (rng) => rng.integer(3),
        1,
      ),
    continuous: false,
    terminates: true,
  },
  {
    id: 'MountainCar-v0',
    make: (n) => new MountainCarVectorEnv(n),
    steps: 700,
    policy: () =>
      mixed(
        (_t, _i, o) => (o[1]! >= 0 ? 2 : 0),
        (rng) => rng.integer(3),
        2,
      ),
    continuous: false,
    terminates: true,
  },
  {
    id: 'MountainCarContinuous-v0',
    make: (n) => new MountainCarContinuousVectorEnv(n),
    steps: 2100,
    // ±1.5 lies outside the Box: exercises the clipped force and the unclipped reward
    policy: () =>
      mixed(
        (_t, _i, o) => (o[1]! >= 0 ? 1.5 : -1.5),
        (rng) => rng.uniform(-1.2, 1.2),
        3,
      ),
    continuous: true,
    terminates: true,
  },
  {
    id: 'Pendulum-v1',
    make: (n) => new PendulumVectorEnv(n),
    steps: 450,
    policy: () =>
      mixed(
        (t, i) => Math.sin(t * 0.1 + i) * 2.5,
        (rng) => rng.uniform(-3, 3),
        4,
      ),
    continuous: true,
    terminates: false,
  },
];

describe.each(cases)('$id vector kernel', (c) => {
  test('sub-env i equals make(id) seeded seed + i, bit for bit, across terminations, truncations and autoresets', () => {
    const n = 6;
    const seed = 70;
    const vec = c.make(n);
    const got = runVector(vec, seed, c.steps, c.policy());
    const want = runSingles(c.id, n, seed, c.steps, c.policy(), c.continuous);
    expect(got.initial).toEqual(want.initial);
    // row by row, so a mismatch names its step
    for (let t = 0; t < c.steps; t++) expect({ t, ...got.rows[t]! }).toEqual({ t, ...want.rows[t]! });
    expect(count(got.rows, 'trunc')).toBeGreaterThan(0);
    if (c.terminates) expect(count(got.rows, 'term')).toBeGreaterThan(0);
  });

  test('makeVec picks the kernel; env options or no time limit fall back to SyncVectorEnv', () => {
    const vec = makeVec(c.id, 2);
    expect(vec).toBeInstanceOf(c.make(1).constructor);
    expect(makeVec(c.id, 2, { maxEpisodeSteps: null })).toBeInstanceOf(SyncVectorEnv);
    expect(makeVec(c.id, 2, { envOptions: {} })).toBeInstanceOf(SyncVectorEnv);
  });

  test('a shorter time limit truncates every sub-env at that step', () => {
    const vec = makeVec(c.id, 3, { maxEpisodeSteps: 7 });
    vec.reset({ seed: 5 });
    const zero = new Float64Array(3).fill(c.continuous ? 0 : 1);
    let r = vec.step(zero);
    for (let t = 1; t < 7; t++) r = vec.step(zero);
    expect(Array.from(r.truncated)).toEqual([1, 1, 1]);
    expect(r.episodes.map((e) => e.length)).toEqual([7, 7, 7]);
    const after = vec.step(zero);
    expect(Array.from(after.rewards)).toEqual([0, 0, 0]);
    expect(Array.from(after.truncated)).toEqual([0, 0, 0]);
  });

  test('reset options and per-sub-env seeds match the single env', () => {
    const options = c.id === 'Pendulum-v1' ? { x_init: 0.3, y_init: 0.2 } : { low: -0.05, high: -0.01 };
    const vec = c.make(2);
    const obs = Array.from(vec.reset({ seed: [9, 4], options }).obs);
    const single = make<Float32Array, number>(c.id);
    const want = [9, 4].flatMap((seed) => Array.from(single.reset({ seed, options }).obs));
    expect(obs).toEqual(want);
    const bad = c.id === 'Pendulum-v1' ? 'x_init' : 'low';
    expect(() => vec.reset({ options: { [bad]: 'x' } })).toThrow(
      `${c.id}.reset: options.${bad} must be a finite number`,
    );
  });

  test('bad input names the sub-env and what was expected', () => {
    const vec = c.make(3);
    expect(() => vec.step([0, 0, 0])).toThrow('step() called before reset()');
    vec.reset({ seed: 0 });
    expect(() => vec.step([0, 0])).toThrow('expected 3 actions (one per sub-env), found 2');
    if (c.continuous) expect(() => vec.step([0, Number.NaN, 0])).toThrow('actions[1] = NaN is not in Box');
    else expect(() => vec.step([0, 3, 0])).toThrow('actions[1] = 3 is not in Discrete(3)');
    expect(() => c.make(0)).toThrow(EnvError);
  });
});
