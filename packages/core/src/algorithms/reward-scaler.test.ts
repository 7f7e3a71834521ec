import { describe, expect, it } from 'vitest';
import { RewardScaler } from './reward-scaler';

describe('RewardScaler', () => {
  it('divides rewards by the running std of the discounted return and restarts it after an episode end', () => {
    const scaler = new RewardScaler(1, 0.5);
    const returns: number[] = [];
    let ret = 0;
    const scaled: number[] = [];
    for (let t = 0; t < 6; t++) {
      const r = Float32Array.of(t + 1);
      const done = t === 2 ? 1 : 0;
      ret = ret * 0.5 + (t + 1);
      returns.push(ret);
      scaler.scale(r, [done]);
      scaled.push(r[0]!);
      if (done) ret = 0;
      // Running variance over the returns so far (the prior, var 1 at count 1e-4, only matters at t = 0).
      const n = returns.length;
      const m = returns.reduce((a, x) => a + x, 0) / n;
      const v = returns.reduce((a, x) => a + (x - m) ** 2, 0) / n;
      if (t > 0) expect(scaled[t]).toBeCloseTo((t + 1) / Math.sqrt(v + 1e-8), 2);
    }
  });
});
