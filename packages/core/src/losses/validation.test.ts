import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArgumentError } from '../../test/argument-error';
import { a2cLoss } from './a2c';
import { clipFraction } from './diagnostics';
import { importanceSampledPgLoss, truncatedImportanceWeight } from './importance';
import { AdaptiveKlController } from './kl-controller';
import { ppoClipKlEntropyLoss, ppoClipLoss } from './ppo-clip';
import { ppoKlPenaltyLoss } from './ppo-kl';
import { reinforceLoss } from './reinforce';
import { valueLoss } from './value';

let lp: tf.Tensor1D;
let two: tf.Tensor1D;
let three: tf.Tensor1D;
let ints: tf.Tensor1D;
let matrix: tf.Tensor2D;
beforeAll(async () => {
  await tf.setBackend('cpu');
  lp = tf.tensor1d([-1, -2]);
  two = tf.tensor1d([1, 2]);
  three = tf.tensor1d([1, 2, 3]);
  ints = tf.tensor1d([1, 2], 'int32');
  matrix = tf.tensor2d([[1, 2]]);
});
afterAll(() => tf.dispose([lp, two, three, ints, matrix]));

describe('losses reject bad input, naming the argument', () => {
  it('mismatched shapes', () => {
    expectArgumentError(
      () => reinforceLoss({ logProbs: lp, returns: three }),
      'returns',
      'shape [2] (same as logProbs)',
    );
    expectArgumentError(
      () => valueLoss({ values: lp, targets: three }),
      'targets',
      'found a float32 tensor of shape [3]',
    );
    expectArgumentError(
      () => a2cLoss({ logProbs: lp, advantages: two, values: two, targets: two, entropy: three }),
      'entropy',
      'shape [3]',
    );
    expectArgumentError(
      () => ppoClipLoss({ logProbs: lp, oldLogProbs: three, advantages: two, clipEpsilon: 0.2 }),
      'oldLogProbs',
      'shape [2]',
    );
    expectArgumentError(
      () => ppoKlPenaltyLoss({ logProbs: lp, oldLogProbs: two, advantages: two, kl: three, klCoef: 1 }),
      'kl',
      'shape [3]',
    );
  });

  it('wrong rank or dtype', () => {
    expectArgumentError(
      () => reinforceLoss({ logProbs: matrix as unknown as tf.Tensor1D, returns: two }),
      'logProbs',
      'rank 1',
    );
    expectArgumentError(() => reinforceLoss({ logProbs: lp, returns: ints }), 'returns', 'int32 tensor');
    expectArgumentError(
      () =>
        importanceSampledPgLoss({
          logProbs: lp,
          behaviorLogProbs: lp,
          advantages: two,
          weighting: 'trajectory',
        }),
      'logProbs',
      'rank 2',
    );
    expectArgumentError(
      () => reinforceLoss({ logProbs: [1, 2] as unknown as tf.Tensor1D, returns: two }),
      'logProbs',
      'an array of length 2',
    );
  });

  it('ε ≤ 0 and other bad coefficients', () => {
    const base = { logProbs: lp, oldLogProbs: two, advantages: two };
    expectArgumentError(() => ppoClipLoss({ ...base, clipEpsilon: 0 }), 'clipEpsilon', '> 0');
    expectArgumentError(() => ppoClipLoss({ ...base, clipEpsilon: -0.1 }), 'clipEpsilon', '-0.1');
    expectArgumentError(
      () => clipFraction({ logProbs: lp, oldLogProbs: two, clipEpsilon: Number.NaN }),
      'clipEpsilon',
      'NaN',
    );
    expectArgumentError(
      () =>
        ppoClipKlEntropyLoss({
          ...base,
          clipEpsilon: 0.2,
          kl: two,
          klCoef: 1,
          entropy: two,
          entropyCoef: -1,
        }),
      'entropyCoef',
      '≥ 0',
    );
    expectArgumentError(
      () => ppoKlPenaltyLoss({ ...base, kl: two, klCoef: Number.POSITIVE_INFINITY }),
      'klCoef',
      'Infinity',
    );
    expectArgumentError(
      () =>
        a2cLoss({ logProbs: lp, advantages: two, values: two, targets: two, entropy: two, valueCoef: -0.5 }),
      'valueCoef',
      '-0.5',
    );
    expectArgumentError(
      () => truncatedImportanceWeight({ logProbs: matrix, behaviorLogProbs: matrix, maxWeight: 0 }),
      'maxWeight',
      '> 0',
    );
    expectArgumentError(
      () =>
        importanceSampledPgLoss({
          logProbs: matrix,
          behaviorLogProbs: matrix,
          advantages: matrix,
          weighting: 'truncated',
        }),
      'maxWeight',
      'undefined',
    );
    expectArgumentError(
      () =>
        importanceSampledPgLoss({
          logProbs: lp,
          behaviorLogProbs: lp,
          advantages: lp,
          weighting: 'both' as unknown as 'per-step',
        }),
      'weighting',
      "'per-step'",
    );
  });

  it('empty batches', () => {
    const empty = tf.tensor1d([]);
    expectArgumentError(
      () => reinforceLoss({ logProbs: empty, returns: empty }),
      'logProbs',
      'at least one sample',
    );
    empty.dispose();
  });

  it('the adaptive KL controller rejects bad settings and observations', () => {
    expectArgumentError(
      () => new AdaptiveKlController({ initialKlCoef: 0, targetKl: 0.01 }),
      'initialKlCoef',
      '> 0',
    );
    expectArgumentError(
      () => new AdaptiveKlController({ initialKlCoef: 1, targetKl: -1 }),
      'targetKl',
      '> 0',
    );
    const controller = new AdaptiveKlController({ initialKlCoef: 1, targetKl: 0.01 });
    expectArgumentError(() => controller.update(Number.NaN), 'observedKl', 'NaN');
  });
});

describe('AdaptiveKlController', () => {
  it('doubles ρ above 1.5·target, halves it below target/1.5, keeps it in between', () => {
    const controller = new AdaptiveKlController({ initialKlCoef: 1, targetKl: 0.01 });
    expect(controller.update(0.016)).toBe(2); // > 0.015
    expect(controller.update(0.015)).toBe(2); // boundary: not above
    expect(controller.update(0.01)).toBe(2);
    expect(controller.update(0.01 / 1.5)).toBe(2); // boundary: not below
    expect(controller.update(0.006)).toBe(1); // < 0.00667
    expect(controller.update(0)).toBe(0.5);
    expect(controller.klCoef).toBe(0.5);
  });
});
