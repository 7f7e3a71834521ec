import type { Rng } from '@critic/envs';
import { defineCheck } from '../define-check';
import { importanceRatios } from '../float64/importance';
import { integerBetween, roundTo, uniformArray } from '../random-inputs';
import { perStepResult } from './python-params';

type Args = [logProbs: number[], behaviorLogProbs: number[]];

/** Behaviour log-probabilities: the target's shifted by up to ±`spread`, kept ≤ −0.01. */
export function behaviorOf(rng: Rng, logProbs: readonly number[], spread: number): number[] {
  return logProbs.map((lp) => roundTo(Math.min(-0.01, lp + rng.uniform(-spread, spread)), 2));
}

function randomPair(rng: Rng, length: number, spread: number): Args {
  const logProbs = uniformArray(rng, length, -3, -0.05);
  return [logProbs, behaviorOf(rng, logProbs, spread)];
}

/** Per-step importance ratio. */
export const importanceRatioCheck = defineCheck<Args>({
  id: 'importance-ratio',
  title: 'Importance ratio',
  functionName: 'importanceRatio',
  statement:
    'ρ_t = π(a_t|s_t) / μ(a_t|s_t) = exp(log π(a_t|s_t) − log μ(a_t|s_t)), from the log-probabilities of the target π and behaviour μ.',
  python: {
    name: 'importance_ratios',
    params: [
      { name: 'log_probs', kind: 'float64[]', shape: '[T]', doc: 'log π(a_t|s_t) of the target policy' },
      {
        name: 'behavior_log_probs',
        kind: 'float64[]',
        shape: '[T]',
        doc: 'log μ(a_t|s_t) of the behaviour policy',
      },
    ],
    returns: perStepResult,
  },
  formula: String.raw`\rho_t = \frac{\pi(a_t \mid s_t)}{\mu(a_t \mid s_t)} = \exp\big(\log \pi(a_t \mid s_t) - \log \mu(a_t \mid s_t)\big)`,
  points: 5,
  randomCase: (rng) => randomPair(rng, integerBetween(rng, 3, 10), 1.5),
  edgeCases: [
    { tags: ['empty'], make: () => [[], []] },
    { tags: ['length-1'], make: (rng) => randomPair(rng, 1, 1.5) },
    {
      tags: ['same-policy'],
      make: (rng) => {
        const logProbs = uniformArray(rng, 4, -3, -0.05);
        return [logProbs, [...logProbs]];
      },
    },
    { tags: ['far-ratios'], make: (rng) => randomPair(rng, 5, 4) },
  ],
  reference: ([logProbs, behaviorLogProbs]) => importanceRatios(logProbs, behaviorLogProbs),
  mistakes: [
    {
      id: 'log-ratio',
      message:
        'your values are the log-ratio log π − log μ: the ratio is its exponential, exp(log π − log μ)',
      compute: ([lp, lb]) => lp.map((x, t) => x - (lb[t] as number)),
    },
    {
      id: 'ratio-inverted',
      message: 'your ratio is upside down: ρ = π/μ = exp(log π − log μ), not μ/π',
      compute: ([lp, lb]) => lp.map((x, t) => Math.exp((lb[t] as number) - x)),
    },
    {
      id: 'ratio-of-logs',
      message: 'your values divide the log-probabilities: ρ = exp(log π − log μ), not log π / log μ',
      compute: ([lp, lb]) => lp.map((x, t) => x / (lb[t] as number)),
    },
  ],
});
