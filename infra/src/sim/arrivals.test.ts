import { describe, expect, it } from 'vitest';
import { deadlineSurgeArrivals, gradingTimes } from './arrivals';

const spec = { students: 300, submissionsPerStudent: 3, windowSeconds: 1800, rampSeconds: 600, seed: 7 };

describe('deadlineSurgeArrivals', () => {
  it('yields students × submissions ascending times inside the window, the same for the same seed', () => {
    const a = deadlineSurgeArrivals(spec);
    expect(a.length).toBe(900);
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThanOrEqual(a[i - 1]!);
    expect(a[0]!).toBeGreaterThanOrEqual(0);
    expect(a.at(-1)!).toBeLessThanOrEqual(1800);
    expect(deadlineSurgeArrivals(spec)).toEqual(a);
    expect(deadlineSurgeArrivals({ ...spec, seed: 8 })).not.toEqual(a);
  });

  it('ramps toward the deadline: the last 10 minutes hold about (e³ − e²)/(e³ − 1) ≈ 66.5% of arrivals', () => {
    const a = deadlineSurgeArrivals(spec);
    const share = a.filter((t) => t >= 1200).length / a.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.73);
  });

  it('refuses a zero window', () => {
    expect(() => deadlineSurgeArrivals({ ...spec, windowSeconds: 0 })).toThrow(
      /windowSeconds: expected a number > 0/,
    );
  });
});

describe('gradingTimes', () => {
  it('has the requested mean and spread', () => {
    const t = gradingTimes(20000, 12, 0.3, 1);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / t.length);
    expect(mean).toBeGreaterThan(12 * 0.98);
    expect(mean).toBeLessThan(12 * 1.02);
    expect(sd / mean).toBeGreaterThan(0.27);
    expect(sd / mean).toBeLessThan(0.33);
  });

  it('is constant when cv = 0', () => {
    expect(new Set(gradingTimes(10, 5, 0, 3).map((x) => x.toFixed(9)))).toEqual(new Set(['5.000000000']));
  });
});
