import { defineCheck } from '../define-check';
import { ppoClipLoss64 } from '../float64/ppo';
import { farRatioBatch, type PpoBatch, randomBatchSize, randomClip, randomPpoBatch } from './ppo-inputs';
import { clip, clippedTerms, mean, ratios } from './ppo-surrogate';
import { lossResult, ppoParam } from './python-params';

type Args = [logProbs: number[], oldLogProbs: number[], advantages: number[], clipEpsilon: number];

const args = (b: PpoBatch, epsilon: number): Args => [b.logProbs, b.oldLogProbs, b.advantages, epsilon];

/** PPO-clip. */
export const ppoClipCheck = defineCheck<Args>({
  id: 'ppo-clip',
  title: 'PPO-clip loss',
  functionName: 'ppoClipLoss',
  statement:
    'L = −mean_t min(r_t·Â_t, clip(r_t, 1 − ε, 1 + ε)·Â_t), r_t = exp(log π_θ − log π_old): the loss to minimise.',
  python: {
    name: 'ppo_clip_loss',
    params: [ppoParam.logProbs, ppoParam.oldLogProbs, ppoParam.advantages, ppoParam.clipEpsilon],
    returns: lossResult,
  },
  formula: String.raw`L^{\mathrm{CLIP}} = -\frac{1}{B}\sum_t \min\big(r_t \hat{A}_t,\ \mathrm{clip}(r_t, 1 - \epsilon, 1 + \epsilon)\,\hat{A}_t\big), \qquad r_t = \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\mathrm{old}}(a_t \mid s_t)}`,
  points: 15,
  randomCase: (rng) => args(randomPpoBatch(rng, randomBatchSize(rng)), randomClip(rng)),
  edgeCases: [
    { tags: ['far-ratios', 'negative-advantages'], make: (rng) => args(farRatioBatch(rng), randomClip(rng)) },
    {
      tags: ['length-1', 'far-ratios'],
      make: (rng) => {
        const b = farRatioBatch(rng);
        return [b.logProbs.slice(0, 1), b.oldLogProbs.slice(0, 1), b.advantages.slice(0, 1), 0.2];
      },
    },
    {
      tags: ['negative-advantages'],
      make: (rng) => {
        const b = randomPpoBatch(rng, 6);
        b.advantages = b.advantages.map((x) => -Math.abs(x) - 0.1);
        return args(b, randomClip(rng));
      },
    },
    { tags: ['wide-clip-range'], make: (rng) => args(randomPpoBatch(rng, 5, 0.3), 0.9) },
  ],
  reference: ([logProbs, oldLogProbs, advantages, clipEpsilon]) =>
    ppoClipLoss64(logProbs, oldLogProbs, advantages, clipEpsilon),
  mistakes: [
    {
      id: 'max-instead-of-min',
      message:
        'your loss takes max(r·Â, clip(r)·Â): the clipped objective is the pessimistic min(r·Â, clip(r, 1 − ε, 1 + ε)·Â), negated',
      compute: ([lp, old, adv, eps]) => -mean(clippedTerms(ratios(lp, old), adv, eps, Math.max)),
    },
    {
      id: 'unclipped',
      message: 'your loss does not clip: L = −mean min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)',
      compute: ([lp, old, adv]) => -mean(ratios(lp, old).map((r, t) => r * (adv[t] as number))),
    },
    {
      id: 'clip-without-min',
      message:
        'your loss uses only the clipped term clip(r)·Â: take the min with the unclipped r·Â, so the clip only removes the incentive to move further',
      compute: ([lp, old, adv, eps]) => -mean(clippedTerms(ratios(lp, old), adv, eps, (_u, c) => c)),
    },
    {
      id: 'objective-instead-of-loss',
      message: 'your value is the clipped objective, to maximise: return its negation, the loss',
      compute: ([lp, old, adv, eps]) => mean(clippedTerms(ratios(lp, old), adv, eps)),
    },
    {
      id: 'log-ratio',
      message:
        'your surrogate uses the log-ratio log π_θ − log π_old: the ratio is r_t = exp(log π_θ − log π_old)',
      compute: ([lp, old, adv, eps]) =>
        -mean(
          clippedTerms(
            lp.map((x, t) => x - (old[t] as number)),
            adv,
            eps,
          ),
        ),
    },
    {
      id: 'clip-upper-side-only',
      message: 'your clip bounds only one side: clip r to [1 − ε, 1 + ε]',
      compute: ([lp, old, adv, eps]) =>
        -mean(
          ratios(lp, old).map((r, t) =>
            Math.min(r * (adv[t] as number), clip(r, 0, 1 + eps) * (adv[t] as number)),
          ),
        ),
    },
    {
      id: 'clipped-advantage',
      message: 'your loss clips the advantage: it is the ratio r_t that is clipped to [1 − ε, 1 + ε]',
      compute: ([lp, old, adv, eps]) =>
        -mean(
          ratios(lp, old).map((r, t) => {
            const a = adv[t] as number;
            return Math.min(r * a, r * clip(a, 1 - eps, 1 + eps));
          }),
        ),
    },
  ],
});
