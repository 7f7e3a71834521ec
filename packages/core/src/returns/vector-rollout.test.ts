import { makeVec, Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { computeGae } from './gae';
import { nStepReturns } from './nstep';
import { nextValuesFromRollout } from './td';

/** A fixed, made-up value function of a CartPole observation (any deterministic function will do). */
const criticValue = (obs: ArrayLike<number>, offset: number): number =>
  1 + 2 * (obs[offset] as number) - 3 * (obs[offset + 2] as number) + 0.5 * (obs[offset + 3] as number);

describe('GAE on a real vector-env rollout with next-step autoreset', () => {
  it('equals a per-episode loop over the true transitions, for terminated and truncated episodes', () => {
    // Short time limit so that the rollout has both terminations (pole falls) and truncations.
    const numEnvs = 3;
    const numSteps = 120;
    const env = makeVec('CartPole-v1', numEnvs, { maxEpisodeSteps: 12 });
    const rng = new Rng(61);
    let obs = Float32Array.from(env.reset({ seed: 5 }).obs);
    const len = numSteps * numEnvs;
    const values = new Float64Array(len);
    const rewards = new Float64Array(len);
    const terminated = new Uint8Array(len);
    const truncated = new Uint8Array(len);
    /** What each step truly did, by sub-env: the observation it acted on and the one it produced. */
    const transitions: Array<{ t: number; n: number; v: number; vNext: number }> = [];
    for (let t = 0; t < numSteps; t++) {
      for (let n = 0; n < numEnvs; n++) values[t * numEnvs + n] = criticValue(obs, 4 * n);
      const actions = Array.from({ length: numEnvs }, () => rng.integer(2));
      const out = env.step(actions);
      const next = Float32Array.from(out.obs);
      for (let n = 0; n < numEnvs; n++) {
        const i = t * numEnvs + n;
        rewards[i] = out.rewards[n] as number;
        terminated[i] = out.terminated[n] as number;
        truncated[i] = out.truncated[n] as number;
        const previousEnded = t > 0 && (terminated[i - numEnvs] || truncated[i - numEnvs]);
        if (!previousEnded)
          transitions.push({ t, n, v: criticValue(obs, 4 * n), vNext: criticValue(next, 4 * n) });
      }
      obs = next;
    }
    expect(terminated.some((x) => x === 1)).toBe(true);
    expect(truncated.some((x) => x === 1)).toBe(true);
    const lastValues = Array.from({ length: numEnvs }, (_, n) => criticValue(obs, 4 * n));
    const nextValues = nextValuesFromRollout({ values, lastValues, numEnvs });
    const gamma = 0.97;
    const lambda = 0.9;
    const { advantages } = computeGae({
      rewards,
      values,
      nextValues,
      terminated,
      truncated,
      gamma,
      lambda,
      numEnvs,
    });
    const nStep = nStepReturns({ rewards, nextValues, terminated, truncated, gamma, n: 4, numEnvs });

    // Independent loop over the true transitions of each sub-env (reset steps skipped), bootstrapping
    // from the value of the observation each transition really produced.
    for (let n = 0; n < numEnvs; n++) {
      const mine = transitions.filter((x) => x.n === n);
      for (let k = 0; k < mine.length; k++) {
        let gae = 0;
        for (let j = k; j < mine.length; j++) {
          const { t, v, vNext } = mine[j] as (typeof mine)[number];
          const i = t * numEnvs + n;
          const bootstrap = terminated[i] ? 0 : vNext;
          gae += (gamma * lambda) ** (j - k) * ((rewards[i] as number) + gamma * bootstrap - v);
          if (terminated[i] || truncated[i]) break;
        }
        const { t } = mine[k] as (typeof mine)[number];
        expect(advantages[t * numEnvs + n]).toBeCloseTo(gae, 9);
        expect(nStep[t * numEnvs + n]).toBeCloseTo(loopNStepAt(mine, k), 9);
      }
    }

    function loopNStepAt(mine: typeof transitions, k: number): number {
      let ret = 0;
      for (let j = k; j < mine.length && j < k + 4; j++) {
        const { t, n, vNext } = mine[j] as (typeof mine)[number];
        const i = t * numEnvs + n;
        ret += gamma ** (j - k) * (rewards[i] as number);
        if (terminated[i]) return ret;
        if (truncated[i] || j === k + 3 || t === numSteps - 1) return ret + gamma ** (j - k + 1) * vNext;
      }
      return ret;
    }
  });
});
