import { describe, expect, test } from 'vitest';
import { EnvError } from '../src/errors';
import { make } from '../src/registry';
import { Rng } from '../src/rng';
import { CartPoleVectorEnv } from '../src/vector/cartpole-vector-env';
import { makeVec } from '../src/vector/make-vec';
import { SyncVectorEnv } from '../src/vector/sync-vector-env';
import { count, runSingles, runVector } from './vector-runs';

describe('CartPoleVectorEnv', () => {
  test('sub-env i equals make("CartPole-v1") seeded seed + i, bit for bit, across autoresets', () => {
    const n = 6;
    const steps = 700;
    const rng = new Rng(9);
    const actions = Array.from({ length: steps }, () => Array.from({ length: n }, () => rng.integer(2)));
    // a balancing policy for half the envs so some reach the 500-step truncation
    const policy = (t: number, i: number, obs: number[]) =>
      i % 2 === 0 ? (obs[2]! + 0.5 * obs[3]! > 0 ? 1 : 0) : actions[t]![i]!;
    const got = runVector(new CartPoleVectorEnv(n), 40, steps, policy);
    const want = runSingles('CartPole-v1', n, 40, steps, policy, false);
    expect(got.initial).toEqual(want.initial);
    expect(got.rows).toEqual(want.rows);
    expect(count(got.rows, 'trunc')).toBeGreaterThan(0);
    expect(count(got.rows, 'term')).toBeGreaterThan(0);
  });

  test('reports finished episodes and follows next-step autoreset', () => {
    const vec = new CartPoleVectorEnv(2, 5);
    vec.reset({ seed: [3, 4] });
    let r = vec.step([0, 1]);
    for (let t = 1; t < 5; t++) r = vec.step([0, 1]);
    expect(Array.from(r.truncated)).toEqual([1, 1]);
    expect(r.episodes).toEqual([
      { env: 0, return: 5, length: 5 },
      { env: 1, return: 5, length: 5 },
    ]);
    const single = make<Float32Array, number>('CartPole-v1');
    single.reset({ seed: 3 });
    for (let t = 0; t < 5; t++) single.step(0);
    const after = vec.step([1, 1]); // actions ignored: both reset
    expect(Array.from(after.rewards)).toEqual([0, 0]);
    expect(Array.from(after.truncated)).toEqual([0, 0]);
    expect(Array.from(after.obs.subarray(0, 4))).toEqual(Array.from(single.reset().obs));
  });

  test('bad input', () => {
    const vec = new CartPoleVectorEnv(3);
    expect(() => vec.step([0, 0, 0])).toThrow('CartPoleVectorEnv.step() called before reset()');
    vec.reset({ seed: 0 });
    expect(() => vec.step([0, 1])).toThrow('expected 3 actions (one per sub-env), found 2');
    expect(() => vec.step([0, 2, 1])).toThrow('actions[1] = 2 is not in Discrete(2) (0 or 1)');
    expect(() => vec.reset({ seed: [1, 2] })).toThrow('an array of 3 seeds');
    expect(() => new CartPoleVectorEnv(0)).toThrow(EnvError);
  });
});

describe('SyncVectorEnv', () => {
  test('Pendulum-v1 × 3 equals three single envs (continuous actions, truncation at 200)', () => {
    const n = 3;
    const steps = 230;
    const policy = (t: number, i: number) => Math.sin(t * 0.1 + i) * 2.5;
    const got = runVector(new SyncVectorEnv(() => make('Pendulum-v1'), n), 11, steps, policy);
    const want = runSingles('Pendulum-v1', n, 11, steps, policy, true);
    expect(got.initial).toEqual(want.initial);
    expect(got.rows).toEqual(want.rows);
    // every sub-env is truncated at step 200 (episode length 200), and no other episode ends
    expect(got.rows[199]!.episodes.map((e) => e.split(':')[2])).toEqual(['200', '200', '200']);
    expect(got.rows.flatMap((r) => r.episodes)).toHaveLength(3);
  });

  test('discrete observations (the bandit) fill one float per env', () => {
    const vec = makeVec('GaussianBandit-v0', 4);
    expect(vec.obsSize).toBe(1);
    const r = vec.reset({ seed: 1 });
    expect(Array.from(r.obs)).toEqual([0, 0, 0, 0]);
    const s = vec.step([0, 1, 2, 3]);
    expect(s.rewards.every(Number.isFinite)).toBe(true);
  });

  test('an invalid action names the sub-env', () => {
    const vec = new SyncVectorEnv(() => make('Acrobot-v1'), 2);
    vec.reset({ seed: 0 });
    expect(() => vec.step([0, 3])).toThrow('sub-env 1: Acrobot-v1.step(action): 3 is outside 0..2');
    expect(() => vec.step([0])).toThrow('expected 2 values (numEnvs 2 × actionSize 1), found 1');
  });

  test('makeVec uses the CartPole kernel unless env options are given', () => {
    expect(makeVec('CartPole-v1', 2)).toBeInstanceOf(CartPoleVectorEnv);
    expect(makeVec('CartPole-v1', 2, { maxEpisodeSteps: null })).toBeInstanceOf(SyncVectorEnv);
    expect((makeVec('CartPole-v1', 2, { maxEpisodeSteps: 10 }) as CartPoleVectorEnv).maxEpisodeSteps).toBe(
      10,
    );
  });
});
