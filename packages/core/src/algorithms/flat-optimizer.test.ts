import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { FlatOptimizer } from './flat-optimizer';

beforeAll(useTestBackend);

/** Two variables and a loss with a known gradient: L = Σ(a ⊙ w)² + Σ b³. */
function problem() {
  const w = tf.variable(tf.tensor2d([0.5, -1, 2, 0.1, 0.3, -0.7], [2, 3]));
  const b = tf.variable(tf.tensor1d([0.2, -0.4]));
  const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
  const loss = () => tf.add(tf.sum(tf.square(tf.mul(a, w))), tf.sum(tf.pow(b, 3))) as tf.Scalar;
  return { vars: [w, b], loss, values: () => [...w.dataSync(), ...b.dataSync()] };
}

function runTfjs(opt: tf.Optimizer, steps: number): number[] {
  const p = problem();
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      opt.minimize(p.loss, false, p.vars);
    });
  }
  return p.values();
}

function runFlat(
  rule: ConstructorParameters<typeof FlatOptimizer>[2],
  lr: number,
  steps: number,
  clip?: number,
) {
  const p = problem();
  const opt = new FlatOptimizer(p.vars, lr, rule, clip);
  for (let i = 0; i < steps; i++) {
    const out = opt.minimize(() => ({ loss: p.loss() }));
    out.loss.dispose();
  }
  opt.dispose();
  return p.values();
}

describe('FlatOptimizer', () => {
  it('matches tfjs Adam step for step', () => {
    const expected = runTfjs(tf.train.adam(0.05, 0.9, 0.999, 1e-7), 5);
    const got = runFlat({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, 0.05, 5);
    got.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i]!, 5);
    });
  });

  it('matches PyTorch-style RMSprop: θ ← θ − lr·g/(√v + ε)', () => {
    const got = runFlat({ kind: 'rmsprop', decay: 0.99, epsilon: 1e-5 }, 0.01, 1);
    const w = [0.5, -1, 2, 0.1, 0.3, -0.7];
    const b = [0.2, -0.4];
    // ∂L/∂w = 2a²w, ∂L/∂b = 3b²; one step from v = 0: v = 0.01·g².
    const g = [...w.map((x, i) => 2 * (i + 1) ** 2 * x), ...b.map((x) => 3 * x * x)];
    const start = [...w, ...b];
    got.forEach((x, i) => {
      const gi = g[i]!;
      expect(x).toBeCloseTo(start[i]! - (0.01 * gi) / (Math.sqrt(0.01 * gi * gi) + 1e-5), 5);
    });
  });

  it('clips the global gradient norm before the update', () => {
    const p = problem();
    const opt = new FlatOptimizer(p.vars, 0.1, { kind: 'rmsprop', decay: 0.5, epsilon: 1 }, 1e-3);
    const grads = tf.tidy(() => {
      const { grads } = tf.variableGrads(p.loss, p.vars);
      return p.vars.map((v) => grads[v.name]!);
    });
    const flat = grads.flatMap((g) => Array.from(g.dataSync()));
    const norm = Math.hypot(...flat);
    const before = p.values();
    opt.apply(grads);
    const after = p.values();
    // ε = 1 dominates √v, so the step is ≈ lr·g_clipped = 0.1·g·(10⁻³/‖g‖).
    after.forEach((x, i) => {
      expect(x).toBeCloseTo(before[i]! - (0.1 * flat[i]! * 1e-3) / norm, 6);
    });
    tf.dispose(grads);
    opt.dispose();
  });
});
