/** PPO losses over one batch, in float64 (the homework's reference answers). */

import { clippedTerms, mean, ratios } from '../checks/ppo-surrogate';

/** L_clip = −mean_t min(r_t·Â_t, clip(r_t, 1 − ε, 1 + ε)·Â_t), r_t = exp(log π_θ − log π_old). */
export function ppoClipLoss64(
  logProbs: readonly number[],
  oldLogProbs: readonly number[],
  advantages: readonly number[],
  clipEpsilon: number,
): number {
  return -mean(clippedTerms(ratios(logProbs, oldLogProbs), advantages, clipEpsilon));
}

/** L = −mean_t(r_t·Â_t) + ρ·mean_t(KL_t). */
export function ppoKlPenaltyLoss64(
  logProbs: readonly number[],
  oldLogProbs: readonly number[],
  advantages: readonly number[],
  kl: readonly number[],
  klCoef: number,
): number {
  const surrogate = mean(ratios(logProbs, oldLogProbs).map((r, t) => r * (advantages[t] as number)));
  return -surrogate + klCoef * mean(kl);
}

/** L = L_clip + β·mean_t(KL_t) − c·mean_t(H_t). */
export function ppoClipKlEntropyLoss64(
  logProbs: readonly number[],
  oldLogProbs: readonly number[],
  advantages: readonly number[],
  kl: readonly number[],
  entropy: readonly number[],
  clipEpsilon: number,
  klCoef: number,
  entropyCoef: number,
): number {
  return (
    ppoClipLoss64(logProbs, oldLogProbs, advantages, clipEpsilon) +
    klCoef * mean(kl) -
    entropyCoef * mean(entropy)
  );
}
