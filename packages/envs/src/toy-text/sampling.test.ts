import { describe, expect, test } from 'vitest';
import { make } from '../registry';
import { Rng } from '../rng';
import { CliffWalkingEnv } from './cliff-walking';
import type { DiscreteModelEnv } from './discrete-model-env';
import { FrozenLakeEnv } from './frozen-lake';
import { TaxiEnv } from './taxi';
import { categoricalSample, type Transition } from './transition-model';

/** |f − p| ≤ 4·sqrt(p(1 − p)/n): the binomial bound every empirical frequency must meet. */
function expectWithinBinomialBound(count: number, n: number, p: number, what: string): void {
  const bound = 4 * Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(count / n - p), `${what}: frequency ${count / n}, probability ${p}`).toBeLessThanOrEqual(
    bound,
  );
}

/** Each outcome's empirical frequency against its probability. */
function expectFrequencies(outcomes: readonly Transition[], counts: readonly number[], n: number): void {
  for (let j = 0; j < outcomes.length; j++) {
    expectWithinBinomialBound(counts[j]!, n, outcomes[j]![0], `outcome ${j} (next state ${outcomes[j]![1]})`);
  }
}

/** Steps `n` times from state s with action a (resetting first) and counts each outcome of P[s][a] by next state. */
function outcomeCounts(env: DiscreteModelEnv, s: number, a: number, n: number): number[] {
  const nexts = env.P[s]![a]!.map((t) => t[1]);
  expect(new Set(nexts).size, 'the chosen outcomes have distinct next states').toBe(nexts.length);
  const counts = nexts.map(() => 0);
  let unexpected = 0;
  env.reset({ seed: 11 });
  for (let i = 0; i < n; i++) {
    env.reset();
    env.setState([s]);
    const j = nexts.indexOf(env.step(a).obs);
    if (j < 0) unexpected++;
    else counts[j]! += 1;
  }
  expect(unexpected).toBe(0);
  return counts;
}

describe('categoricalSample', () => {
  test('returns the first index whose running sum exceeds u = rng.random()', () => {
    const probs = [0.2, 0.5, 0.3];
    const rng = new Rng(4);
    for (let i = 0; i < 200; i++) {
      const u = Rng.fromState(rng.state()).random();
      const expected = u < 0.2 ? 0 : u < 0.2 + 0.5 ? 1 : 2;
      expect(categoricalSample(probs, rng)).toBe(expected);
    }
  });

  test('consumes one draw even for a single outcome; returns 0 when rounding leaves no index', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    expect(categoricalSample([1], a)).toBe(0);
    b.random();
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(categoricalSample([0, 0], new Rng(1))).toBe(0);
  });
});

describe('seeded sampling of P[s][a]', () => {
  const n = 20000;

  test('slippery FrozenLake from state 14, action right: three outcomes of 1/3 each', () => {
    const env = new FrozenLakeEnv();
    const counts = outcomeCounts(env, 14, 2, n);
    expectFrequencies(env.P[14]![2]!, counts, n);
  });

  test('FrozenLake 8x8 with success_rate 0.8 from state 9, action down: 0.1 / 0.8 / 0.1', () => {
    const env = new FrozenLakeEnv({ map_name: '8x8', success_rate: 0.8 }, 'FrozenLake8x8-v1');
    const outcomes = env.P[9]![1]!;
    expect(outcomes.map((t) => t[0])).toEqual([0.09999999999999998, 0.8, 0.09999999999999998]);
    expect(new Set(outcomes.map((t) => t[1])).size).toBe(3);
    const counts = outcomeCounts(env, 9, 1, n);
    expectFrequencies(outcomes, counts, n);
  });

  test('slippery CliffWalking next to the cliff: one third of the moves fall back to the start', () => {
    const env = new CliffWalkingEnv({ is_slippery: true });
    // from (2, 5) moving right: up-slip to (1, 5), right to (2, 6), down-slip into the cliff
    const outcomes = env.P[29]![1]!;
    expect(outcomes).toEqual([
      [1 / 3, 17, -1, false],
      [1 / 3, 30, -1, false],
      [1 / 3, 36, -100, false],
    ]);
    const counts = outcomeCounts(env, 29, 1, n);
    expectFrequencies(outcomes, counts, n);
  });

  test("Taxi's reset draws the 300 start states uniformly", () => {
    const env = new TaxiEnv();
    const resets = 60000;
    const counts = new Map<number, number>();
    env.reset({ seed: 5 });
    for (let i = 0; i < resets; i++) {
      const { obs } = env.reset();
      counts.set(obs, (counts.get(obs) ?? 0) + 1);
    }
    expect(counts.size).toBe(300);
    for (const [s, c] of counts) {
      expect(env.initialStateDistribution[s], `start state ${s}`).toBeGreaterThan(0);
      expectWithinBinomialBound(c, resets, 1 / 300, `start state ${s}`);
    }
  });

  test('the same seed gives the same trajectory; another seed a different one', () => {
    const run = (seed: number) => {
      const env = make<number, number>('FrozenLake8x8-v1');
      const actions = new Rng(2);
      const out: number[] = [env.reset({ seed }).obs];
      for (let t = 0; t < 300; t++) {
        const r = env.step(actions.integer(4));
        out.push(r.obs, r.reward);
        if (r.terminated || r.truncated) out.push(-1, env.reset().obs);
      }
      return out;
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});

describe('info and options', () => {
  test('info.prob at reset and step; Taxi adds action_mask (1 where the action changes the state)', () => {
    const lake = make<number, number>('FrozenLake-v1');
    expect(lake.reset({ seed: 0 }).info).toEqual({ prob: 1 });
    expect(lake.step(1).info.prob).toBeCloseTo(1 / 3, 15);
    const taxi = new TaxiEnv();
    taxi.reset({ seed: 0 });
    // state 1: taxi at R (0, 0), passenger waiting at R, destination G; south, east (no wall) and pickup
    // change the state, north and west hit the edge, dropoff is illegal
    taxi.setState([1]);
    expect(taxi.actionMask(1)).toEqual([1, 0, 1, 0, 1, 0]);
    // after the pickup (state 17) a dropoff at R is legal (the passenger leaves the taxi) and pickup is not
    expect(taxi.step(4).info).toEqual({ prob: 1, action_mask: [1, 0, 1, 0, 0, 1] });
  });

  test('options: is_slippery false is deterministic; bad options are rejected naming the field', () => {
    const env = make<number, number>('FrozenLake-v1', { envOptions: { is_slippery: false } });
    env.reset({ seed: 0 });
    expect(env.step(2)).toMatchObject({ obs: 1, reward: 0, terminated: false, info: { prob: 1 } });
    expect(() => make('FrozenLake-v1', { envOptions: { is_slippery: 'yes' } })).toThrow(
      'option is_slippery must be a boolean, found string',
    );
    expect(() => make('FrozenLake-v1', { envOptions: { map_name: '5x5' } })).toThrow('option map_name');
    expect(() => make('FrozenLake-v1', { envOptions: { desc: ['SFX'] } })).toThrow('option desc');
    expect(() => make('Taxi-v4', { envOptions: { is_rainy: 1 } })).toThrow(
      'option is_rainy must be a boolean, found number',
    );
    expect(() => make('Taxi-v4', { envOptions: { fickle_probability: 2 } })).toThrow(
      'option fickle_probability must be a number in [0, 1], found 2',
    );
    const custom = new FrozenLakeEnv({ desc: ['SH', 'FG'], is_slippery: false });
    expect(custom.P[0]![2]).toEqual([[1, 1, 0, true]]);
    expect(custom.P[2]![2]).toEqual([[1, 3, 1, true]]);
    expect(() => custom.setState([4])).toThrow('expected [s] with s an integer in 0..3, found [4]');
  });
});
