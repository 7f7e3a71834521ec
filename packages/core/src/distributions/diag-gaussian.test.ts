import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArgumentError } from '../../test/argument-error';
import { compareGradient, gradientError } from '../losses/testing/finite-difference';
import { leakedTensors } from '../losses/testing/tensor-leak';
import { DiagGaussian } from './diag-gaussian';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function read(x: tf.Tensor): number[] {
  const out = Array.from(x.dataSync());
  x.dispose();
  return out;
}

const MEAN = [
  [0, 1],
  [-0.5, 2],
];
const LOG_STD = [0.3, -0.7];
const OTHER_MEAN = [
  [0.4, 0.2],
  [1, 1],
];
const OTHER_LOG_STD = [
  [-0.2, 0.1],
  [0.5, -0.3],
];

/** Normal density, the independent float64 reference. */
const logNormalPdf = (x: number, mu: number, sigma: number) =>
  -((x - mu) ** 2) / (2 * sigma * sigma) - Math.log(sigma * Math.sqrt(2 * Math.PI));

/** KL of diagonal Gaussians in matrix form: ½(tr(Σq⁻¹Σp) + Δᵀ Σq⁻¹ Δ − k + ln(det Σq / det Σp)). */
function klDiag(mp: number[], sp: number[], mq: number[], sq: number[]): number {
  let trace = 0;
  let quad = 0;
  let logDetRatio = 0;
  for (let d = 0; d < mp.length; d++) {
    const vp = (sp[d] as number) ** 2;
    const vq = (sq[d] as number) ** 2;
    trace += vp / vq;
    quad += ((mq[d] as number) - (mp[d] as number)) ** 2 / vq;
    logDetRatio += Math.log(vq / vp);
  }
  return 0.5 * (trace + quad - mp.length + logDetRatio);
}

describe('DiagGaussian', () => {
  it('logProb, entropy and KL match closed forms, with a shared [D] and a per-row [B, D] log-std', () => {
    const mean = tf.tensor2d(MEAN);
    const logStd = tf.tensor1d(LOG_STD);
    const otherMean = tf.tensor2d(OTHER_MEAN);
    const otherLogStd = tf.tensor2d(OTHER_LOG_STD);
    const p = new DiagGaussian(mean, logStd);
    const q = new DiagGaussian(otherMean, otherLogStd);
    const actions = [0.3, 0.5, 1, 2.5];
    const logProb = read(p.logProb(actions));
    const logProbQ = read(q.logProb(new Float32Array(actions)));
    const entropy = read(p.entropy());
    const entropyQ = read(q.entropy());
    const kl = read(p.kl(q));
    const klQP = read(q.kl(p));
    for (let b = 0; b < 2; b++) {
      const mp = MEAN[b] as number[];
      const mq = OTHER_MEAN[b] as number[];
      const sp = LOG_STD.map(Math.exp);
      const sq = (OTHER_LOG_STD[b] as number[]).map(Math.exp);
      const a = actions.slice(2 * b, 2 * b + 2);
      expect(logProb[b]).toBeCloseTo(
        a.reduce((s, x, d) => s + logNormalPdf(x, mp[d] as number, sp[d] as number), 0),
        5,
      );
      expect(logProbQ[b]).toBeCloseTo(
        a.reduce((s, x, d) => s + logNormalPdf(x, mq[d] as number, sq[d] as number), 0),
        5,
      );
      // H = ½·ln((2πe)^k·det Σ)
      const entropyOf = (s: number[]) =>
        0.5 * Math.log((2 * Math.PI * Math.E) ** 2 * (s[0] as number) ** 2 * (s[1] as number) ** 2);
      expect(entropy[b]).toBeCloseTo(entropyOf(sp), 5);
      expect(entropyQ[b]).toBeCloseTo(entropyOf(sq), 5);
      expect(kl[b]).toBeCloseTo(klDiag(mp, sp, mq, sq), 5);
      expect(klQP[b]).toBeCloseTo(klDiag(mq, sq, mp, sp), 5);
    }
    // hand value: standard normal at 0 → −½ ln 2π per dimension
    const std = new DiagGaussian(tf.zeros([1, 1]) as tf.Tensor2D, tf.zeros([1]) as tf.Tensor1D);
    expect(read(std.logProb([0]))[0]).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 6);
    expect(read(std.kl(std))[0]).toBeCloseTo(0, 6);
    tf.dispose([mean, logStd, otherMean, otherLogStd, std.mean, std.logStd]);
  });

  it('mode is the mean; logProb accepts a [B, D] tensor', () => {
    const p = new DiagGaussian(tf.tensor2d(MEAN), tf.tensor1d(LOG_STD));
    const mode = p.mode();
    expect(read(mode)).toEqual(MEAN.flat());
    const a = tf.tensor2d([
      [0.3, 0.5],
      [1, 2.5],
    ]);
    expect(read(p.logProb(a))).toEqual(read(p.logProb([0.3, 0.5, 1, 2.5])));
    tf.dispose([a, p.mean, p.logStd]);
  });

  it('samples have the right mean and variance (seeded, reproducible)', () => {
    const n = 20_000;
    const mu = [1.5, -2];
    const logStd = [0.5, -1];
    const p = new DiagGaussian(tf.tensor2d(Array.from({ length: n }, () => mu)), tf.tensor1d(logStd));
    const draws = p.sample(new Rng(51));
    expect(draws).toEqual(p.sample(new Rng(51)));
    expect(draws).toHaveLength(2 * n);
    for (let d = 0; d < 2; d++) {
      const xs = Array.from({ length: n }, (_, i) => draws[2 * i + d] as number);
      const m = xs.reduce((a, b) => a + b, 0) / n;
      const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
      const sigma = Math.exp(logStd[d] as number);
      expect(Math.abs(m - (mu[d] as number))).toBeLessThan((5 * sigma) / Math.sqrt(n));
      // var of the sample variance ≈ 2σ⁴/(n − 1)
      expect(Math.abs(v - sigma ** 2)).toBeLessThan(5 * sigma ** 2 * Math.sqrt(2 / (n - 1)));
    }
    tf.dispose([p.mean, p.logStd]);
  });

  it('KL matches a Monte Carlo estimate E_p[log p(a) − log q(a)]', () => {
    const n = 20_000;
    const p = new DiagGaussian(
      tf.tensor2d(Array.from({ length: n }, () => [0.3, -0.2])),
      tf.tensor1d([0.2, -0.4]),
    );
    const q = new DiagGaussian(tf.tensor2d(Array.from({ length: n }, () => [0, 0.5])), tf.tensor1d([0, 0.1]));
    const actions = p.sample(new Rng(52));
    const samples = read(tf.tidy(() => tf.sub(p.logProb(actions), q.logProb(actions))));
    const mcMean = samples.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mcMean) ** 2, 0) / (n - 1));
    const exact = read(p.kl(q))[0] as number;
    expect(exact).toBeGreaterThan(0.1);
    expect(Math.abs(mcMean - exact)).toBeLessThan((5 * sd) / Math.sqrt(n));
    tf.dispose([p.mean, p.logStd, q.mean, q.logStd]);
  });

  it('gradients w.r.t. the mean and the log-std match finite differences', () => {
    const actions = [0.3, 0.5, 1, 2.5];
    const weights = tf.tensor1d([1, -0.7]);
    const fixedMean = tf.tensor2d(MEAN);
    const fixedLogStd = tf.tensor1d(LOG_STD);
    const q = new DiagGaussian(tf.tensor2d(OTHER_MEAN), tf.tensor2d(OTHER_LOG_STD));
    const checks: Array<[(x: tf.Tensor) => tf.Scalar, number[], number[]]> = [
      [
        (x) => tf.sum(tf.mul(new DiagGaussian(x as tf.Tensor2D, fixedLogStd).logProb(actions), weights)),
        MEAN.flat(),
        [2, 2],
      ],
      [
        (x) => tf.sum(tf.mul(new DiagGaussian(fixedMean, x as tf.Tensor1D).logProb(actions), weights)),
        LOG_STD,
        [2],
      ],
      [(x) => tf.sum(tf.mul(new DiagGaussian(fixedMean, x as tf.Tensor1D).entropy(), weights)), LOG_STD, [2]],
      [(x) => tf.sum(new DiagGaussian(x as tf.Tensor2D, fixedLogStd).kl(q)), MEAN.flat(), [2, 2]],
      [(x) => tf.sum(new DiagGaussian(fixedMean, x as tf.Tensor1D).kl(q)), LOG_STD, [2]],
      [(x) => tf.sum(q.kl(new DiagGaussian(fixedMean, x as tf.Tensor1D))), LOG_STD, [2]],
      // per-row log-std [B, D]
      [
        (x) => tf.sum(tf.mul(new DiagGaussian(fixedMean, x as tf.Tensor2D).logProb(actions), weights)),
        OTHER_LOG_STD.flat(),
        [2, 2],
      ],
      [
        (x) => tf.sum(tf.mul(new DiagGaussian(fixedMean, x as tf.Tensor2D).entropy(), weights)),
        OTHER_LOG_STD.flat(),
        [2, 2],
      ],
      [(x) => tf.sum(new DiagGaussian(fixedMean, x as tf.Tensor2D).kl(q)), OTHER_LOG_STD.flat(), [2, 2]],
    ];
    for (const [f, point, shape] of checks)
      expect(gradientError(compareGradient(f, point, shape))).toBeLessThan(2e-4);
    tf.dispose([weights, fixedMean, fixedLogStd, q.mean, q.logStd]);
  });

  it('leaks no tensors', () => {
    const p = new DiagGaussian(tf.tensor2d(MEAN), tf.tensor1d(LOG_STD));
    const q = new DiagGaussian(tf.tensor2d(OTHER_MEAN), tf.tensor2d(OTHER_LOG_STD));
    const a = tf.tensor2d(OTHER_MEAN);
    expect(
      leakedTensors(() => [p.logProb([0, 0, 0, 0]), p.logProb(a), p.entropy(), p.kl(q), q.kl(p), p.mode()]),
    ).toBe(0);
    tf.dispose([p.mean, p.logStd, q.mean, q.logStd, a]);
  });

  it('rejects bad parameters, actions and KL partners, naming the argument', () => {
    const mean = tf.tensor2d(MEAN);
    const logStd = tf.tensor1d(LOG_STD);
    const badStd = tf.tensor1d([0, 0, 0]);
    const p = new DiagGaussian(mean, logStd);
    expectArgumentError(() => new DiagGaussian(mean, badStd), 'logStd', 'shape [2] or [2, 2]');
    expectArgumentError(() => new DiagGaussian(logStd as unknown as tf.Tensor2D, logStd), 'mean', 'rank 2');
    expectArgumentError(() => p.logProb([0, 0, 0]), 'actions', 'length B × D = 4');
    expectArgumentError(() => p.logProb([0, Number.NaN, 0, 0]), 'actions', 'NaN at index 1');
    const wrong = tf.tensor2d([[1, 2, 3]]);
    expectArgumentError(() => p.logProb(wrong), 'actions', 'float32 tensor of shape [2, 2]');
    const intActions = tf.tensor2d(MEAN, [2, 2], 'int32');
    expectArgumentError(() => p.logProb(intActions), 'actions', 'found a int32 tensor');
    expectArgumentError(
      () => p.kl(new DiagGaussian(wrong, tf.zeros([3]) as tf.Tensor1D)),
      'other',
      'shape [1, 3]',
    );
    const nanMean = tf.tensor2d([[0, Number.NaN]]);
    const zeros = tf.zeros([2]) as tf.Tensor1D;
    expectArgumentError(
      () => new DiagGaussian(nanMean, zeros).sample(new Rng(1)),
      'mean',
      'NaN at row 0, dimension 1',
    );
    const hugeStd = tf.tensor1d([0, 1e6]);
    expectArgumentError(() => new DiagGaussian(mean, hugeStd).sample(new Rng(1)), 'logStd', 'Infinity');
    tf.dispose([mean, logStd, badStd, wrong, intActions, nanMean, zeros, hugeStd]);
  });
});
