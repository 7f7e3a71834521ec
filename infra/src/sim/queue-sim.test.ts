import { describe, expect, it } from 'vitest';
import { percentile, simulateQueue } from './queue-sim';

describe('simulateQueue', () => {
  it('has no waiting when jobs arrive slower than one worker grades them', () => {
    const arrivals = Array.from({ length: 50 }, (_, i) => i * 10);
    const r = simulateQueue({
      arrivals,
      serviceTimes: arrivals.map(() => 5),
      workers: 1,
      coldStartSeconds: 0,
    });
    expect(r.max).toBe(0);
    expect(r.lastFinish).toBe(495);
  });

  it('queues jobs behind one busy worker (hand-computed)', () => {
    // starts 0, 4, 8 → waits 0, 3, 6
    const r = simulateQueue({
      arrivals: [0, 1, 2],
      serviceTimes: [4, 4, 4],
      workers: 1,
      coldStartSeconds: 0,
    });
    expect(r.waits).toEqual([0, 3, 6]);
    expect(r.p50).toBe(3);
    expect(r.max).toBe(6);
    expect(r.lastFinish).toBe(12);
  });

  it('gives each job to the worker that frees up first', () => {
    // w0: job0 0→2, job2 2→3, job3 3→4; w1: job1 0→3
    const r = simulateQueue({
      arrivals: [0, 0, 0, 0],
      serviceTimes: [2, 3, 1, 1],
      workers: 2,
      coldStartSeconds: 0,
    });
    expect(r.waits).toEqual([0, 0, 2, 3]);
  });

  it('adds the cold start to the first jobs after scale-from-zero', () => {
    const r = simulateQueue({ arrivals: [100, 110], serviceTimes: [1, 1], workers: 3, coldStartSeconds: 30 });
    expect(r.waits).toEqual([30, 20]);
  });

  it('refuses mismatched inputs with the argument named', () => {
    expect(() =>
      simulateQueue({ arrivals: [0, 1], serviceTimes: [1], workers: 1, coldStartSeconds: 0 }),
    ).toThrow(/serviceTimes: expected one per arrival \(2\), found 1/);
    expect(() =>
      simulateQueue({ arrivals: [0], serviceTimes: [1], workers: 0, coldStartSeconds: 0 }),
    ).toThrow(/workers: expected an integer >= 1, found 0/);
    expect(() =>
      simulateQueue({ arrivals: [2, 1], serviceTimes: [1, 1], workers: 1, coldStartSeconds: 0 }),
    ).toThrow(/arrivals: expected ascending/);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 100)).toBe(20);
  });
});
