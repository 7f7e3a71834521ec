import { describe, expect, it } from 'vitest';
import { planFleet } from './plan';

describe('planFleet', () => {
  it('finds the smallest fleet whose p95 wait is under the target', () => {
    // 10 jobs at t=0, 60 s each, no cold start: W workers → waits 0, 60, 120, … in rounds of W.
    const arrivals = new Array(10).fill(0);
    const plan = planFleet({
      arrivals,
      serviceTimes: arrivals.map(() => 60),
      coldStartSeconds: 0,
      deadline: 0,
      maxWorkers: 10,
      targetP95Seconds: 100,
    });
    // p95 (nearest rank 10 of 10) is the last job's wait: 60·(ceil(10/W) − 1) < 100 ⇔ ceil(10/W) ≤ 2 ⇔ W ≥ 5
    expect(plan.minWorkers).toBe(5);
    expect(plan.rows[3]?.p95).toBe(120);
    expect(plan.rows[4]?.p95).toBe(60);
    expect(plan.rows[9]?.drainedAfterDeadline).toBe(60);
  });

  it('reports no fleet when even the largest misses the target', () => {
    const plan = planFleet({
      arrivals: [0],
      serviceTimes: [1],
      coldStartSeconds: 500,
      deadline: 0,
      maxWorkers: 3,
      targetP95Seconds: 300,
    });
    expect(plan.minWorkers).toBeUndefined();
    expect(plan.rows).toHaveLength(3);
  });
});
