import { Rng } from '@critic/envs';

/** Summary statistics of one split's episode returns (what the board shows and ranks by). */
export interface SplitStatistics {
  /** Number of episodes. */
  n: number;
  /** Mean return. */
  mean: number;
  /** Population standard deviation of the returns (ddof = 0, as numpy's default). */
  std: number;
  /** Lower end of the bootstrap confidence interval of the mean. */
  ciLow: number;
  /** Upper end of the bootstrap confidence interval of the mean. */
  ciHigh: number;
  /** Interquartile mean: the mean of the middle half (⌊n/4⌋ returns cut from each end). */
  iqm: number;
  /** Smallest return. */
  min: number;
  /** Largest return. */
  max: number;
}

/** How the bootstrap confidence interval is computed. */
export interface BootstrapOptions {
  /** Resamples of the returns (with replacement); default 10,000. */
  resamples?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  confidence?: number;
  /** Seed of the resampling PRNG, so the interval is reproducible; default 0. */
  seed?: number;
}

function assertReturns(returns: ArrayLike<number>): void {
  if (returns.length === 0)
    throw new RangeError('summarizeReturns: returns is empty; need at least one episode');
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i])) {
      throw new RangeError(`summarizeReturns: returns[${i}] is ${returns[i]}; every return must be finite`);
    }
  }
}

/** Mean in index order (the same summation order everywhere, so reruns agree bit for bit). */
export function meanOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Quantile of sorted values with linear interpolation between order statistics (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('quantileSorted: no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = pos - lo;
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * frac;
}

/** Interquartile mean: IQM = mean of x_(⌊n/4⌋+1) … x_(n−⌊n/4⌋), the sorted returns without their outer quarters. */
export function interquartileMean(sorted: ArrayLike<number>): number {
  const cut = Math.floor(sorted.length / 4);
  let s = 0;
  for (let i = cut; i < sorted.length - cut; i++) s += sorted[i]!;
  return s / (sorted.length - 2 * cut);
}

/**
 * Percentile bootstrap CI of the mean: resample n returns with replacement B times, take the
 * (1−c)/2 and (1+c)/2 quantiles of the B resampled means.
 */
export function bootstrapMeanInterval(
  returns: ArrayLike<number>,
  options: BootstrapOptions = {},
): { low: number; high: number } {
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  }
  const n = returns.length;
  const rng = new Rng(options.seed ?? 0);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += returns[rng.integer(n)]!;
    means[b] = s / n;
  }
  means.sort();
  const alpha = (1 - confidence) / 2;
  return { low: quantileSorted(means, alpha), high: quantileSorted(means, 1 - alpha) };
}

/** Mean, std, bootstrap CI, IQM, min and max of one split's returns. Pure and deterministic. */
export function summarizeReturns(
  returns: ArrayLike<number>,
  options: BootstrapOptions = {},
): SplitStatistics {
  assertReturns(returns);
  const n = returns.length;
  const mean = meanOf(returns);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (returns[i]! - mean) ** 2;
  const sorted = Float64Array.from(returns).sort();
  const ci = bootstrapMeanInterval(returns, options);
  return {
    n,
    mean,
    std: Math.sqrt(ss / n),
    // Rounding in the resampled sums could put an end an ulp outside [min, max]; clamp to the data.
    ciLow: Math.max(sorted[0]!, ci.low),
    ciHigh: Math.min(sorted[n - 1]!, ci.high),
    iqm: interquartileMean(sorted),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}
