import { Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { ObsNormalizer } from './obs-normalizer';

describe('ObsNormalizer', () => {
  it('tracks the mean and variance of all rows seen, batch by batch', () => {
    const rng = new Rng(1);
    const rows: number[][] = [];
    const norm = new ObsNormalizer(2);
    for (let b = 0; b < 7; b++) {
      const batch = Array.from({ length: 5 }, () => [3 + 2 * rng.normal(), -1 + 0.5 * rng.normal()]);
      rows.push(...batch);
      norm.update(Float32Array.from(batch.flat()), 5);
    }
    for (let j = 0; j < 2; j++) {
      const xs = rows.map((r) => r[j]!);
      const m = xs.reduce((a, x) => a + x, 0) / xs.length;
      const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length;
      // The 1e-4 prior count (mean 0, var 1) shifts the estimate negligibly.
      expect(norm.mean[j]).toBeCloseTo(m, 4);
      expect(norm.var[j]).toBeCloseTo(v, 3);
    }
    const out = norm.normalize(Float32Array.of(norm.mean[0]!, norm.mean[1]! + norm.std()[1]!), 1);
    expect(out[0]).toBeCloseTo(0, 6);
    expect(out[1]).toBeCloseTo(1, 5);
    expect(norm.toManifest().std[0]).toBeCloseTo(Math.sqrt(norm.var[0]! + 1e-8), 12);
  });
});
