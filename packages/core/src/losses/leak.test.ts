import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { leakedTensors } from './testing/tensor-leak';
import { valueLoss } from './value';

let v: tf.Tensor1D;
let w: tf.Tensor1D;
let m: tf.Tensor2D;
let variable: tf.Variable<tf.Rank.R1>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  v = tf.tensor1d([-1, -0.5, -2, -0.1]);
  w = tf.tensor1d([0.5, -1, 2, 0.3]);
  m = tf.tensor2d([
    [-1, -0.5],
    [-2, -0.1],
  ]);
  variable = tf.variable(tf.tensor1d([-1.1, -0.4, -2, -0.2]));
});
afterAll(() => tf.dispose([v, w, m, variable]));

describe('no tensor leaks', () => {
  it('the leak probe itself sees a leak', () => {
    expect(
      leakedTensors(() => {
        tf.scalar(1);
        return [];
      }),
    ).toBe(20);
  });

  const ppo = () => ({
    logProbs: v,
    oldLogProbs: w,
    advantages: w,
    kl: w,
    entropy: w,
    clipEpsilon: 0.2,
    klCoef: 0.5,
    entropyCoef: 0.01,
  });
  const calls: Record<string, () => tf.TensorContainer> = {
    reinforceLoss: () => reinforceLoss({ logProbs: v, returns: w }),
    valueLoss: () => valueLoss({ values: v, targets: w }),
    a2cLoss: () => a2cLoss({ logProbs: v, advantages: w, values: v, targets: w, entropy: w }),
    importanceRatio: () => importanceRatio({ logProbs: v, behaviorLogProbs: w }),
    trajectoryImportanceWeight: () => trajectoryImportanceWeight({ logProbs: m, behaviorLogProbs: m }),
    truncatedImportanceWeight: () =>
      truncatedImportanceWeight({ logProbs: m, behaviorLogProbs: m, maxWeight: 2 }),
    'importanceSampledPgLoss per-step': () =>
      importanceSampledPgLoss({ logProbs: v, behaviorLogProbs: w, advantages: w, weighting: 'per-step' }),
    'importanceSampledPgLoss truncated': () =>
      importanceSampledPgLoss({
        logProbs: m,
        behaviorLogProbs: m,
        advantages: m,
        weighting: 'truncated',
        maxWeight: 2,
      }),
    ppoKlPenaltyLoss: () => ppoKlPenaltyLoss(ppo()),
    ppoClipLoss: () => ppoClipLoss(ppo()),
    ppoClipKlLoss: () => ppoClipKlLoss(ppo()),
    ppoClipKlEntropyLoss: () => ppoClipKlEntropyLoss(ppo()),
    approxKl: () => approxKl(ppo()),
    clipFraction: () => clipFraction(ppo()),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} leaves no tensor behind`, () => {
      expect(leakedTensors(call)).toBe(0);
    });
  }

  it('an optimizer step on the PPO loss leaves the tensor count stable', () => {
    const optimizer = tf.train.adam(1e-3);
    const step = () => {
      optimizer.minimize(() => ppoClipKlEntropyLoss({ ...ppo(), logProbs: variable }).loss);
      return [];
    };
    expect(leakedTensors(step)).toBe(0);
    optimizer.dispose();
  });
});
