import { describe, expect, test } from 'vitest';
import { make } from '../src/registry';
import { GaussianBanditEnv } from '../src/toy/gaussian-bandit';
import { QuadraticGoalEnv } from '../src/toy/quadratic-goal';

describe('GaussianBandit-v0', () => {
  test('rewards are N(q*(a), 1) around the arm values drawn at reset', () => {
    const env = new GaussianBanditEnv({ k: 5 });
    env.reset({ seed: 10 });
    const q = env.trueValues;
    expect(q).toHaveLength(5);
    const n = 4000;
    for (let a = 0; a < 5; a++) {
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const r = env.step(a).reward;
        sum += r;
        sumSq += (r - q[a]!) ** 2;
      }
      // 4 standard errors
      expect(Math.abs(sum / n - q[a]!)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.1);
    }
  });

  test('info.optimal marks the best arm; qStar can be given; a run is 1000 pulls', () => {
    const env = make<number, number>('GaussianBandit-v0', { envOptions: { k: 3 } });
    expect(env.reset({ seed: 0, options: { qStar: [0.1, 0.9, -0.2] } }).obs).toBe(0);
    expect(env.step(1).info.optimal).toBe(true);
    expect(env.step(0).info.optimal).toBe(false);
    let r = env.step(2);
    let t = 3;
    while (!r.truncated) {
      r = env.step(0);
      t++;
    }
    expect(t).toBe(1000);
    expect(r.terminated).toBe(false);
    expect(() => env.reset({ options: { qStar: [1] } })).toThrow(
      'options.qStar must be an array of 3 finite numbers',
    );
  });

  test('seeded runs repeat; different seeds give different arms', () => {
    const a = new GaussianBanditEnv();
    const b = new GaussianBanditEnv();
    a.reset({ seed: 4 });
    b.reset({ seed: 4 });
    expect(a.trueValues).toEqual(b.trueValues);
    expect([a.step(3).reward, a.step(7).reward]).toEqual([b.step(3).reward, b.step(7).reward]);
    b.reset({ seed: 5 });
    expect(b.trueValues).not.toEqual(a.trueValues);
  });
});

describe('QuadraticGoal-v0', () => {
  test('reward is −(a − g)², one step per episode, actions clipped to the bound', () => {
    const env = new QuadraticGoalEnv({ goal: 0.5, bound: 2 });
    env.reset({ seed: 0 });
    const r = env.step([1.5]);
    expect(r.reward).toBe(-1);
    expect(r.terminated).toBe(true);
    env.reset();
    expect(env.step([0.5]).reward).toBe(0);
    env.reset();
    expect(env.step([10]).reward).toBe(-((2 - 0.5) ** 2));
    expect(() => new QuadraticGoalEnv({ bound: 0 })).toThrow(
      'bound must be a positive finite number, found 0',
    );
  });

  test('noise has the requested spread and is seeded', () => {
    const env = new QuadraticGoalEnv({ goal: 0, noiseStd: 0.5 });
    env.reset({ seed: 1 });
    const rewards: number[] = [];
    for (let i = 0; i < 4000; i++) {
      rewards.push(env.step([0]).reward);
      env.reset();
    }
    const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
    const sd = Math.sqrt(rewards.reduce((a, b) => a + (b - mean) ** 2, 0) / rewards.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.05);
    const again = new QuadraticGoalEnv({ goal: 0, noiseStd: 0.5 });
    again.reset({ seed: 1 });
    expect(again.step([0]).reward).toBe(rewards[0]);
  });
});
