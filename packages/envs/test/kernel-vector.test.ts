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

type Row = { obs: number[][]; rewards: number[]; term: boolean[]; trunc: boolean[]; episodes: string[] };
type Policy = (t: number, i: number, obs: number[]) => number;

/**
 * Runs N single envs from `make(id)` by hand with Gymnasium's next-step autoreset and the same
 * closed-loop policy as `runVector`, recording every output.
 */
function runSingles(id: string, n: number, seed: number, steps: number, policy: Policy, continuous: boolean) {
  const envs = Array.from({ length: n }, () => make<Float32Array, number | Float32Array>(id));
  let last = envs.map((e, i) => Array.from(e.reset({ seed: seed + i }).obs));
  const initial = last;
  const done = new Array<boolean>(n).fill(false);
  const returns = new Array<number>(n).fill(0);
  const lengths = new Array<number>(n).fill(0);
  const rows: Row[] = [];
  for (let t = 0; t < steps; t++) {
    const row: Row = { obs: [], rewards: [], term: [], trunc: [], episodes: [] };
    envs.forEach((e, i) => {
      if (done[i]) {
        row.obs.push(Array.from(e.reset().obs));
        row.rewards.push(0);
        row.term.push(false);
        row.trunc.push(false);
        done[i] = false;
        returns[i] = 0;
        lengths[i] = 0;
        return;
      }
      const a = policy(t, i, last[i]!);
      const r = e.step(continuous ? Float32Array.of(a) : a);
      row.obs.push(Array.from(r.obs));
      row.rewards.push(r.reward);
      row.term.push(r.terminated);
      row.trunc.push(r.truncated);
      returns[i]! += r.reward;
      lengths[i]!++;
      done[i] = r.terminated || r.truncated;
      if (done[i]) row.episodes.push(`${i}:${returns[i]}:${lengths[i]}`);
    });
    last = row.obs;
    rows.push(row);
  }
  return { initial, rows };
}

/** The same run through a vector env. */
function runVector(vec: VectorEnv, seed: number, steps: number, policy: Policy) {
  const n = vec.numEnvs;
  const k = vec.obsSize;
  const split = (buf: Float32Array) =>
    Array.from({ length: n }, (_, i) => Array.from(buf.subarray(i * k, i * k + k)));
  let last = split(vec.reset({ seed }).obs);
  const initial = last;
  const rows: Row[] = [];
  const actions = new Float64Array(n);
  const done = new Uint8Array(n);
  for (let t = 0; t < steps; t++) {
    // a sub-env that ended at the last step ignores its action (next-step autoreset): no policy draw
    for (let i = 0; i < n; i++) actions[i] = done[i] ? 0 : policy(t, i, last[i]!);
    const r = vec.step(actions);
    for (let i = 0; i < n; i++) done[i] = r.terminated[i]! | r.truncated[i]!;
    last = split(r.obs);
    rows.push({
      obs: last,
      rewards: Array.from(r.rewards),
      term: Array.from(r.terminated, Boolean),
      trunc: Array.from(r.truncated, Boolean),
      episodes: r.episodes.map((e) => `${e.env}:${e.return}:${e.length}`),
    });
  }
  return { initial, rows };
}

const count = (rows: Row[], key: 'term' | 'trunc') =>
  rows.reduce((s, r) => s + r[key].filter(Boolean).length, 0);

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
