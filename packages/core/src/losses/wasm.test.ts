import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Categorical } from '../distributions/categorical';
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

describe('losses on the wasm backend', () => {
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
