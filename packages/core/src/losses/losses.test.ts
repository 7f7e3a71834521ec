import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { a2cLoss } from './a2c';
import { approxKl, clipFraction } from './diagnostics';
import {
  importanceRatio,
  importanceSampledPgLoss,
  trajectoryImportanceWeight,
  truncatedImportanceWeight,
} from './importance';
import { ppoClipKlEntropyLoss, ppoClipKlLoss, ppoClipLoss } from './ppo-clip';
import { ppoKlPenaltyLoss } from './ppo-kl';
import { reinforceLoss } from './reinforce';
import { valueLoss } from './value';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const t1 = (values: number[]) => tf.tensor1d(values, 'float32');
const value = (x: tf.Tensor): number => {
  const out = x.dataSync()[0] as number;
  x.dispose();
  return out;
};
/** Float32 rounding of inputs, so the float64 loops see exactly what tfjs sees. */
const f32 = (xs: number[]) => Array.from(Float32Array.from(xs));

function randomBatch(rng: Rng, size: number) {
  const logProbs = f32(Array.from({ length: size }, () => -0.2 - 2 * rng.random()));
  const oldLogProbs = f32(logProbs.map((lp) => lp + 0.4 * rng.normal()));
  const advantages = f32(Array.from({ length: size }, () => rng.normal()));
  const values = f32(Array.from({ length: size }, () => rng.normal()));
  const targets = f32(Array.from({ length: size }, () => rng.normal()));
  const kl = f32(Array.from({ length: size }, () => rng.random() * 0.1));
  const entropy = f32(Array.from({ length: size }, () => rng.random() * 2));
  return { logProbs, oldLogProbs, advantages, values, targets, kl, entropy };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ---- independent float64 loops ----------------------------------------------------------------
function loopClipSurrogate(lp: number[], old: number[], adv: number[], eps: number): number {
  let total = 0;
  for (let i = 0; i < lp.length; i++) {
    const r = Math.exp((lp[i] as number) - (old[i] as number));
    const clipped = Math.min(Math.max(r, 1 - eps), 1 + eps);
    total += Math.min(r * (adv[i] as number), clipped * (adv[i] as number));
  }
  return -total / lp.length;
}

describe('REINFORCE, value and A2C losses', () => {
  it('match hand-computed values', () => {
    // −mean([−1·3, −2·(−1)]) = −mean([−3, 2]) = 0.5
    expect(value(reinforceLoss({ logProbs: t1([-1, -2]), returns: t1([3, -1]) }))).toBeCloseTo(0.5, 6);
    // mean([(1 − 0)², (2 − 4)²]) = 2.5 (no ½)
    expect(value(valueLoss({ values: t1([1, 2]), targets: t1([0, 4]) }))).toBeCloseTo(2.5, 6);
    // 0.5 + 0.5·2.5 − 0.01·mean([0.5, 1.5]) = 1.74
    const out = a2cLoss({
      logProbs: t1([-1, -2]),
      advantages: t1([3, -1]),
      values: t1([1, 2]),
      targets: t1([0, 4]),
      entropy: t1([0.5, 1.5]),
    });
    expect(value(out.loss)).toBeCloseTo(1.74, 6);
    expect(value(out.policyLoss)).toBeCloseTo(0.5, 6);
    expect(value(out.valueLoss)).toBeCloseTo(2.5, 6);
    expect(value(out.entropy)).toBeCloseTo(1, 6);
  });

  it('match float64 loops on random batches with several coefficients', () => {
    const rng = new Rng(21);
    for (const [valueCoef, entropyCoef] of [
      [0.5, 0.01],
      [1, 0],
      [0.25, 0.1],
    ] as const) {
      const b = randomBatch(rng, 1 + rng.integer(16));
      const policy = -mean(b.logProbs.map((lp, i) => lp * (b.advantages[i] as number)));
      const mse = mean(b.values.map((v, i) => (v - (b.targets[i] as number)) ** 2));
      const want = policy + valueCoef * mse - entropyCoef * mean(b.entropy);
      const out = a2cLoss({
        logProbs: t1(b.logProbs),
        advantages: t1(b.advantages),
        values: t1(b.values),
        targets: t1(b.targets),
        entropy: t1(b.entropy),
        valueCoef,
        entropyCoef,
      });
      expect(value(out.loss)).toBeCloseTo(want, 5);
      tf.dispose([out.policyLoss, out.valueLoss, out.entropy]);
      expect(value(reinforceLoss({ logProbs: t1(b.logProbs), returns: t1(b.advantages) }))).toBeCloseTo(
        policy,
        5,
      );
      expect(value(valueLoss({ values: t1(b.values), targets: t1(b.targets) }))).toBeCloseTo(mse, 5);
    }
  });

  it('a length-1 batch works', () => {
    expect(value(reinforceLoss({ logProbs: t1([-0.5]), returns: t1([2]) }))).toBeCloseTo(1, 6);
    expect(value(valueLoss({ values: t1([3]), targets: t1([1]) }))).toBeCloseTo(4, 6);
  });
});

describe('importance sampling', () => {
  it('matches hand-computed ratios and weights', () => {
    // ρ = exp(logπ − logμ): π/μ = 2 and 1/2
    const ratio = importanceRatio({
      logProbs: t1([Math.log(0.8), Math.log(0.2)]),
      behaviorLogProbs: t1([Math.log(0.4), Math.log(0.4)]),
    });
    expect(Array.from(ratio.dataSync())).toEqual([expect.closeTo(2, 6), expect.closeTo(0.5, 6)]);
    ratio.dispose();
    // trajectory 1: ratios 2·3 = 6; trajectory 2: 0.5·0.5 = 0.25
    const logProbs = tf.tensor2d([
      [Math.log(2), Math.log(3)],
      [Math.log(0.5), Math.log(0.5)],
    ]);
    const behaviorLogProbs = tf.zeros([2, 2]) as tf.Tensor2D;
    const w = trajectoryImportanceWeight({ logProbs, behaviorLogProbs });
    expect(Array.from(w.dataSync())).toEqual([expect.closeTo(6, 5), expect.closeTo(0.25, 6)]);
    const truncated = truncatedImportanceWeight({ logProbs, behaviorLogProbs, maxWeight: 4 });
    expect(Array.from(truncated.dataSync())).toEqual([expect.closeTo(4, 6), expect.closeTo(0.25, 6)]);
    tf.dispose([w, truncated]);
    // per-step: −mean(ρ·A) = −mean([2·1, 0.5·4]) = −2
    const perStep = importanceSampledPgLoss({
      logProbs: t1([Math.log(2), Math.log(0.5)]),
      behaviorLogProbs: t1([0, 0]),
      advantages: t1([1, 4]),
      weighting: 'per-step',
    });
    expect(value(perStep)).toBeCloseTo(-2, 6);
    // trajectory: −mean_{n,t}(W_n·logπ·G): W = [6, 0.25], G = 1 everywhere
    const G = tf.ones([2, 2]) as tf.Tensor2D;
    const want = -(6 * (Math.log(2) + Math.log(3)) + 0.25 * 2 * Math.log(0.5)) / 4;
    const traj = importanceSampledPgLoss({
      logProbs,
      behaviorLogProbs,
      advantages: G,
      weighting: 'trajectory',
    });
    expect(value(traj)).toBeCloseTo(want, 5);
    const wantTruncated = -(4 * (Math.log(2) + Math.log(3)) + 0.25 * 2 * Math.log(0.5)) / 4;
    const trunc = importanceSampledPgLoss({
      logProbs,
      behaviorLogProbs,
      advantages: G,
      weighting: 'truncated',
      maxWeight: 4,
    });
    expect(value(trunc)).toBeCloseTo(wantTruncated, 5);
    tf.dispose([logProbs, behaviorLogProbs, G]);
  });

  it('matches float64 loops on random trajectories', () => {
    const rng = new Rng(22);
    for (let trial = 0; trial < 5; trial++) {
      const n = 1 + rng.integer(4);
      const steps = 1 + rng.integer(6);
      const lp = f32(Array.from({ length: n * steps }, () => -0.3 - rng.random()));
      const mu = f32(lp.map((x) => x + 0.3 * rng.normal()));
      const g = f32(Array.from({ length: n * steps }, () => rng.normal() * 3));
      const maxWeight = 0.5 + rng.random() * 2;
      let trajectory = 0;
      let truncated = 0;
      for (let i = 0; i < n; i++) {
        let logW = 0;
        let inner = 0;
        for (let t = 0; t < steps; t++) {
          const k = i * steps + t;
          logW += (lp[k] as number) - (mu[k] as number);
          inner += (lp[k] as number) * (g[k] as number);
        }
        trajectory += Math.exp(logW) * inner;
        truncated += Math.min(maxWeight, Math.exp(logW)) * inner;
      }
      let perStep = 0;
      for (let k = 0; k < lp.length; k++)
        perStep += Math.exp((lp[k] as number) - (mu[k] as number)) * (g[k] as number);
      const tensors = {
        logProbs: tf.tensor2d(lp, [n, steps]),
        behaviorLogProbs: tf.tensor2d(mu, [n, steps]),
        advantages: tf.tensor2d(g, [n, steps]),
      };
      const size = n * steps;
      expect(value(importanceSampledPgLoss({ ...tensors, weighting: 'per-step' }))).toBeCloseTo(
        -perStep / size,
        4,
      );
      expect(value(importanceSampledPgLoss({ ...tensors, weighting: 'trajectory' }))).toBeCloseTo(
        -trajectory / size,
        4,
      );
      expect(value(importanceSampledPgLoss({ ...tensors, weighting: 'truncated', maxWeight }))).toBeCloseTo(
        -truncated / size,
        4,
      );
      tf.dispose(tensors);
    }
  });
});

describe('PPO objectives and diagnostics', () => {
  // ratios r = [1.5, 0.5, 1.1]: logπ = log r + logπ_old
  const old = [-1, -0.5, -2];
  const ratios = [1.5, 0.5, 1.1];
  const lp = ratios.map((r, i) => Math.log(r) + (old[i] as number));

  it('PPO-clip matches a hand-computed value', () => {
    // ε = 0.2, A = [1, −1, 2]: min(1.5, 1.2) = 1.2; min(−0.5, −0.8) = −0.8; min(2.2, 2.2) = 2.2 → −2.6/3
    const loss = ppoClipLoss({
      logProbs: t1(lp),
      oldLogProbs: t1(old),
      advantages: t1([1, -1, 2]),
      clipEpsilon: 0.2,
    });
    expect(value(loss)).toBeCloseTo(-2.6 / 3, 5);
  });

  it('the KL-penalty, clip + KL and clip + KL + entropy losses match hand-computed values', () => {
    const base = { logProbs: t1(lp), oldLogProbs: t1(old), advantages: t1([1, -1, 2]) };
    const kl = t1([0.1, 0.3, 0.2]);
    const entropy = t1([1, 2, 3]);
    // −mean(r·A) = −(1.5 − 0.5 + 2.2)/3 = −3.2/3; + ρ·mean(KL) = 2·0.2
    const penalty = ppoKlPenaltyLoss({ ...base, kl, klCoef: 2 });
    expect(value(penalty.loss)).toBeCloseTo(-3.2 / 3 + 0.4, 5);
    expect(value(penalty.policyLoss)).toBeCloseTo(-3.2 / 3, 5);
    expect(value(penalty.kl)).toBeCloseTo(0.2, 6);
    // L_clip + β·mean(KL) = −2.6/3 + 0.5·0.2
    const clipKl = ppoClipKlLoss({ ...base, clipEpsilon: 0.2, kl, klCoef: 0.5 });
    expect(value(clipKl.loss)).toBeCloseTo(-2.6 / 3 + 0.1, 5);
    tf.dispose([clipKl.policyLoss, clipKl.kl, penalty]);
    // − c·mean(H) = − 0.1·2
    const full = ppoClipKlEntropyLoss({
      ...base,
      clipEpsilon: 0.2,
      kl,
      klCoef: 0.5,
      entropy,
      entropyCoef: 0.1,
    });
    expect(value(full.loss)).toBeCloseTo(-2.6 / 3 + 0.1 - 0.2, 5);
    expect(value(full.entropy)).toBeCloseTo(2, 6);
    expect(value(full.policyLoss)).toBeCloseTo(-2.6 / 3, 5);
    tf.dispose([full, base, kl, entropy]);
  });

  it('approx KL and clip fraction match hand-computed values', () => {
    // (r − 1) − log r: r = 2 → 1 − ln 2; r = 0.5 → −0.5 + ln 2; mean = 0.25
    expect(
      value(approxKl({ logProbs: t1([Math.log(2), Math.log(0.5)]), oldLogProbs: t1([0, 0]) })),
    ).toBeCloseTo(0.25, 6);
    // |r − 1| > 0.2 for r = 1.5 and 0.5, not for 1.1
    expect(value(clipFraction({ logProbs: t1(lp), oldLogProbs: t1(old), clipEpsilon: 0.2 }))).toBeCloseTo(
      2 / 3,
      6,
    );
    expect(value(clipFraction({ logProbs: t1(lp), oldLogProbs: t1(old), clipEpsilon: 0.6 }))).toBe(0);
  });

  it('match float64 loops on random batches for several ε and coefficients', () => {
    const rng = new Rng(23);
    for (const eps of [0.05, 0.1, 0.2, 0.3]) {
      const b = randomBatch(rng, 1 + rng.integer(32));
      const klCoef = rng.random();
      const entropyCoef = rng.random() * 0.1;
      const clip = loopClipSurrogate(b.logProbs, b.oldLogProbs, b.advantages, eps);
      const ratio = b.logProbs.map((x, i) => Math.exp(x - (b.oldLogProbs[i] as number)));
      const surrogate = -mean(ratio.map((r, i) => r * (b.advantages[i] as number)));
      const inputs = {
        logProbs: t1(b.logProbs),
        oldLogProbs: t1(b.oldLogProbs),
        advantages: t1(b.advantages),
        kl: t1(b.kl),
        entropy: t1(b.entropy),
      };
      expect(value(ppoClipLoss({ ...inputs, clipEpsilon: eps }))).toBeCloseTo(clip, 5);
      const penalty = ppoKlPenaltyLoss({ ...inputs, klCoef });
      expect(value(penalty.loss)).toBeCloseTo(surrogate + klCoef * mean(b.kl), 5);
      const full = ppoClipKlEntropyLoss({ ...inputs, clipEpsilon: eps, klCoef, entropyCoef });
      expect(value(full.loss)).toBeCloseTo(clip + klCoef * mean(b.kl) - entropyCoef * mean(b.entropy), 5);
      const approx = mean(ratio.map((r) => r - 1 - Math.log(r)));
      expect(value(approxKl(inputs))).toBeCloseTo(approx, 5);
      const frac = mean(ratio.map((r) => (Math.abs(r - 1) > eps ? 1 : 0)));
      expect(value(clipFraction({ ...inputs, clipEpsilon: eps }))).toBeCloseTo(frac, 6);
      tf.dispose([penalty, full, inputs]);
    }
  });
});
