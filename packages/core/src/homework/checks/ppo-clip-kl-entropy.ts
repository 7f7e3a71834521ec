import { defineCheck } from '../define-check';
import { ppoClipKlEntropyLoss64 } from '../float64/ppo';
import {
  farRatioBatch,
  type PpoBatch,
  randomBatchSize,
  randomClip,
  randomCoef,
  randomPpoBatch,
} from './ppo-inputs';
import { clippedTerms, mean, ratios } from './ppo-surrogate';
import { lossResult, ppoParam } from './python-params';

type Args = [
  logProbs: number[],
  oldLogProbs: number[],
  advantages: number[],
  kl: number[],
  entropy: number[],
  clipEpsilon: number,
  klCoef: number,
  entropyCoef: number,
];

const args = (b: PpoBatch, eps: number, klCoef: number, entropyCoef: number): Args => [
  b.logProbs,
  b.oldLogProbs,
  b.advantages,
  b.kl,
  b.entropy,
  eps,
  klCoef,
  entropyCoef,
];

/** Signs and combiner of a (possibly wrong) combined loss. */
interface Variant {
  combine?: (unclipped: number, clipped: number) => number;
  klSign?: number;
  entropySign?: number;
  overall?: number;
}

function combined(a: Args, v: Variant): number {
  const [lp, old, adv, kl, entropy, eps, klCoef, entropyCoef] = a;
  const policy = -mean(clippedTerms(ratios(lp, old), adv, eps, v.combine));
  const loss =
    policy + (v.klSign ?? 1) * klCoef * mean(kl) - (v.entropySign ?? 1) * entropyCoef * mean(entropy);
  return (v.overall ?? 1) * loss;
}

const randomArgs = (b: PpoBatch, rng: Parameters<typeof randomClip>[0]) =>
  args(b, randomClip(rng), randomCoef(rng, 0.5, 3), randomCoef(rng, 0.05, 0.5));

/** PPO-clip + KL penalty − entropy bonus. */
export const ppoClipKlEntropyCheck = defineCheck<Args>({
  id: 'ppo-clip-kl-entropy',
  title: 'PPO clip + KL + entropy loss',
  functionName: 'ppoClipKlEntropyLoss',
  statement:
    'L = −mean_t min(r_t·Â_t, clip(r_t, 1 − ε, 1 + ε)·Â_t) + β·mean_t(KL_t) − c·mean_t(H_t): the loss to minimise (the entropy bonus lowers it).',
  python: {
    name: 'ppo_clip_kl_entropy_loss',
    params: [
      ppoParam.logProbs,
      ppoParam.oldLogProbs,
      ppoParam.advantages,
      ppoParam.kl,
      ppoParam.entropy,
      ppoParam.clipEpsilon,
      { name: 'kl_coef', kind: 'float', doc: 'KL coefficient β ≥ 0' },
      { name: 'entropy_coef', kind: 'float', doc: 'entropy coefficient c ≥ 0' },
    ],
    returns: lossResult,
  },
  formula: String.raw`L = -\frac{1}{B}\sum_t \min\big(r_t \hat{A}_t,\ \mathrm{clip}(r_t, 1 - \epsilon, 1 + \epsilon)\,\hat{A}_t\big) + \beta\,\frac{1}{B}\sum_t \mathrm{KL}_t - c\,\frac{1}{B}\sum_t H_t`,
  points: 15,
  randomCase: (rng) => randomArgs(randomPpoBatch(rng, randomBatchSize(rng)), rng),
  edgeCases: [
    { tags: ['far-ratios', 'negative-advantages'], make: (rng) => randomArgs(farRatioBatch(rng), rng) },
    { tags: ['length-1'], make: (rng) => randomArgs(randomPpoBatch(rng, 1), rng) },
    {
      tags: ['klCoef=0', 'entropyCoef=0'],
      make: (rng) => args(randomPpoBatch(rng, 5), randomClip(rng), 0, 0),
    },
  ],
  reference: ([logProbs, oldLogProbs, advantages, kl, entropy, clipEpsilon, klCoef, entropyCoef]) =>
    ppoClipKlEntropyLoss64(logProbs, oldLogProbs, advantages, kl, entropy, clipEpsilon, klCoef, entropyCoef),
  mistakes: [
    {
      id: 'entropy-sign-flipped',
      message:
        'your entropy term has the wrong sign: the bonus is subtracted from the loss, L = … − c·mean(H)',
      compute: (a) => combined(a, { entropySign: -1 }),
    },
    {
      id: 'kl-sign-flipped',
      message: 'your KL term has the wrong sign: the penalty is added to the loss, L = … + β·mean(KL)',
      compute: (a) => combined(a, { klSign: -1 }),
    },
    {
      id: 'max-instead-of-min',
      message: 'your clipped term takes max(r·Â, clip(r)·Â): it is the pessimistic min, negated in the loss',
      compute: (a) => combined(a, { combine: Math.max }),
    },
    {
      id: 'objective-instead-of-loss',
      message: 'your value is the objective, to maximise: return its negation, the loss',
      compute: (a) => combined(a, { overall: -1 }),
    },
    {
      id: 'unclipped',
      message: 'your policy term does not clip: −mean min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)',
      compute: (a) => combined(a, { combine: (u) => u }),
    },
  ],
});
