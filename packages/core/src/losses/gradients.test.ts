import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { a2cLoss } from './a2c';
import { approxKl } from './diagnostics';
import {
  importanceRatio,
  importanceSampledPgLoss,
  trajectoryImportanceWeight,
  truncatedImportanceWeight,
} from './importance';
import { ppoClipKlEntropyLoss, ppoClipKlLoss, ppoClipLoss } from './ppo-clip';
import { ppoKlPenaltyLoss } from './ppo-kl';
import { reinforceLoss } from './reinforce';
import { compareGradient, gradientError } from './testing/finite-difference';
import { valueLoss } from './value';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Central differences with h = 3e-3 on float32 losses of magnitude ~1: rounding error ≈ 6e-8/6e-3 ≈ 1e-5,
 * truncation error ≈ h²/6·|f‴| ≈ 1e-5; the tolerance leaves a 10× margin and still catches any wrong
 * factor, sign or missing term (those are O(1) errors).
 */
const TOLERANCE = 2e-4;
const B = 7;
const EPS = 0.2;
const rng = new Rng(31);
const normals = (n: number, scale = 1) => Array.from({ length: n }, () => rng.normal() * scale);

// Data held constant in the losses; advantages bounded away from 0 so min(r·A, clip(r)·A) has no tie.
const advantages = normals(B).map((a) => (a >= 0 ? a + 0.3 : a - 0.3));
const oldLogProbs = normals(B, 0.3).map((x) => x - 1.5);
// New log-probs with ratios both inside and outside the clip range, but ≥ 0.03 away from its edges.
const logRatios = [-0.5, -0.1, 0.05, 0.12, 0.3, -0.3, 0.6];
const logProbs = oldLogProbs.map((x, i) => x + (logRatios[i] as number));
const values = normals(B);
const targets = normals(B);
const kl = normals(B).map((x) => Math.abs(x) * 0.05);
const entropy = normals(B).map((x) => 1 + Math.abs(x));

const c = (xs: number[]) => tf.tensor1d(xs, 'float32');

function expectGradientMatches(
  f: (x: tf.Tensor) => tf.Scalar,
  point: number[],
  shape = [point.length],
): void {
  const comparison = compareGradient(f, point, shape);
  const error = gradientError(comparison);
  expect(
    error,
    `analytic ${Array.from(comparison.analytic)} vs numeric ${Array.from(comparison.numeric)}`,
  ).toBeLessThan(TOLERANCE);
  // a gradient check on a function with zero gradient proves nothing: make sure it is not trivial
  expect(Math.max(...Array.from(comparison.numeric, Math.abs))).toBeGreaterThan(1e-3);
}

function expectNoGradient(f: (x: tf.Tensor) => tf.Scalar, point: number[], shape = [point.length]): void {
  const g = tf.tidy(() => tf.grad(f)(tf.tensor(point, shape, 'float32')));
  expect(Array.from(g.dataSync()).every((x) => x === 0)).toBe(true);
  g.dispose();
}

describe('finite-difference gradient checks', () => {
  it('REINFORCE: ∂/∂logπ, and no gradient into the returns', () => {
    expectGradientMatches(
      (x) => reinforceLoss({ logProbs: x as tf.Tensor1D, returns: c(advantages) }),
      logProbs,
    );
    expectNoGradient((x) => reinforceLoss({ logProbs: c(logProbs), returns: x as tf.Tensor1D }), advantages);
  });

  it('value loss: ∂/∂V, and no gradient into the targets (semi-gradient)', () => {
    expectGradientMatches((x) => valueLoss({ values: x as tf.Tensor1D, targets: c(targets) }), values);
    expectNoGradient((x) => valueLoss({ values: c(values), targets: x as tf.Tensor1D }), targets);
  });

  it('A2C: ∂/∂logπ, ∂/∂V, ∂/∂H; none into advantages or targets', () => {
    const base = () => ({
      logProbs: c(logProbs),
      advantages: c(advantages),
      values: c(values),
      targets: c(targets),
      entropy: c(entropy),
      valueCoef: 0.7,
      entropyCoef: 0.3,
    });
    expectGradientMatches((x) => a2cLoss({ ...base(), logProbs: x as tf.Tensor1D }).loss, logProbs);
    expectGradientMatches((x) => a2cLoss({ ...base(), values: x as tf.Tensor1D }).loss, values);
    expectGradientMatches((x) => a2cLoss({ ...base(), entropy: x as tf.Tensor1D }).loss, entropy);
    expectNoGradient((x) => a2cLoss({ ...base(), advantages: x as tf.Tensor1D }).loss, advantages);
    expectNoGradient((x) => a2cLoss({ ...base(), targets: x as tf.Tensor1D }).loss, targets);
  });

  it('importance sampling: ratio, trajectory weights and the three IS-PG losses', () => {
    const mu = c(oldLogProbs);
    expectGradientMatches(
      (x) =>
        tf.sum(tf.mul(importanceRatio({ logProbs: x, behaviorLogProbs: mu }), c(advantages))) as tf.Scalar,
      logProbs,
    );
    const shape = [2, 3];
    const lp = logProbs.slice(0, 6);
    const behavior = () => tf.tensor2d(oldLogProbs.slice(0, 6), [2, 3]);
    const adv = () => tf.tensor2d(advantages.slice(0, 6), [2, 3]);
    expectGradientMatches(
      (x) =>
        tf.sum(
          trajectoryImportanceWeight({ logProbs: x as tf.Tensor2D, behaviorLogProbs: behavior() }),
        ) as tf.Scalar,
      lp,
      shape,
    );
    // weights of the two trajectories: exp(−0.45) ≈ 0.64 and exp(0.6) ≈ 1.82; truncate at 1.2 (only the second)
    expectGradientMatches(
      (x) =>
        tf.sum(
          truncatedImportanceWeight({
            logProbs: x as tf.Tensor2D,
            behaviorLogProbs: behavior(),
            maxWeight: 1.2,
          }),
        ) as tf.Scalar,
      lp,
      shape,
    );
    for (const weighting of ['per-step', 'trajectory', 'truncated'] as const) {
      // 'per-step' differentiates through ρ_t. The trajectory forms hold W_n constant (their gradient is
      // W_n·Σ_t ∇logπ·G_t), so their finite differences freeze W_n at the checked point x0: passing
      // logμ + (x − x0) as behaviour log-probs keeps Σ(logπ − logμ) fixed while logπ = x moves.
      const x0 = tf.tensor2d(lp, [2, 3]);
      const loss = (x: tf.Tensor) =>
        importanceSampledPgLoss({
          logProbs: x,
          behaviorLogProbs: weighting === 'per-step' ? behavior() : tf.add(behavior(), tf.sub(x, x0)),
          advantages: adv(),
          weighting,
          maxWeight: 1.2,
        });
      expectGradientMatches(loss, lp, shape);
      x0.dispose();
      expectNoGradient(
        (x) =>
          importanceSampledPgLoss({
            logProbs: tf.tensor2d(lp, [2, 3]),
            behaviorLogProbs: behavior(),
            advantages: x,
            weighting,
            maxWeight: 1.2,
          }),
        advantages.slice(0, 6),
        shape,
      );
    }
  });

  it('PPO KL penalty, clip, clip + KL, clip + KL + entropy: ∂/∂logπ, ∂/∂KL, ∂/∂H; none into old log-probs or advantages', () => {
    const base = () => ({
      logProbs: c(logProbs),
      oldLogProbs: c(oldLogProbs),
      advantages: c(advantages),
      kl: c(kl),
      entropy: c(entropy),
      clipEpsilon: EPS,
      klCoef: 0.8,
      entropyCoef: 0.05,
    });
    const losses: Array<(input: ReturnType<typeof base>) => tf.Scalar> = [
      (i) => ppoKlPenaltyLoss(i).loss,
      (i) => ppoClipLoss(i),
      (i) => ppoClipKlLoss(i).loss,
      (i) => ppoClipKlEntropyLoss(i).loss,
    ];
    for (const loss of losses) {
      expectGradientMatches((x) => loss({ ...base(), logProbs: x as tf.Tensor1D }), logProbs);
      expectNoGradient((x) => loss({ ...base(), oldLogProbs: x as tf.Tensor1D }), oldLogProbs);
      expectNoGradient((x) => loss({ ...base(), advantages: x as tf.Tensor1D }), advantages);
    }
    expectGradientMatches((x) => ppoKlPenaltyLoss({ ...base(), kl: x as tf.Tensor1D }).loss, kl);
    expectGradientMatches((x) => ppoClipKlLoss({ ...base(), kl: x as tf.Tensor1D }).loss, kl);
    expectGradientMatches((x) => ppoClipKlEntropyLoss({ ...base(), kl: x as tf.Tensor1D }).loss, kl);
    expectGradientMatches(
      (x) => ppoClipKlEntropyLoss({ ...base(), entropy: x as tf.Tensor1D }).loss,
      entropy,
    );
  });

  it('PPO-clip gradient is −r·A/B inside the trust region and exactly 0 where the clip is active', () => {
    const g = tf.tidy(() =>
      tf.grad((x) =>
        ppoClipLoss({
          logProbs: x as tf.Tensor1D,
          oldLogProbs: c(oldLogProbs),
          advantages: c(advantages),
          clipEpsilon: EPS,
        }),
      )(c(logProbs)),
    );
    const grad = g.dataSync();
    for (let i = 0; i < B; i++) {
      const r = Math.exp(logRatios[i] as number);
      const a = advantages[i] as number;
      const clipped = (a > 0 && r > 1 + EPS) || (a < 0 && r < 1 - EPS);
      expect(grad[i]).toBeCloseTo(clipped ? 0 : (-r * a) / B, 5);
    }
    g.dispose();
  });

  it('trajectory IS-PG gradient is −W_n·G_{n,t}/(N·T), with W_n truncated at c in the truncated form', () => {
    const lp = logProbs.slice(0, 6);
    const mu = oldLogProbs.slice(0, 6);
    const g = advantages.slice(0, 6);
    for (const weighting of ['trajectory', 'truncated'] as const) {
      const grad = tf.tidy(() =>
        tf.grad((x) =>
          importanceSampledPgLoss({
            logProbs: x,
            behaviorLogProbs: tf.tensor2d(mu, [2, 3]),
            advantages: tf.tensor2d(g, [2, 3]),
            weighting,
            maxWeight: 1.2,
          }),
        )(tf.tensor2d(lp, [2, 3])),
      );
      const got = grad.dataSync();
      for (let n = 0; n < 2; n++) {
        let logW = 0;
        for (let t = 0; t < 3; t++) logW += (lp[n * 3 + t] as number) - (mu[n * 3 + t] as number);
        const w = weighting === 'truncated' ? Math.min(1.2, Math.exp(logW)) : Math.exp(logW);
        for (let t = 0; t < 3; t++)
          expect(got[n * 3 + t]).toBeCloseTo((-w * (g[n * 3 + t] as number)) / 6, 5);
      }
      grad.dispose();
    }
  });

  it('approx KL: ∂/∂logπ', () => {
    expectGradientMatches(
      (x) => approxKl({ logProbs: x as tf.Tensor1D, oldLogProbs: c(oldLogProbs) }),
      logProbs,
    );
  });
});
