import type { Rng } from '@critic/envs';
import { defineCheck } from '../define-check';
import { trajectoryWeights, truncatedTrajectoryWeights } from '../float64/importance';
import type { PythonParam, PythonReturn } from '../python-signature';
import { integerBetween, uniformArray } from '../random-inputs';
import { behaviorOf } from './importance-ratio';

type Args = [logProbs: number[][], behaviorLogProbs: number[][]];
type TruncatedArgs = [logProbs: number[][], behaviorLogProbs: number[][], maxWeight: number];

function randomTrajectories(rng: Rng, rows: number, steps: number, spread: number): Args {
  const logProbs = Array.from({ length: rows }, () => uniformArray(rng, steps, -2.5, -0.05));
  return [logProbs, logProbs.map((row) => behaviorOf(rng, row, spread))];
}

/** Per-step ratios of each trajectory. */
function ratios(lp: number[][], lb: number[][]): number[][] {
  return lp.map((row, n) => row.map((x, t) => Math.exp(x - (lb[n]?.[t] as number))));
}

const product = (row: number[]) => row.reduce((a, b) => a * b, 1);
const sum = (row: number[]) => row.reduce((a, b) => a + b, 0);

/** The Python arguments both trajectory checks take first. */
const TRAJECTORY_PARAMS: readonly PythonParam[] = [
  { name: 'log_probs', kind: 'float64[][]', shape: '[N, T]', doc: 'log π(a_t|s_t), one trajectory per row' },
  { name: 'behavior_log_probs', kind: 'float64[][]', shape: '[N, T]', doc: 'log μ(a_t|s_t)' },
];

/** One weight per trajectory. */
const PER_TRAJECTORY: PythonReturn = { kind: 'float64[]', shape: '[N]', doc: 'one weight per trajectory' };

/** Trajectory importance weight: the product of the per-step ratios. */
export const trajectoryWeightCheck = defineCheck<Args>({
  id: 'trajectory-weight',
  title: 'Trajectory importance weight',
  functionName: 'trajectoryImportanceWeight',
  statement:
    'W_n = Π_t π(a_t|s_t)/μ(a_t|s_t) = exp(Σ_t (log π − log μ)) for each trajectory n (row), all rows of the same length T.',
  python: {
    name: 'trajectory_importance_weights',
    params: [...TRAJECTORY_PARAMS],
    returns: PER_TRAJECTORY,
  },
  formula: String.raw`W_n = \prod_{t=0}^{T-1} \frac{\pi(a_{n,t} \mid s_{n,t})}{\mu(a_{n,t} \mid s_{n,t})} = \exp\Big(\sum_t \log \pi - \log \mu\Big)`,
  points: 10,
  randomCase: (rng) => randomTrajectories(rng, integerBetween(rng, 2, 5), integerBetween(rng, 2, 6), 0.8),
  edgeCases: [
    { tags: ['length-1'], make: (rng) => randomTrajectories(rng, 1, 1, 0.8) },
    {
      tags: ['same-policy'],
      make: (rng) => {
        const [lp] = randomTrajectories(rng, 3, 4, 0.8);
        return [lp, lp.map((row) => [...row])];
      },
    },
    { tags: ['far-ratios', 'long-trajectory'], make: (rng) => randomTrajectories(rng, 2, 12, 1) },
  ],
  reference: ([logProbs, behaviorLogProbs]) => trajectoryWeights(logProbs, behaviorLogProbs),
  mistakes: [
    {
      id: 'sum-of-ratios',
      message: 'your weights add the per-step ratios: the trajectory weight is their product Π_t ρ_t',
      compute: ([lp, lb]) => ratios(lp, lb).map(sum),
    },
    {
      id: 'mean-of-ratios',
      message: 'your weights average the per-step ratios: the trajectory weight is their product Π_t ρ_t',
      compute: ([lp, lb]) => ratios(lp, lb).map((row) => sum(row) / row.length),
    },
    {
      id: 'log-weight',
      message: 'your values are log W = Σ_t (log π − log μ): the weight is its exponential',
      compute: ([lp, lb]) => ratios(lp, lb).map((row) => sum(row.map(Math.log))),
    },
    {
      id: 'weight-inverted',
      message: 'your weights are upside down: W = Π_t π/μ, not Π_t μ/π',
      compute: ([lp, lb]) => ratios(lp, lb).map((row) => 1 / product(row)),
    },
    {
      id: 'last-step-only',
      message:
        'your weights use only the last step’s ratio: multiply the ratios of all steps of the trajectory',
      compute: ([lp, lb]) => ratios(lp, lb).map((row) => row[row.length - 1] as number),
    },
  ],
});

/** Truncated trajectory importance weight min(c, W). */
export const truncatedWeightCheck = defineCheck<TruncatedArgs>({
  id: 'truncated-trajectory-weight',
  title: 'Truncated trajectory importance weight',
  functionName: 'truncatedImportanceWeight',
  statement:
    'W̄_n = min(c, Π_t π(a_t|s_t)/μ(a_t|s_t)) for each trajectory n: the product of the ratios, truncated at c = maxWeight.',
  python: {
    name: 'truncated_importance_weights',
    params: [...TRAJECTORY_PARAMS, { name: 'max_weight', kind: 'float', doc: 'truncation level c' }],
    returns: PER_TRAJECTORY,
  },
  formula: String.raw`\bar{W}_n = \min\Big(c,\ \prod_{t=0}^{T-1} \frac{\pi(a_{n,t} \mid s_{n,t})}{\mu(a_{n,t} \mid s_{n,t})}\Big)`,
  points: 10,
  randomCase: (rng) => [
    ...randomTrajectories(rng, integerBetween(rng, 3, 6), integerBetween(rng, 3, 6), 0.8),
    [1, 1.5, 2][rng.integer(3)] as number,
  ],
  edgeCases: [
    { tags: ['length-1'], make: (rng) => [...randomTrajectories(rng, 1, 1, 1.5), 1] },
    { tags: ['nothing-truncated'], make: (rng) => [...randomTrajectories(rng, 3, 3, 0.3), 100] },
    {
      tags: ['far-ratios', 'all-truncated'],
      make: (rng) => {
        const lp = Array.from({ length: 3 }, () => uniformArray(rng, 4, -1.5, -0.5));
        return [lp, lp.map((row) => row.map((x) => x - 1)), 2];
      },
    },
  ],
  reference: ([logProbs, behaviorLogProbs, maxWeight]) =>
    truncatedTrajectoryWeights(logProbs, behaviorLogProbs, maxWeight),
  mistakes: [
    {
      id: 'not-truncated',
      message: 'your weights are not truncated: return min(c, W), with c = maxWeight',
      compute: ([lp, lb]) => ratios(lp, lb).map(product),
    },
    {
      id: 'per-step-truncation',
      message:
        'you truncate each step’s ratio: the product of the whole trajectory is truncated once, min(c, Π_t ρ_t)',
      compute: ([lp, lb, c]) => ratios(lp, lb).map((row) => product(row.map((r) => Math.min(c, r)))),
    },
    {
      id: 'max-instead-of-min',
      message: 'your weights use max(c, W): truncation caps the weight from above, min(c, W)',
      compute: ([lp, lb, c]) => ratios(lp, lb).map((row) => Math.max(c, product(row))),
    },
    {
      id: 'weight-inverted',
      message: 'your weights are upside down: W = Π_t π/μ, not Π_t μ/π, then min(c, W)',
      compute: ([lp, lb, c]) => ratios(lp, lb).map((row) => Math.min(c, 1 / product(row))),
    },
  ],
});
