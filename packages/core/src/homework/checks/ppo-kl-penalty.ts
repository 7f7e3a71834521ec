import { defineCheck } from '../define-check';
import { ppoKlPenaltyLoss64 } from '../float64/ppo';
import { farRatioBatch, type PpoBatch, randomBatchSize, randomCoef, randomPpoBatch } from './ppo-inputs';
import { mean, ratios } from './ppo-surrogate';
import { lossResult, ppoParam } from './python-params';

type Args = [logProbs: number[], oldLogProbs: number[], advantages: number[], kl: number[], klCoef: number];

const args = (b: PpoBatch, klCoef: number): Args => [b.logProbs, b.oldLogProbs, b.advantages, b.kl, klCoef];

/** −mean(w_t·A_t) + sign·ρ·mean(KL) with the given per-sample weights w. */
function penalised(a: Args, weights: number[], klSign = 1): number {
  const [, , advantages, kl, klCoef] = a;
  return -mean(weights.map((w, t) => w * (advantages[t] as number))) + klSign * klCoef * mean(kl);
}

/** PPO with a KL penalty. */
export const ppoKlPenaltyCheck = defineCheck<Args>({
  id: 'ppo-kl-penalty',
  title: 'PPO KL-penalty loss',
  functionName: 'ppoKlPenaltyLoss',
  statement:
    'L = −mean_t(r_t·Â_t) + ρ·mean_t(KL_t), r_t = exp(log π_θ(a_t|s_t) − log π_old(a_t|s_t)): the loss to minimise (the negated penalised objective).',
  python: {
    name: 'ppo_kl_penalty_loss',
    params: [
      ppoParam.logProbs,
      ppoParam.oldLogProbs,
      ppoParam.advantages,
      ppoParam.kl,
      { name: 'kl_coef', kind: 'float', doc: 'penalty coefficient ρ ≥ 0' },
    ],
    returns: lossResult,
  },
  formula: String.raw`L = -\frac{1}{B}\sum_t r_t \hat{A}_t + \rho\,\frac{1}{B}\sum_t \mathrm{KL}_t, \qquad r_t = \exp\big(\log \pi_\theta(a_t \mid s_t) - \log \pi_{\mathrm{old}}(a_t \mid s_t)\big)`,
  points: 10,
  randomCase: (rng) => args(randomPpoBatch(rng, randomBatchSize(rng)), randomCoef(rng, 0.5, 3)),
  edgeCases: [
    { tags: ['length-1'], make: (rng) => args(randomPpoBatch(rng, 1), randomCoef(rng, 0.5, 3)) },
    { tags: ['klCoef=0'], make: (rng) => args(randomPpoBatch(rng, 5), 0) },
    {
      tags: ['negative-advantages'],
      make: (rng) => {
        const b = randomPpoBatch(rng, 6);
        b.advantages = b.advantages.map((x) => -Math.abs(x) - 0.1);
        return args(b, randomCoef(rng, 0.5, 3));
      },
    },
    { tags: ['far-ratios'], make: (rng) => args(farRatioBatch(rng), randomCoef(rng, 0.5, 3)) },
  ],
  reference: ([logProbs, oldLogProbs, advantages, kl, klCoef]) =>
    ppoKlPenaltyLoss64(logProbs, oldLogProbs, advantages, kl, klCoef),
  mistakes: [
    {
      id: 'objective-instead-of-loss',
      message:
        'your value is the objective mean(r·Â) − ρ·mean(KL), to maximise: return its negation, the loss −mean(r·Â) + ρ·mean(KL)',
      compute: (a) => -penalised(a, ratios(a[0], a[1])),
    },
    {
      id: 'log-ratio',
      message:
        'your surrogate uses the log-ratio log π_θ − log π_old: the ratio is r_t = exp(log π_θ − log π_old)',
      compute: (a) =>
        penalised(
          a,
          a[0].map((lp, t) => lp - (a[1][t] as number)),
        ),
    },
    {
      id: 'penalty-sign-flipped',
      message: 'your KL term has the wrong sign: the loss adds the penalty, L = −mean(r·Â) + ρ·mean(KL)',
      compute: (a) => penalised(a, ratios(a[0], a[1]), -1),
    },
    {
      id: 'ratio-inverted',
      message: 'your ratio is upside down: r_t = π_θ/π_old = exp(log π_θ − log π_old)',
      compute: (a) => penalised(a, ratios(a[1], a[0])),
    },
    {
      id: 'sum-instead-of-mean',
      message: 'your loss sums over the batch: average, −mean(r·Â) + ρ·mean(KL)',
      compute: (a) => a[0].length * penalised(a, ratios(a[0], a[1])),
    },
  ],
});
