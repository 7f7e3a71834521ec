import { describe, expect, test } from 'vitest';
import type { StatefulEnv } from '../src/classic/stateful';
import { make } from '../src/registry';
import type { Env } from '../src/types';
import type { Wrapper } from '../src/wrappers/wrapper';

function states(id: string, n: number, options?: Record<string, unknown>): number[][] {
  const env = make(id) as Env<Float32Array, unknown> & Wrapper<Float32Array, unknown>;
  const inner = env.unwrapped as unknown as StatefulEnv;
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    env.reset({ seed: s, ...(options ? { options } : {}) });
    out.push(inner.getState());
  }
  return out;
}

function column(rows: number[][], i: number): number[] {
  return rows.map((r) => r[i]!);
}

function expectUniform(xs: number[], low: number, high: number): void {
  for (const x of xs) {
    expect(x).toBeGreaterThanOrEqual(low);
    expect(x).toBeLessThan(high);
  }
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  // U(low, high) has sd (high − low)/√12; allow 4 standard errors
  expect(Math.abs(mean - (low + high) / 2)).toBeLessThan((4 * (high - low)) / Math.sqrt(12 * xs.length));
  // the draws fill the range
  expect(Math.min(...xs)).toBeLessThan(low + (high - low) * 0.05);
  expect(Math.max(...xs)).toBeGreaterThan(high - (high - low) * 0.05);
}

describe("reset distributions equal Gymnasium's", () => {
  test('CartPole-v1: U(−0.05, 0.05)^4 in float64; options low/high override', () => {
    const s = states('CartPole-v1', 400);
    for (let i = 0; i < 4; i++) expectUniform(column(s, i), -0.05, 0.05);
    expect(s.some((r) => r.some((x) => Math.fround(x) !== x))).toBe(true);
    const wide = states('CartPole-v1', 400, { low: -0.2, high: 0.1 });
    expectUniform(column(wide, 0), -0.2, 0.1);
  });

  test('Acrobot-v1: U(−0.1, 0.1)^4 cast to float32', () => {
    const s = states('Acrobot-v1', 400);
    for (let i = 0; i < 4; i++) expectUniform(column(s, i), -0.1, 0.1);
    expect(s.every((r) => r.every((x) => Math.fround(x) === x))).toBe(true);
  });

  test('MountainCar-v0 and MountainCarContinuous-v0: position U(−0.6, −0.4), velocity 0', () => {
    for (const id of ['MountainCar-v0', 'MountainCarContinuous-v0']) {
      const s = states(id, 400);
      expectUniform(column(s, 0), -0.6, -0.4);
      expect(column(s, 1).every((v) => v === 0)).toBe(true);
    }
    expectUniform(column(states('MountainCar-v0', 300, { low: -1, high: 0 }), 0), -1, 0);
  });

  test('Pendulum-v1: θ ~ U(−π, π), θ̇ ~ U(−1, 1); x_init / y_init set symmetric bounds', () => {
    const s = states('Pendulum-v1', 400);
    expectUniform(column(s, 0), -Math.PI, Math.PI);
    expectUniform(column(s, 1), -1, 1);
    const narrow = states('Pendulum-v1', 300, { x_init: 0.5, y_init: 0.25 });
    expectUniform(column(narrow, 0), -0.5, 0.5);
    expectUniform(column(narrow, 1), -0.25, 0.25);
  });
});

describe('seeding', () => {
  test('a seed fixes the reset; an unseeded reset continues the stream', () => {
    for (const id of ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'Pendulum-v1']) {
      const env = make<Float32Array, unknown>(id);
      const a = Array.from(env.reset({ seed: 77 }).obs);
      const b = Array.from(env.reset().obs);
      const c = Array.from(env.reset({ seed: 77 }).obs);
      expect(c).toEqual(a);
      expect(b).not.toEqual(a);
      expect(Array.from(make<Float32Array, unknown>(id).reset({ seed: 77 }).obs)).toEqual(a);
    }
  });

  test('the first reset without a seed uses seed 0', () => {
    const a = make<Float32Array, number>('CartPole-v1').reset().obs;
    const b = make<Float32Array, number>('CartPole-v1').reset({ seed: 0 }).obs;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
