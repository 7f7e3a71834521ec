import type { Rng } from '@critic/envs';
import { discountedReturns } from '../../returns/discounted';
import { defineCheck } from '../define-check';
import { donesOf, flagsAt, integerBetween, randomEpisodeEnds, roundTo, uniformArray } from '../random-inputs';
import { perStepResult, rolloutParam } from './python-params';

type Args = [rewards: number[], dones: number[], gamma: number];

function randomGamma(rng: Rng): number {
  return roundTo(rng.uniform(0.5, 0.99), 2);
}

/** Random episode ends, with at least one inside the rollout so resetting matters. */
function randomDones(rng: Rng, length: number): number[] {
  const dones = donesOf(randomEpisodeEnds(rng, length, 0.2));
  if (length >= 2 && !dones.slice(0, length - 1).includes(1)) dones[rng.integer(length - 1)] = 1;
  return dones;
}

/** A backward recursion G_t = r_t + γ·keep(t)·G_{t+1}, for the wrong variants. */
function backward(args: Args, step: (r: number, g: number, next: number, t: number) => number): number[] {
  const [rewards] = args;
  const out = new Array<number>(rewards.length).fill(0);
  let next = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    next = step(rewards[t] as number, args[2], next, t);
    out[t] = next;
  }
  return out;
}

/** Discounted Monte-Carlo return with episode ends, one trajectory. */
export const discountedReturnCheck = defineCheck<Args>({
  id: 'discounted-return',
  title: 'Discounted return',
  functionName: 'discountedReturn',
  statement:
    'G_t = r_t + γ·(1 − d_t)·G_{t+1}, with G_T = 0: the discounted sum of rewards from step t to the end of its episode (dones[t] = 1 ends an episode at step t).',
  python: {
    name: 'discounted_returns',
    params: [
      rolloutParam.rewards,
      { name: 'dones', kind: 'bool[]', shape: '[T]', doc: 'True where the episode ends at step t' },
      rolloutParam.gamma,
    ],
    returns: perStepResult,
  },
  formula: String.raw`G_t = r_t + \gamma\,(1 - d_t)\,G_{t+1}, \qquad G_T = 0`,
  points: 10,
  randomCase(rng) {
    const length = integerBetween(rng, 4, 12);
    return [uniformArray(rng, length, -1, 2), randomDones(rng, length), randomGamma(rng)];
  },
  edgeCases: [
    { tags: ['empty'], make: (rng) => [[], [], randomGamma(rng)] },
    { tags: ['length-1'], make: (rng) => [uniformArray(rng, 1, -1, 2), [0], randomGamma(rng)] },
    {
      tags: ['gamma=1', 'episode-boundary'],
      make: (rng) => [uniformArray(rng, 7, -1, 2), flagsAt(7, [2, 6]), 1],
    },
    {
      tags: ['gamma=0', 'episode-boundary'],
      make: (rng) => [uniformArray(rng, 6, -1, 2), flagsAt(6, [3]), 0],
    },
    {
      tags: ['episode-boundary', 'consecutive-dones'],
      make: (rng) => [uniformArray(rng, 8, -1, 2), flagsAt(8, [0, 4, 5, 7]), randomGamma(rng)],
    },
    { tags: ['no-done'], make: (rng) => [uniformArray(rng, 6, -1, 2), flagsAt(6, []), randomGamma(rng)] },
  ],
  reference: ([rewards, dones, gamma]) => Array.from(discountedReturns({ rewards, dones, gamma })),
  mistakes: [
    {
      id: 'no-reset-at-done',
      message:
        'your values match the discounted return without resetting at episode ends: the sum must stop where dones[t] = 1',
      compute: (args) => backward(args, (r, gamma, next) => r + gamma * next),
    },
    {
      id: 'discount-exponent-off-by-one',
      message:
        'your values match Σ_k γ^(k+1)·r_{t+k}: the discount exponent is off by one — r_t itself is not discounted (G_t = r_t + γ·G_{t+1})',
      compute: (args) =>
        backward(args, (r, gamma, next, t) => gamma * r + gamma * (1 - (args[1][t] as number)) * next),
    },
    {
      id: 'done-index-off-by-one',
      message:
        'your values reset one step late: where dones[t] = 1 the episode ends at step t, so G_t = r_t (use dones[t], not dones[t + 1])',
      compute: (args) =>
        backward(
          args,
          (r, gamma, next, t) => r + gamma * (1 - ((args[1][t + 1] as number | undefined) ?? 0)) * next,
        ),
    },
    {
      id: 'starts-at-next-reward',
      message: 'your values match the return from step t + 1: G_t must include r_t (G_t = r_t + γ·G_{t+1})',
      compute: (args) => {
        const [rewards, dones, gamma] = args;
        return rewards.map((_, t) => {
          let sum = 0;
          let discount = 1;
          for (let k = t + 1; k < rewards.length && dones[k - 1] !== 1; k++) {
            sum += discount * (rewards[k] as number);
            discount *= gamma;
          }
          return sum;
        });
      },
    },
    {
      id: 'undiscounted',
      message: 'your values ignore γ: each later reward must be discounted, G_t = r_t + γ·(1 − d_t)·G_{t+1}',
      compute: (args) => backward(args, (r, _gamma, next, t) => r + (1 - (args[1][t] as number)) * next),
    },
    {
      id: 'forward-cumulative',
      message:
        'your values accumulate rewards from the episode start up to t: the return sums the rewards from t onward, to the episode end',
      compute: ([rewards, dones, gamma]) => {
        const out: number[] = [];
        let sum = 0;
        let discount = 1;
        for (let t = 0; t < rewards.length; t++) {
          sum += discount * (rewards[t] as number);
          discount *= gamma;
          out.push(sum);
          if (dones[t] === 1) {
            sum = 0;
            discount = 1;
          }
        }
        return out;
      },
    },
  ],
});
