import type { Rng } from '@critic/envs';
import { nStepReturns } from '../../returns/nstep';
import { defineCheck } from '../define-check';
import { integerBetween } from '../random-inputs';
import { randomGamma, randomTargetCase, type TargetArgs, targetCase } from '../rollout-inputs';
import { perStepResult, targetParams } from './python-params';

type Args = [...TargetArgs, n: number];

/** How a wrong n-step variant treats the window's end. */
interface NStepVariant {
  /** Whether the window stops at step i (an episode end). */
  stops(i: number): boolean;
  /** Whether the window bootstraps after step i (when it stops there or reaches n or the rollout end). */
  bootstraps(i: number, reason: 'terminated' | 'truncated' | 'horizon' | 'rollout-end'): boolean;
  /** Power of γ on the bootstrap, given the number m of rewards summed. */
  exponent(m: number): number;
}

function variantNStep(args: Args, variant: NStepVariant): number[] {
  const [rewards, nextValues, terminated, truncated, gamma, horizon] = args;
  const length = rewards.length;
  return rewards.map((_, t) => {
    let sum = 0;
    for (let k = 0; k < horizon; k++) {
      const i = t + k;
      sum += gamma ** k * (rewards[i] as number);
      const reason =
        terminated[i] === 1 && variant.stops(i)
          ? 'terminated'
          : truncated[i] === 1 && variant.stops(i)
            ? 'truncated'
            : k === horizon - 1
              ? 'horizon'
              : i === length - 1
                ? 'rollout-end'
                : null;
      if (reason !== null) {
        if (variant.bootstraps(i, reason))
          sum += gamma ** variant.exponent(k + 1) * (nextValues[i] as number);
        break;
      }
    }
    return sum;
  });
}

const correct = (m: number) => m;

function make(rng: Rng, length: number, term: number[], trunc: number[], gamma: number, n: number): Args {
  return [...targetCase(rng, length, term, trunc, gamma), n];
}

/** n-step bootstrapped return. */
export const nStepReturnCheck = defineCheck<Args>({
  id: 'n-step-return',
  title: 'n-step return',
  functionName: 'nStepReturn',
  statement:
    'G_t = Σ_{k<m} γ^k·r_{t+k} + γ^m·(1 − terminated_{t+m−1})·V(s′_{t+m−1}), where m ≤ n stops early at an episode end (terminated or truncated) or at the rollout end.',
  python: {
    name: 'n_step_returns',
    params: [...targetParams, { name: 'n', kind: 'int', doc: 'horizon n ≥ 1' }],
    returns: perStepResult,
  },
  formula: String.raw`G_t^{(n)} = \sum_{k=0}^{m-1} \gamma^k\, r_{t+k} + \gamma^m\,(1 - \mathrm{terminated}_{t+m-1})\,V(s'_{t+m-1}), \quad m \le n \text{ stops at an episode or rollout end}`,
  points: 15,
  randomCase: (rng) => [...randomTargetCase(rng, 5, 12), integerBetween(rng, 2, 4)],
  edgeCases: [
    { tags: ['empty'], make: (rng) => make(rng, 0, [], [], randomGamma(rng), 3) },
    { tags: ['length-1'], make: (rng) => make(rng, 1, [], [], randomGamma(rng), 3) },
    { tags: ['n=1', 'terminated', 'truncated'], make: (rng) => make(rng, 5, [1], [3], randomGamma(rng), 1) },
    { tags: ['n>=T', 'truncated'], make: (rng) => make(rng, 4, [], [1], randomGamma(rng), 6) },
    { tags: ['gamma=0', 'terminated'], make: (rng) => make(rng, 5, [2], [], 0, 3) },
    { tags: ['gamma=1', 'terminated', 'truncated'], make: (rng) => make(rng, 8, [2], [5], 1, 3) },
  ],
  reference: ([rewards, nextValues, terminated, truncated, gamma, n]) =>
    Array.from(nStepReturns({ rewards, nextValues, terminated, truncated, gamma, n })),
  mistakes: [
    {
      id: 'bootstrap-exponent-off-by-one',
      message: 'your bootstrap is discounted by γ^(m−1): after m rewards, V(s′_{t+m−1}) is discounted by γ^m',
      compute: (args) =>
        variantNStep(args, {
          stops: () => true,
          bootstraps: (_i, reason) => reason !== 'terminated',
          exponent: (m) => m - 1,
        }),
    },
    {
      id: 'crosses-episode-ends',
      message:
        'your sums run across episode ends: the n-step window must stop at a step where terminated or truncated is 1',
      compute: (args) =>
        variantNStep(args, { stops: () => false, bootstraps: () => true, exponent: correct }),
    },
    {
      id: 'bootstrap-on-terminal',
      message: 'your returns bootstrap from V(s′) after a terminal step: no bootstrap where terminated = 1',
      compute: (args) => variantNStep(args, { stops: () => true, bootstraps: () => true, exponent: correct }),
    },
    {
      id: 'no-bootstrap-on-truncation',
      message:
        'your returns do not bootstrap at a truncated step: a time-limit cut adds γ^m·V(s′) like any other window end',
      compute: (args) =>
        variantNStep(args, {
          stops: () => true,
          bootstraps: (_i, reason) => reason === 'horizon' || reason === 'rollout-end',
          exponent: correct,
        }),
    },
    {
      id: 'no-bootstrap-at-rollout-end',
      message:
        'your returns do not bootstrap when the window reaches the end of the rollout: add γ^m·V(s′) of the last step there',
      compute: (args) =>
        variantNStep(args, {
          stops: () => true,
          bootstraps: (_i, reason) => reason === 'horizon' || reason === 'truncated',
          exponent: correct,
        }),
    },
  ],
});
