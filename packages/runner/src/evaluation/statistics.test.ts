import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, interquartileMean, quantileSorted, summarizeReturns } from './statistics';

describe('summarizeReturns', () => {
  it('gives mean, population std, IQM, min and max of known data', () => {
    const s = summarizeReturns([1, 2, 3, 4, 5, 6, 7, 100]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(16);
    // std with ddof = 0: sqrt(mean((x − 16)²))
    const ss = [1, 2, 3, 4, 5, 6, 7, 100].reduce((a, x) => a + (x - 16) ** 2, 0);
    expect(s.std).toBeCloseTo(Math.sqrt(ss / 8), 12);
    // IQM of 8 values drops 2 from each end: mean(3, 4, 5, 6) = 4.5, unmoved by the outlier.
    expect(s.iqm).toBe(4.5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
    expect(s.ciLow).toBeLessThan(s.mean);
    expect(s.ciHigh).toBeGreaterThan(s.mean);
  });

  it('collapses the interval when every episode returns the same', () => {
    const s = summarizeReturns(new Array(100).fill(500));
    expect(s).toEqual({ n: 100, mean: 500, std: 0, ciLow: 500, ciHigh: 500, iqm: 500, min: 500, max: 500 });
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const xs = Array.from({ length: 50 }, (_, i) => (i * 37) % 23);
    expect(bootstrapMeanInterval(xs, { seed: 7 })).toEqual(bootstrapMeanInterval(xs, { seed: 7 }));
    expect(bootstrapMeanInterval(xs, { seed: 7 })).not.toEqual(bootstrapMeanInterval(xs, { seed: 8 }));
  });

  it('covers the normal-theory interval of the mean for a large sample', () => {
    // Values 0…99 repeated: mean 49.5, population std ≈ 28.87; the 95% interval ≈ mean ± 1.96·σ/√n.
    const xs = Array.from({ length: 400 }, (_, i) => i % 100);
    const s = summarizeReturns(xs);
    const half = (1.96 * s.std) / Math.sqrt(400);
    expect(s.ciLow).toBeCloseTo(49.5 - half, 0);
    expect(s.ciHigh).toBeCloseTo(49.5 + half, 0);
  });

  it('refuses empty or non-finite returns, naming the index', () => {
    expect(() => summarizeReturns([])).toThrow(/at least one episode/);
    expect(() => summarizeReturns([1, Number.NaN])).toThrow(/returns\[1\] is NaN/);
  });
});

describe('quantiles and IQM', () => {
  it('interpolates like numpy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20], 0.25)).toBe(12.5);
    expect(quantileSorted([3], 0.975)).toBe(3);
  });
  it('keeps all values below 4 and trims ⌊n/4⌋ from each end above', () => {
    expect(interquartileMean([1, 2, 3])).toBe(2);
    expect(interquartileMean([0, 10, 20, 30, 1000])).toBe(20);
  });
});
