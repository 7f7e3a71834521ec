import { describe, expect, it } from 'vitest';
import { workerScalingSteps, workersNeeded } from './scaling-steps';

/** The fleet size the steps give for `v` workers needed. */
function countFor(steps: ReturnType<typeof workerScalingSteps>, v: number): number {
  const step = steps.find((s) => (s.lower ?? 0) <= v && v < (s.upper ?? Number.POSITIVE_INFINITY));
  if (step === undefined) throw new Error(`no step covers ${v}`);
  return step.change;
}

describe('workersNeeded', () => {
  it('is one worker per running job plus one per jobsPerWorker waiting', () => {
    expect(workersNeeded(0, 0, 4)).toBe(0);
    expect(workersNeeded(1, 0, 4)).toBe(1);
    expect(workersNeeded(9, 0, 4)).toBe(3);
    expect(workersNeeded(0, 6, 4)).toBe(6);
    expect(workersNeeded(5, 6, 4)).toBe(8);
    expect(workersNeeded(5, 6, 4, 2)).toBe(5);
    expect(workersNeeded(0, 1, 4, 2)).toBe(1);
  });
});

describe('workerScalingSteps', () => {
  it('maps nothing needed to zero workers and a flood to the maximum', () => {
    const steps = workerScalingSteps(20);
    expect(countFor(steps, 0)).toBe(0);
    expect(countFor(steps, 1)).toBe(1);
    expect(countFor(steps, 1e6)).toBe(20);
  });

  it('gives at least the workers needed up to the maximum, never more than double', () => {
    const steps = workerScalingSteps(20);
    for (let v = 1; v <= 100; v++) {
      const got = countFor(steps, v);
      expect(got).toBeGreaterThanOrEqual(Math.min(20, v));
      expect(got).toBeLessThanOrEqual(Math.min(20, 2 * v));
    }
  });

  it('is contiguous: each step starts where the previous ended', () => {
    const steps = workerScalingSteps(50);
    for (let i = 1; i < steps.length; i++) expect(steps[i]?.lower).toBe(steps[i - 1]?.upper);
    expect(steps.at(-1)?.upper).toBeUndefined();
  });

  it('puts no bound on a whole number (the shared alarm threshold is never hit exactly)', () => {
    for (const max of [1, 2, 20, 50]) {
      for (const s of workerScalingSteps(max)) {
        for (const bound of [s.lower, s.upper])
          if (bound !== undefined) expect(Number.isInteger(bound)).toBe(false);
      }
    }
  });

  it('keeps minWorkers warm when asked', () => {
    const steps = workerScalingSteps(20, 2);
    expect(countFor(steps, 0)).toBe(2);
    expect(countFor(steps, 1)).toBe(2);
    expect(countFor(steps, 7)).toBe(8);
    expect(() => workerScalingSteps(20, 21)).toThrow(
      /minWorkers: expected an integer in \[0, 20\], found 21/,
    );
  });

  it('refuses a non-positive maximum with the argument named', () => {
    expect(() => workerScalingSteps(0)).toThrow(/maxWorkers: expected an integer >= 1, found 0/);
  });
});
