/** Importance weights from log-probabilities, in float64 (the homework's reference answers). */

type Rows = readonly (readonly number[])[];

/** ρ_t = π(a_t|s_t)/μ(a_t|s_t) = exp(log π − log μ), per step. */
export function importanceRatios(logProbs: readonly number[], behaviorLogProbs: readonly number[]): number[] {
  return logProbs.map((lp, t) => Math.exp(lp - (behaviorLogProbs[t] as number)));
}

/** W_n = Π_t ρ_{n,t} = exp(Σ_t (log π − log μ)) per trajectory (row). */
export function trajectoryWeights(logProbs: Rows, behaviorLogProbs: Rows): number[] {
  return logProbs.map((row, n) => {
    let logWeight = 0;
    for (let t = 0; t < row.length; t++)
      logWeight += (row[t] as number) - (behaviorLogProbs[n]?.[t] as number);
    return Math.exp(logWeight);
  });
}

/** W̄_n = min(c, W_n): the trajectory weight truncated at c = maxWeight. */
export function truncatedTrajectoryWeights(
  logProbs: Rows,
  behaviorLogProbs: Rows,
  maxWeight: number,
): number[] {
  return trajectoryWeights(logProbs, behaviorLogProbs).map((w) => Math.min(maxWeight, w));
}
