import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArgumentError } from '../../test/argument-error';
import { compareGradient, gradientError } from '../losses/testing/finite-difference';
import { leakedTensors } from '../losses/testing/tensor-leak';
import { Categorical } from './categorical';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** float64 softmax of one row (the independent reference). */
function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

const LOGITS = [
  [0, 1, 2],
  [3, 3, 3],
  [-1, 4, 0.5],
];
const OTHER = [
  [0.5, 0, -1],
  [1, 2, 3],
  [0, 0, 0],
];

function read(x: tf.Tensor): number[] {
  const out = Array.from(x.dataSync());
  x.dispose();
  return out;
}

describe('Categorical', () => {
  it('logProb, entropy and KL match closed forms', () => {
    const p = new Categorical(tf.tensor2d(LOGITS));
    const q = new Categorical(tf.tensor2d(OTHER));
    const actions = [2, 0, 1];
    const logProb = read(p.logProb(actions));
    const entropy = read(p.entropy());
    const kl = read(p.kl(q));
    LOGITS.forEach((row, b) => {
      const pr = softmax(row);
      const qr = softmax(OTHER[b] as number[]);
      expect(logProb[b]).toBeCloseTo(Math.log(pr[actions[b] as number] as number), 5);
      expect(entropy[b]).toBeCloseTo(-pr.reduce((s, x) => s + x * Math.log(x), 0), 5);
      expect(kl[b]).toBeCloseTo(
        pr.reduce((s, x, k) => s + x * Math.log(x / (qr[k] as number)), 0),
        5,
      );
    });
    // hand values: uniform over 3 → entropy ln 3, log-prob −ln 3; KL(p‖p) = 0
    expect(entropy[1]).toBeCloseTo(Math.log(3), 6);
    expect(logProb[1]).toBeCloseTo(-Math.log(3), 6);
    expect(read(p.kl(p)).every((x) => Math.abs(x) < 1e-6)).toBe(true);
    tf.dispose([p.logits, q.logits]);
  });

  it('is numerically stable for huge logits (no NaN, no log(0))', () => {
    const p = new Categorical(tf.tensor2d([[1000, 0, -1000]]));
    const q = new Categorical(tf.tensor2d([[0, 1000, 0]]));
    expect(read(p.logProb([0]))[0]).toBeCloseTo(0, 6);
    expect(read(p.logProb([2]))[0]).toBeCloseTo(-2000, 1);
    expect(read(p.entropy())[0]).toBeCloseTo(0, 6);
    expect(read(p.kl(q))[0]).toBeCloseTo(1000, 1);
    tf.dispose([p.logits, q.logits]);
  });

  it('masks an action with a large negative logit: probability 0, finite entropy and KL, never sampled', () => {
    const p = new Categorical(tf.tensor2d([[0, -1e9, 0]]));
    const q = new Categorical(tf.tensor2d([[1, -1e9, 0]]));
    expect(read(p.entropy())[0]).toBeCloseTo(Math.log(2), 6);
    expect(read(p.logProb([1]))[0]).toBeLessThan(-1e8);
    const pq = softmax([1, 0]);
    expect(read(p.kl(q))[0]).toBeCloseTo(
      0.5 * Math.log(0.5 / (pq[0] as number)) + 0.5 * Math.log(0.5 / (pq[1] as number)),
      6,
    );
    const rng = new Rng(44);
    for (let i = 0; i < 200; i++) expect(p.sample(rng)[0]).not.toBe(1);
    tf.dispose([p.logits, q.logits]);
  });

  it('mode is the argmax; logProb accepts an int32 tensor', () => {
    const p = new Categorical(tf.tensor2d(LOGITS));
    const mode = p.mode();
    expect(mode.dtype).toBe('int32');
    expect(Array.from(mode.dataSync())).toEqual([2, 0, 1]);
    expect(read(p.logProb(mode as tf.Tensor1D))).toEqual(read(p.logProb([2, 0, 1])));
    tf.dispose([mode, p.logits]);
  });

  it('samples each category with frequency within a binomial bound, seeded and reproducible', () => {
    const n = 20_000;
    const row = [0.2, -1, 1.3, 0];
    const p = new Categorical(tf.tensor2d(Array.from({ length: n }, () => row)));
    const draws = p.sample(new Rng(41));
    expect(draws).toEqual(p.sample(new Rng(41)));
    expect(draws).not.toEqual(p.sample(new Rng(42)));
    const probs = softmax(row);
    probs.forEach((pk, k) => {
      const count = draws.filter((a) => a === k).length;
      // 5 binomial standard deviations: a false alarm has probability < 1e-6 per category
      expect(Math.abs(count - n * pk)).toBeLessThan(5 * Math.sqrt(n * pk * (1 - pk)));
    });
    p.logits.dispose();
  });

  it('KL matches a Monte Carlo estimate E_p[log p(a) − log q(a)]', () => {
    const n = 20_000;
    const pRow = [0.5, -0.3, 1.2, 0];
    const qRow = [0, 0.4, 0.1, -0.8];
    const p = new Categorical(tf.tensor2d(Array.from({ length: n }, () => pRow)));
    const q = new Categorical(tf.tensor2d(Array.from({ length: n }, () => qRow)));
    const actions = p.sample(new Rng(43));
    const terms = tf.tidy(() => tf.sub(p.logProb(actions), q.logProb(actions)));
    const samples = read(terms);
    const mcMean = samples.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mcMean) ** 2, 0) / (n - 1));
    const exact = read(p.kl(q))[0] as number;
    expect(Math.abs(mcMean - exact)).toBeLessThan((5 * sd) / Math.sqrt(n));
    tf.dispose([p.logits, q.logits]);
  });

  it('gradients of logProb, entropy and KL w.r.t. the logits match finite differences', () => {
    const flat = LOGITS.flat();
    const q = tf.tensor2d(OTHER);
    const fns: Array<(x: tf.Tensor) => tf.Scalar> = [
      (x) => tf.sum(tf.mul(new Categorical(x as tf.Tensor2D).logProb([2, 0, 1]), tf.tensor1d([1, -2, 0.5]))),
      (x) => tf.sum(tf.mul(new Categorical(x as tf.Tensor2D).entropy(), tf.tensor1d([1, 0.5, -1]))),
      (x) => tf.sum(new Categorical(x as tf.Tensor2D).kl(new Categorical(q))),
      (x) => tf.sum(new Categorical(q).kl(new Categorical(x as tf.Tensor2D))),
    ];
    for (const f of fns) expect(gradientError(compareGradient(f, flat, [3, 3]))).toBeLessThan(2e-4);
    q.dispose();
  });

  it('leaks no tensors', () => {
    const logits = tf.tensor2d(LOGITS);
    const other = tf.tensor2d(OTHER);
    const p = new Categorical(logits);
    const q = new Categorical(other);
    const actions = tf.tensor1d([0, 1, 2], 'int32');
    expect(
      leakedTensors(() => [p.logProb([0, 1, 2]), p.logProb(actions), p.entropy(), p.kl(q), p.mode()]),
    ).toBe(0);
    expect(leakedTensors(() => [p.logProbs(), p.probs()])).toBe(0);
    expect(
      leakedTensors(() => {
        p.sample(new Rng(1));
        return [];
      }),
    ).toBe(0);
    tf.dispose([logits, other, actions]);
  });

  it('rejects bad logits, actions and KL partners, naming the argument', () => {
    const logits = tf.tensor2d(LOGITS);
    const p = new Categorical(logits);
    const v = tf.tensor1d([1, 2, 3]);
    expectArgumentError(() => new Categorical(v as unknown as tf.Tensor2D), 'logits', 'rank 2');
    expectArgumentError(() => p.logProb([0, 1]), 'actions', 'length 3');
    expectArgumentError(() => p.logProb([0, 3, 1]), 'actions', '3 at index 1');
    expectArgumentError(() => p.logProb([0, 1.5, 1]), 'actions', 'integers in [0, 3)');
    expectArgumentError(() => p.logProb(v as tf.Tensor1D), 'actions', 'found a float32 tensor of shape [3]');
    const wrongShape = tf.tensor1d([0, 1], 'int32');
    expectArgumentError(() => p.logProb(wrongShape), 'actions', 'int32 tensor of shape [3]');
    const other = tf.tensor2d([[0, 1]]);
    expectArgumentError(() => p.kl(new Categorical(other)), 'other', 'shape [1, 2]');
    const nan = tf.tensor2d([
      [0, 1],
      [Number.NaN, 0],
    ]);
    expectArgumentError(() => new Categorical(nan).sample(new Rng(1)), 'logits', 'NaN in row 1');
    tf.dispose([logits, v, wrongShape, other, nan]);
  });
});
