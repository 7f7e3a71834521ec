/** Categorical distributions given by logits, in float64 (the homework's reference answers). */

import { logSoftmaxRow } from '../checks/softmax';

/** KL(p‖q) = Σ_k p_k·(log p_k − log q_k) per row, p = softmax(logitsP), q = softmax(logitsQ). */
export function categoricalKlRows(
  logitsP: readonly (readonly number[])[],
  logitsQ: readonly (readonly number[])[],
): number[] {
  return logitsP.map((rowP, b) => {
    const logP = logSoftmaxRow(rowP);
    const logQ = logSoftmaxRow(logitsQ[b] ?? []);
    let kl = 0;
    for (let k = 0; k < logP.length; k++) {
      const lp = logP[k] as number;
      kl += Math.exp(lp) * (lp - (logQ[k] as number));
    }
    return kl;
  });
}

/** H(p) = −Σ_k p_k·log p_k per row (natural log), p = softmax(logits). */
export function categoricalEntropyRows(logits: readonly (readonly number[])[]): number[] {
  return logits.map((row) => {
    let h = 0;
    for (const lp of logSoftmaxRow(row)) h -= Math.exp(lp) * lp;
    return h;
  });
}
