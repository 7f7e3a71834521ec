import { describe, expect, test } from 'vitest';
import { EnvError } from '../src/errors';
import { make } from '../src/registry';
import { Box } from '../src/spaces';
import { NormalizeObservation } from '../src/wrappers/normalize-observation';
import { type EpisodeStatistics, RecordEpisodeStatistics } from '../src/wrappers/record-episode-statistics';
import { RunningMeanStd } from '../src/wrappers/running-mean-std';
import { TimeLimit } from '../src/wrappers/time-limit';

describe('TimeLimit', () => {
  test('truncates at maxEpisodeSteps, independently of terminated', () => {
    const env = new TimeLimit(make<Float32Array, number>('CartPole-v1', { maxEpisodeSteps: null }), 10);
    env.reset({ seed: 0 });
    // constant pushes terminate CartPole in about 9-10 steps; with limit 10 the last step may be both
    const flags: [boolean, boolean][] = [];
    for (let t = 0; t < 10; t++) {
      const r = env.step(1);
      flags.push([r.terminated, r.truncated]);
      if (r.terminated) break;
    }
    expect(flags.slice(0, -1).every(([, tr]) => !tr)).toBe(true);
    expect(env.elapsedSteps).toBe(flags.length);
    expect(() => new TimeLimit(make('CartPole-v1'), 0)).toThrow(
      'maxEpisodeSteps must be a positive integer, found 0',
    );
  });

  test('reset restarts the count', () => {
    const env = new TimeLimit(make<Float32Array, Float32Array>('Pendulum-v1', { maxEpisodeSteps: null }), 3);
    env.reset({ seed: 1 });
    const a = Float32Array.of(0);
    env.step(a);
    env.step(a);
    expect(env.step(a).truncated).toBe(true);
    env.reset();
    expect(env.step(a).truncated).toBe(false);
  });
});

describe('RecordEpisodeStatistics', () => {
  test('adds info.episode with return, length and time at the end of each episode', () => {
    let now = 0;
    const env = new RecordEpisodeStatistics(make<Float32Array, number>('MountainCar-v0'), {
      bufferLength: 2,
      clock: () => now,
    });
    for (let ep = 0; ep < 3; ep++) {
      env.reset({ seed: ep });
      let r = env.step(1);
      let steps = 1;
      while (!r.terminated && !r.truncated) {
        expect(r.info.episode).toBeUndefined();
        now += 1.5;
        r = env.step(1);
        steps++;
      }
      const stats = r.info.episode as EpisodeStatistics;
      expect(stats).toEqual({ r: -200, l: 200, t: (199 * 1.5) / 1000 });
      expect(steps).toBe(200);
    }
    expect(env.returnQueue).toEqual([-200, -200]);
    expect(env.lengthQueue).toEqual([200, 200]);
  });
});

describe('NormalizeObservation', () => {
  test("matches Gymnasium's running statistics (mean/var with count ε = 1e-4)", () => {
    const env = new NormalizeObservation(make<Float32Array, number>('CartPole-v1'));
    const raw: number[][] = [];
    const inner = make<Float32Array, number>('CartPole-v1');
    raw.push(Array.from(inner.reset({ seed: 5 }).obs));
    const first = env.reset({ seed: 5 }).obs;
    for (let t = 0; t < 8; t++) {
      raw.push(Array.from(inner.step(t % 2).obs));
      env.step(t % 2);
    }
    // Gymnasium: mean_n = Σx / (n + ε), var via Chan's merge; check against a direct computation
    const eps = 1e-4;
    const n = raw.length;
    for (let i = 0; i < 4; i++) {
      const xs = raw.map((r) => r[i]!);
      const mean = xs.reduce((a, b) => a + b, 0) / (n + eps);
      expect(env.rms.mean[i]).toBeCloseTo(mean, 12);
      // the prior (mean 0, var 1, count ε) merged with the n samples
      const m2 = eps * 1 + xs.reduce((a, x) => a + (x - mean) ** 2, 0) + eps * mean * mean;
      expect(env.rms.var[i]).toBeCloseTo(m2 / (n + eps), 10);
    }
    // the first observation normalized with the statistics after one sample
    const rms = new RunningMeanStd(4);
    rms.update(raw[0]!);
    expect(first[0]).toBeCloseTo((raw[0]![0]! - rms.mean[0]!) / Math.sqrt(rms.var[0]! + 1e-8), 5);
    expect(env.observationSpace).toBeInstanceOf(Box);
    expect(env.observationSpace.contains(Float32Array.of(1e6, -1e6, 0, 0))).toBe(true);
  });

  test('frozen statistics leave observations deterministic, and setStatistics validates sizes', () => {
    const env = new NormalizeObservation(make<Float32Array, number>('CartPole-v1'));
    env.setStatistics([0, 0, 0, 0], [4, 4, 4, 4]);
    env.updateRunningMean = false;
    const raw = make<Float32Array, number>('CartPole-v1').reset({ seed: 2 }).obs;
    const z = env.reset({ seed: 2 }).obs;
    for (let i = 0; i < 4; i++) expect(z[i]).toBeCloseTo(raw[i]! / Math.sqrt(4 + 1e-8), 7);
    expect(() => env.setStatistics([0], [1])).toThrow(
      'expected mean and variance of length 4, found 1 and 1',
    );
  });

  test('refuses a discrete observation space', () => {
    expect(() => new NormalizeObservation(make('GaussianBandit-v0') as never)).toThrow(EnvError);
  });
});
