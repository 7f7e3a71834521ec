import { niceTicks } from './ticks';

/** One histogram bin [x0, x1) (the last bin includes its right edge). */
export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * Bins `values` on round edges: about Sturges' ⌈log2 n⌉ + 1 bins (or `binCount`), widened to nice
 * numbers by niceTicks, so edges read well on an axis. Non-finite values are ignored.
 */
export function histogram(values: readonly number[], binCount?: number): HistogramBin[] {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return [];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (lo === hi) {
    // Every value equal (a solved CartPole: 500 on every episode): one bar centred on it.
    const half = Math.max(0.5, Math.abs(lo) * 0.005);
    return [{ x0: lo - half, x1: lo + half, count: xs.length }];
  }
  // Sturges: k = ⌈log2 n⌉ + 1
  const target = binCount ?? Math.ceil(Math.log2(xs.length)) + 1;
  const { ticks, step } = niceTicks(lo, hi, target);
  const bins: HistogramBin[] = ticks.slice(0, -1).map((x0, i) => ({ x0, x1: ticks[i + 1]!, count: 0 }));
  const first = ticks[0]!;
  for (const x of xs) {
    const i = Math.min(bins.length - 1, Math.floor((x - first) / step + 1e-9));
    bins[Math.max(0, i)]!.count++;
  }
  return bins;
}
