import { Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { discountedReturns } from './discounted';
import { computeGae } from './gae';
import { normalizeAdvantages } from './normalize';
import { nStepReturns } from './nstep';
import { a2cAdvantages, nextValuesFromRollout, tdTargets } from './td';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Math.abs(a - e) > tol * (1 + Math.abs(e))) {
      throw new Error(`index ${i}: expected ${e}, got ${a} (all: ${Array.from(actual).join(', ')})`);
    }
  }
}

/**
 * A random T × N rollout: rewards, values, next values, terminated and truncated flags (both may be
 * set). With `consistent`, V(s′_t) = V(s_{t+1}) inside an episode, as in a real rollout; otherwise
 * every next value is independent (the functions must not assume consistency).
 */
function randomRollout(rng: Rng, numSteps: number, numEnvs: number, endRate: number, consistent = false) {
  const len = numSteps * numEnvs;
  const rewards = Float32Array.from({ length: len }, () => rng.normal());
  const values = Float64Array.from({ length: len }, () => rng.normal() * 2);
  const nextValues = Float64Array.from({ length: len }, () => rng.normal() * 2);
  const terminated = Uint8Array.from({ length: len }, () => (rng.random() < endRate ? 1 : 0));
  const truncated = Uint8Array.from({ length: len }, () => (rng.random() < endRate ? 1 : 0));
  if (consistent) {
    for (let i = 0; i + numEnvs < len; i++) {
      if (!terminated[i] && !truncated[i]) nextValues[i] = values[i + numEnvs] as number;
    }
  }
  return { rewards, values, nextValues, terminated, truncated, numEnvs, numSteps };
}

// ---- independent straightforward loops (forward sums, one (t, n) at a time) -------------------

function loopDiscounted(
  r: ArrayLike<number>,
  d: ArrayLike<number>,
  gamma: number,
  numEnvs: number,
): number[] {
  const T = r.length / numEnvs;
  const out: number[] = new Array(r.length).fill(0);
  for (let n = 0; n < numEnvs; n++) {
    for (let t = 0; t < T; t++) {
      let g = 0;
      for (let k = t; k < T; k++) {
        g += gamma ** (k - t) * (r[k * numEnvs + n] as number);
        if (d[k * numEnvs + n]) break;
      }
      out[t * numEnvs + n] = g;
    }
  }
  return out;
}

function loopNStep(
  roll: ReturnType<typeof randomRollout>,
  gamma: number,
  horizon: number,
  useTruncated: boolean,
): number[] {
  const { rewards, nextValues, terminated, truncated, numEnvs, numSteps } = roll;
  const out: number[] = [];
  for (let t = 0; t < numSteps; t++) {
    for (let n = 0; n < numEnvs; n++) {
      // find the last step of the window: first episode end, the n-th step, or the rollout's end
      let last = t;
      while (
        last < numSteps - 1 &&
        last < t + horizon - 1 &&
        !terminated[last * numEnvs + n] &&
        !(useTruncated && truncated[last * numEnvs + n])
      ) {
        last++;
      }
      let g = 0;
      for (let k = t; k <= last; k++) g += gamma ** (k - t) * (rewards[k * numEnvs + n] as number);
      if (!terminated[last * numEnvs + n])
        g += gamma ** (last - t + 1) * (nextValues[last * numEnvs + n] as number);
      out[t * numEnvs + n] = g;
    }
  }
  return out;
}

function loopGae(roll: ReturnType<typeof randomRollout>, gamma: number, lambda: number): number[] {
  const { rewards, values, nextValues, terminated, truncated, numEnvs, numSteps } = roll;
  const delta = (i: number) =>
    (rewards[i] as number) + (terminated[i] ? 0 : gamma * (nextValues[i] as number)) - (values[i] as number);
  const out: number[] = [];
  for (let t = 0; t < numSteps; t++) {
    for (let n = 0; n < numEnvs; n++) {
      let a = 0;
      for (let k = t; k < numSteps; k++) {
        const i = k * numEnvs + n;
        a += (gamma * lambda) ** (k - t) * delta(i);
        if (terminated[i] || truncated[i]) break;
      }
      out[t * numEnvs + n] = a;
    }
  }
  return out;
}

// ---- discounted Monte-Carlo return -----------------------------------------------------------

describe('discountedReturns', () => {
  it('matches hand-computed returns', () => {
    // γ = 0.9: G2 = 3, G1 = 2 + 0.9·3 = 4.7, G0 = 1 + 0.9·4.7 = 5.23
    expectClose(discountedReturns({ rewards: [1, 2, 3], gamma: 0.9 }), [5.23, 4.7, 3]);
    // episode ends at t = 1: G1 = 2, G0 = 1 + 0.5·2 = 2, G2 = 3 (new episode, partial)
    expectClose(discountedReturns({ rewards: [1, 2, 3], dones: [0, 1, 0], gamma: 0.5 }), [2, 2, 3]);
    // γ = 0: the immediate rewards; γ = 1: undiscounted sums
    expectClose(discountedReturns({ rewards: [1, 2, 3], gamma: 0 }), [1, 2, 3]);
    expectClose(discountedReturns({ rewards: [1, 2, 3], dones: [false, false, true], gamma: 1 }), [6, 5, 3]);
  });

  it('keeps the sub-envs of a T × N rollout apart', () => {
    // N = 2, T = 2: env 0 rewards [1, 10], env 1 rewards [2, 20] ending at t = 0
    const out = discountedReturns({ rewards: [1, 2, 10, 20], dones: [0, 1, 0, 0], gamma: 0.5, numEnvs: 2 });
    expectClose(out, [1 + 0.5 * 10, 2, 10, 20]);
  });

  it('handles length-1 and empty rollouts', () => {
    expectClose(discountedReturns({ rewards: [4], dones: [1], gamma: 0.99 }), [4]);
    expect(discountedReturns({ rewards: [], gamma: 0.99 })).toEqual(new Float64Array(0));
    expect(discountedReturns({ rewards: new Float32Array(0), gamma: 0.5, numEnvs: 3 })).toHaveLength(0);
  });

  it('equals a forward-sum loop on random rollouts for several γ and done patterns', () => {
    const rng = new Rng(11);
    for (const gamma of [0, 0.5, 0.9, 0.99, 1]) {
      for (const endRate of [0, 0.1, 0.5, 1]) {
        const roll = randomRollout(rng, 1 + rng.integer(30), 1 + rng.integer(4), endRate);
        const dones = roll.terminated.map((x, i) => x | (roll.truncated[i] as number));
        const got = discountedReturns({ rewards: roll.rewards, dones, gamma, numEnvs: roll.numEnvs });
        expectClose(got, loopDiscounted(roll.rewards, dones, gamma, roll.numEnvs), 1e-10);
      }
    }
  });
});

// ---- TD target and A2C advantage -------------------------------------------------------------

describe('tdTargets and a2cAdvantages', () => {
  it('matches hand-computed values', () => {
    // y = r + γ¬dV(s′): 1 + 0.9·10 = 10, 2 + 0 (terminal), 3 + 0.9·(−1) = 2.1
    const opts = { rewards: [1, 2, 3], nextValues: [10, 5, -1], terminated: [0, 1, 0], gamma: 0.9 };
    expectClose(tdTargets(opts), [10, 2, 2.1]);
    // A = −V(s) + y with V = [4, 1, 0.5]
    expectClose(a2cAdvantages({ ...opts, values: [4, 1, 0.5] }), [6, 1, 1.6]);
  });

  it('equals r + γ(1 − d)V′ − V element-wise on random data; γ = 0 gives r − V', () => {
    const rng = new Rng(12);
    for (const gamma of [0, 0.3, 0.99, 1]) {
      const roll = randomRollout(rng, 40, 1, 0.3);
      const got = a2cAdvantages({ ...roll, gamma });
      const want = Array.from(roll.rewards, (r, i) => {
        const bootstrap = roll.terminated[i] ? 0 : gamma * (roll.nextValues[i] as number);
        return r + bootstrap - (roll.values[i] as number);
      });
      expectClose(got, want);
    }
  });

  it('handles length-1 and empty inputs', () => {
    expectClose(tdTargets({ rewards: [1], nextValues: [2], terminated: [0], gamma: 0.5 }), [2]);
    expect(
      a2cAdvantages({ rewards: [], nextValues: [], terminated: [], values: [], gamma: 0.5 }),
    ).toHaveLength(0);
  });

  it('nextValuesFromRollout shifts values one step and appends the last values per env', () => {
    // T = 3, N = 2
    const values = [1, 2, 3, 4, 5, 6];
    expectClose(nextValuesFromRollout({ values, lastValues: [7, 8], numEnvs: 2 }), [3, 4, 5, 6, 7, 8]);
    expectClose(nextValuesFromRollout({ values: [], lastValues: [1, 2], numEnvs: 2 }), []);
  });
});

// ---- n-step returns --------------------------------------------------------------------------

describe('nStepReturns', () => {
  it('matches hand-computed values', () => {
    const base = { rewards: [1, 2, 3, 4], nextValues: [10, 20, 30, 40], gamma: 0.5 };
    // n = 2, no ends: G0 = 1 + 0.5·2 + 0.25·20 = 7; G1 = 2 + 1.5 + 7.5 = 11; G2 = 3 + 2 + 10 = 15; G3 = 4 + 20 = 24
    expectClose(nStepReturns({ ...base, terminated: [0, 0, 0, 0], n: 2 }), [7, 11, 15, 24]);
    // terminated at t = 1: G0 = 1 + 0.5·2 = 2, G1 = 2 (no bootstrap)
    expectClose(nStepReturns({ ...base, terminated: [0, 1, 0, 0], n: 3 }), [2, 2, 3 + 2 + 0.25 * 40, 24]);
    // truncated at t = 1: bootstrap from V(s′_1) = 20: G0 = 1 + 1 + 0.25·20 = 7, G1 = 2 + 0.5·20 = 12
    expectClose(nStepReturns({ ...base, terminated: [0, 0, 0, 0], truncated: [0, 1, 0, 0], n: 3 }), [
      7,
      12,
      3 + 2 + 0.25 * 40,
      24,
    ]);
  });

  it('n = 1 equals the TD target (truncation bootstraps either way)', () => {
    const roll = randomRollout(new Rng(13), 25, 3, 0.3);
    expectClose(nStepReturns({ ...roll, gamma: 0.9, n: 1 }), tdTargets({ ...roll, gamma: 0.9 }));
  });

  it('n ≥ T with truncation equals GAE λ = 1 returns', () => {
    const roll = randomRollout(new Rng(14), 20, 2, 0.15, true);
    const gae = computeGae({ ...roll, gamma: 0.95, lambda: 1 });
    expectClose(nStepReturns({ ...roll, gamma: 0.95, n: 20 }), gae.returns, 1e-10);
  });

  it('equals a straightforward loop for several n, γ and done patterns', () => {
    const rng = new Rng(15);
    for (const n of [1, 2, 3, 5, 50]) {
      for (const gamma of [0, 0.7, 1]) {
        for (const endRate of [0, 0.2, 0.6]) {
          const roll = randomRollout(rng, 1 + rng.integer(25), 1 + rng.integer(3), endRate);
          expectClose(nStepReturns({ ...roll, gamma, n }), loopNStep(roll, gamma, n, true), 1e-10);
          const { truncated: _dropped, ...noTrunc } = roll;
          expectClose(nStepReturns({ ...noTrunc, gamma, n }), loopNStep(roll, gamma, n, false), 1e-10);
        }
      }
    }
  });

  it('handles length-1 and empty inputs', () => {
    expectClose(nStepReturns({ rewards: [1], nextValues: [3], terminated: [0], gamma: 0.5, n: 4 }), [2.5]);
    expectClose(nStepReturns({ rewards: [1], nextValues: [3], terminated: [1], gamma: 0.5, n: 4 }), [1]);
    expect(nStepReturns({ rewards: [], nextValues: [], terminated: [], gamma: 0.5, n: 4 })).toHaveLength(0);
  });
});

// ---- GAE(λ) ----------------------------------------------------------------------------------

describe('computeGae', () => {
  it('matches hand-computed advantages with termination and truncation', () => {
    // γ = 0.5, λ = 0.5 (γλ = 0.25); V = [1, 1, 1], V′ = [2, 4, 8]
    const base = { rewards: [1, 1, 1], values: [1, 1, 1], nextValues: [2, 4, 8], gamma: 0.5, lambda: 0.5 };
    // no ends: δ = [1 + 1 − 1, 1 + 2 − 1, 1 + 4 − 1] = [1, 2, 4]; Â2 = 4, Â1 = 2 + 0.25·4 = 3, Â0 = 1 + 0.75 = 1.75
    const open = computeGae({ ...base, terminated: [0, 0, 0] });
    expectClose(open.advantages, [1.75, 3, 4]);
    expectClose(open.returns, [2.75, 4, 5]);
    // terminated at t = 1: δ1 = 1 + 0 − 1 = 0 and the sum stops: Â = [1 + 0.25·0, 0, 4]
    expectClose(computeGae({ ...base, terminated: [0, 1, 0] }).advantages, [1, 0, 4]);
    // truncated at t = 1: δ1 = 2 still bootstraps from V(s′_1) = 4, but the sum stops: Â = [1 + 0.5, 2, 4]
    expectClose(computeGae({ ...base, terminated: [0, 0, 0], truncated: [0, 1, 0] }).advantages, [1.5, 2, 4]);
    // terminated and truncated together count as terminated
    expectClose(computeGae({ ...base, terminated: [0, 1, 0], truncated: [0, 1, 0] }).advantages, [1, 0, 4]);
  });

  it('λ = 0 gives the A2C advantage; λ = 1 gives the bootstrapped return minus V', () => {
    const roll = randomRollout(new Rng(16), 30, 2, 0.2, true);
    expectClose(
      computeGae({ ...roll, gamma: 0.9, lambda: 0 }).advantages,
      a2cAdvantages({ ...roll, gamma: 0.9 }),
    );
    const mc = loopNStep(roll, 0.9, 1_000, true);
    expectClose(
      computeGae({ ...roll, gamma: 0.9, lambda: 1 }).advantages,
      mc.map((g, i) => g - (roll.values[i] as number)),
      1e-10,
    );
  });

  it('equals a forward-sum loop for several γ, λ and done patterns', () => {
    const rng = new Rng(17);
    for (const gamma of [0, 0.5, 0.99, 1]) {
      for (const lambda of [0, 0.5, 0.95, 1]) {
        for (const endRate of [0, 0.1, 0.5]) {
          const roll = randomRollout(rng, 1 + rng.integer(40), 1 + rng.integer(4), endRate);
          const { advantages, returns } = computeGae({ ...roll, gamma, lambda });
          const want = loopGae(roll, gamma, lambda);
          expectClose(advantages, want, 1e-10);
          expectClose(
            returns,
            want.map((a, i) => a + (roll.values[i] as number)),
            1e-10,
          );
        }
      }
    }
  });

  it('GAE returns equal the recursive λ-return on consistent rollouts', () => {
    // G^λ_t = r_t + γ·[(1 − λ)·V(s′_t) + λ·G^λ_{t+1}] inside an episode; r_t at a termination;
    // r_t + γ·V(s′_t) at a truncation or at the rollout's end.
    const rng = new Rng(18);
    for (const lambda of [0, 0.3, 0.95, 1]) {
      const roll = randomRollout(rng, 30, 3, 0.15, true);
      const { rewards, nextValues, terminated, truncated, numEnvs, numSteps } = roll;
      const want = new Float64Array(rewards.length);
      for (let n = 0; n < numEnvs; n++) {
        for (let t = numSteps - 1; t >= 0; t--) {
          const i = t * numEnvs + n;
          const r = rewards[i] as number;
          const v = nextValues[i] as number;
          if (terminated[i]) want[i] = r;
          else if (truncated[i] || t === numSteps - 1) want[i] = r + 0.9 * v;
          else want[i] = r + 0.9 * ((1 - lambda) * v + lambda * (want[i + numEnvs] as number));
        }
      }
      expectClose(computeGae({ ...roll, gamma: 0.9, lambda }).returns, want, 1e-10);
    }
  });

  it('bootstraps a truncated episode from the true last observation (vector-env layout)', () => {
    // One env, episode truncated at t = 1. Under next-step autoreset step 2 is the reset step: it
    // acts on the true last observation (V = 5), so values = [V(s0), V(s1), V(s_last)] = [1, 4, 5].
    const values = [1, 4, 5];
    const nextValues = nextValuesFromRollout({ values, lastValues: [3] });
    const { advantages } = computeGae({
      rewards: [1, 1, 0],
      values,
      nextValues,
      terminated: [0, 0, 0],
      truncated: [0, 1, 0],
      gamma: 1,
      lambda: 1,
    });
    // Â1 = r1 + V(s_last) − V(s1) = 1 + 5 − 4 = 2 (bootstrapped from the final observation, not the reset one)
    expect(advantages[1]).toBeCloseTo(2, 12);
    // Â0 = δ0 + Â1 = (1 + 4 − 1) + 2 = 6
    expect(advantages[0]).toBeCloseTo(6, 12);
  });

  it('handles length-1 and empty inputs', () => {
    const one = computeGae({
      rewards: [2],
      values: [1],
      nextValues: [3],
      terminated: [0],
      gamma: 0.5,
      lambda: 0.9,
    });
    expectClose(one.advantages, [2.5]);
    expectClose(one.returns, [3.5]);
    const none = computeGae({
      rewards: [],
      values: [],
      nextValues: [],
      terminated: [],
      gamma: 0.5,
      lambda: 0.9,
    });
    expect(none.advantages).toHaveLength(0);
    expect(none.returns).toHaveLength(0);
  });
});

describe('normalizeAdvantages', () => {
  it('standardises to mean 0 and (population) std 1', () => {
    // mean 2, std sqrt(2/3)
    const s = Math.sqrt(2 / 3);
    expectClose(normalizeAdvantages({ advantages: [1, 2, 3], epsilon: 1e-12 }), [-1 / s, 0, 1 / s], 1e-9);
    expectClose(normalizeAdvantages({ advantages: [5] }), [0]);
    expect(normalizeAdvantages({ advantages: [] })).toHaveLength(0);
  });
});
