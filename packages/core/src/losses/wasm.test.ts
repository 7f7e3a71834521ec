import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Categorical } from '../distributions/categorical';
import { DiagGaussian } from '../distributions/diag-gaussian';
import { a2cLoss } from './a2c';
import { importanceSampledPgLoss } from './importance';
import { ppoClipKlEntropyLoss } from './ppo-clip';

/** PPO clip + KL + entropy through a Categorical policy head: loss value and gradient w.r.t. the logits. */
function lossAndGradient(): { loss: number; gradient: number[]; samples: number[] } {
  const logitsData = [
    [0.2, -0.4, 1.1],
    [1.5, 0.3, -0.2],
    [-1, 0, 1],
  ];
  const old = new Categorical(tf.tensor2d(logitsData.map((row) => row.map((x) => x * 0.8))));
  const actions = [2, 0, 1];
  const logits = tf.variable(tf.tensor2d(logitsData));
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(() => {
      const current = new Categorical(logits);
      return ppoClipKlEntropyLoss({
        logProbs: current.logProb(actions),
        oldLogProbs: old.logProb(actions),
        advantages: tf.tensor1d([1, -0.5, 2]),
        clipEpsilon: 0.2,
        kl: old.kl(current),
        klCoef: 0.5,
        entropy: current.entropy(),
        entropyCoef: 0.01,
      }).loss;
    }, [logits]),
  );
  const out = {
    loss: value.dataSync()[0] as number,
    gradient: Array.from(Object.values(grads)[0]?.dataSync() ?? []),
    samples: Array.from(new Categorical(logits).sample(new Rng(7))),
  };
  tf.dispose([value, grads, logits, old.logits]);
  return out;
}

/** A2C and truncated IS-PG through a Gaussian policy head: loss values and gradients w.r.t. mean and log-std. */
function gaussianLosses(): number[] {
  const mean = tf.variable(
    tf.tensor2d([
      [0.1, -0.3],
      [0.5, 0.2],
      [-1, 0.4],
    ]),
  );
  const logStd = tf.variable(tf.tensor1d([-0.2, 0.3]));
  const actions = [0.2, -0.1, 0.3, 0.6, -0.8, 0];
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(() => {
      const dist = new DiagGaussian(mean, logStd);
      const old = new DiagGaussian(
        tf.tensor2d([
          [0, 0],
          [0.4, 0.1],
          [-0.9, 0.5],
        ]),
        tf.tensor1d([0, 0.2]),
      );
      const logProbs = dist.logProb(actions);
      const a2c = a2cLoss({
        logProbs,
        advantages: tf.tensor1d([0.5, -1, 2]),
        values: tf.tensor1d([0.1, 0.2, 0.3]),
        targets: tf.tensor1d([1, 0, -1]),
        entropy: dist.entropy(),
      }).loss;
      const isPg = importanceSampledPgLoss({
        logProbs: tf.reshape(logProbs, [1, 3]),
        behaviorLogProbs: tf.reshape(old.logProb(actions), [1, 3]),
        advantages: tf.tensor2d([[1, 2, -1]]),
        weighting: 'truncated',
        maxWeight: 1.5,
      });
      return tf.add(tf.add(a2c, isPg), tf.mean(dist.kl(old))) as tf.Scalar;
    }, [mean, logStd]),
  );
  const out = [
    value.dataSync()[0] as number,
    ...Object.values(grads).flatMap((g) => Array.from(g.dataSync())),
  ];
  const draws = Array.from(new DiagGaussian(mean, logStd).sample(new Rng(3)));
  tf.dispose([value, grads, mean, logStd]);
  return [...out, ...draws];
}

describe('losses on the wasm backend', () => {
  it('give the same Gaussian-policy losses, gradients and seeded samples as on cpu', async () => {
    await tf.setBackend('cpu');
    const onCpu = gaussianLosses();
    expect(await tf.setBackend('wasm')).toBe(true);
    const onWasm = gaussianLosses();
    expect(onWasm).toHaveLength(1 + 6 + 2 + 6);
    for (const [i, x] of onWasm.entries()) expect(x).toBeCloseTo(onCpu[i] as number, 5);
  });

  it('give the same loss, gradient and seeded samples as on cpu', async () => {
    await tf.setBackend('cpu');
    const onCpu = lossAndGradient();
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    const onWasm = lossAndGradient();
    expect(onWasm.loss).toBeCloseTo(onCpu.loss, 5);
    expect(onWasm.gradient).toHaveLength(9);
    for (const [i, g] of onWasm.gradient.entries()) expect(g).toBeCloseTo(onCpu.gradient[i] as number, 5);
    expect(onWasm.samples).toEqual(onCpu.samples);
  });
});
