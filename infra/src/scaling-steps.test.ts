import { describe, expect, it } from 'vitest';
import { workerScalingSteps } from './scaling-steps';

/** The worker count the steps give for `n` outstanding jobs. */
function countFor(steps: ReturnType<typeof workerScalingSteps>, n: number): number {
  const step = steps.find((s) => (s.lower ?? 0) <= n && n < (s.upper ?? Number.POSITIVE_INFINITY));
  if (step === undefined) throw new Error(`no step covers ${n}`);
  return step.change;
}

describe('workerScalingSteps', () => {
  it('maps no work to zero workers and a flood to the maximum', () => {
    const steps = workerScalingSteps(4, 20);
    expect(countFor(steps, 0)).toBe(0);
    expect(countFor(steps, 1)).toBe(1);
    expect(countFor(steps, 1e6)).toBe(20);
  });

  it('gives at least ceil(n / jobsPerWorker) workers up to the maximum, never more than double', () => {
    const steps = workerScalingSteps(4, 20);
    for (let n = 1; n <= 200; n++) {
      const needed = Math.min(20, Math.ceil(n / 4));
      const got = countFor(steps, n);
      expect(got).toBeGreaterThanOrEqual(needed);
      expect(got).toBeLessThanOrEqual(Math.min(20, 2 * needed));
    }
  });

  it('is contiguous: each step starts where the previous ended', () => {
    const steps = workerScalingSteps(3, 50);
    for (let i = 1; i < steps.length; i++) expect(steps[i]?.lower).toBe(steps[i - 1]?.upper);
    expect(steps.at(-1)?.upper).toBeUndefined();
  });

  it('puts no bound on a whole number of jobs (the shared alarm threshold is never hit exactly)', () => {
    for (const [jobsPerWorker, maxWorkers] of [
      [1, 2],
      [4, 20],
      [3, 50],
    ] as const) {
      for (const s of workerScalingSteps(jobsPerWorker, maxWorkers)) {
        for (const bound of [s.lower, s.upper])
          if (bound !== undefined) expect(Number.isInteger(bound)).toBe(false);
      }
    }
  });

  it('keeps minWorkers warm when asked', () => {
    const steps = workerScalingSteps(4, 20, 2);
    expect(countFor(steps, 0)).toBe(2);
    expect(countFor(steps, 1)).toBe(2);
    expect(countFor(steps, 30)).toBe(8);
    expect(() => workerScalingSteps(4, 20, 21)).toThrow(
      /minWorkers: expected an integer in \[0, 20\], found 21/,
    );
  });

  it('refuses a non-positive jobsPerWorker with the argument named', () => {
    expect(() => workerScalingSteps(0, 5)).toThrow(/jobsPerWorker: expected an integer >= 1, found 0/);
  });
});
