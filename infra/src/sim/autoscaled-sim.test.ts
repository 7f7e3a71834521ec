import { describe, expect, it } from 'vitest';
import { simulateAutoscaled } from './autoscaled-sim';
import { deployedPolicy } from './capacity';

describe('simulateAutoscaled', () => {
  it('scales one worker from zero at the first tick that sees the job (hand-computed)', () => {
    // job at 10; tick 0 sees nothing; tick 60 sees 1 → worker ready at 90; runs 90→95; tick 120 scales in.
    const r = simulateAutoscaled({
      arrivals: [10],
      serviceTimes: [5],
      capacityFor: (queued, running) => (queued + running > 0 ? 1 : 0),
      metricPeriodSeconds: 60,
      provisionSeconds: 30,
    });
    expect(r.waits).toEqual([50 + 30]);
    expect(r.lastFinish).toBe(95);
    expect(r.peakWorkers).toBe(1);
    expect(r.workerSeconds).toBe(120 - 60);
  });

  it('never queues when a warm worker outpaces the arrivals', () => {
    const arrivals = Array.from({ length: 30 }, (_, i) => 5 + i * 10);
    const r = simulateAutoscaled({
      arrivals,
      serviceTimes: arrivals.map(() => 4),
      capacityFor: () => 1,
      metricPeriodSeconds: 60,
      provisionSeconds: 0,
    });
    expect(r.max).toBe(0);
  });

  it('grows the fleet with the backlog and does not scale in busy workers', () => {
    const arrivals = new Array(40).fill(1);
    const r = simulateAutoscaled({
      arrivals,
      serviceTimes: arrivals.map(() => 100),
      capacityFor: deployedPolicy(4, 10),
      metricPeriodSeconds: 60,
      provisionSeconds: 30,
    });
    // tick 60: 40 queued → ⌈40/4⌉ = 10 workers (max), ready at 90; four rounds of 100 s each.
    expect(r.peakWorkers).toBe(10);
    expect(r.waits.slice(0, 10)).toEqual(new Array(10).fill(89));
    expect(Math.max(...r.waits)).toBe(389);
    expect(r.lastFinish).toBe(490);
  });

  it('refuses a policy that would leave jobs waiting forever', () => {
    expect(() =>
      simulateAutoscaled({
        arrivals: [0],
        serviceTimes: [1],
        capacityFor: () => 0,
        metricPeriodSeconds: 60,
        provisionSeconds: 0,
      }),
    ).toThrow(/capacityFor: the policy asks for 0 workers with 1 jobs queued and 0 running/);
  });
});
