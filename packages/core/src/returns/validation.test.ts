import { describe, expect, it } from 'vitest';
import { discountedReturns } from './discounted';
import { CoreArgumentError } from './errors';
import { computeGae } from './gae';
import { normalizeAdvantages } from './normalize';
import { nStepReturns } from './nstep';
import { a2cAdvantages, nextValuesFromRollout, tdTargets } from './td';

/** Runs `fn`, expects a CoreArgumentError naming `argument` whose message contains `fragment`. */
function expectArgumentError(fn: () => unknown, argument: string, fragment: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CoreArgumentError);
  const error = caught as CoreArgumentError;
  expect(error.argument).toBe(argument);
  expect(error.message).toContain(argument);
  expect(error.message).toContain(fragment);
}

const gae = {
  rewards: [1, 2],
  values: [0, 0],
  nextValues: [0, 0],
  terminated: [0, 0],
  gamma: 0.9,
  lambda: 0.95,
};

describe('returns and advantages reject bad input', () => {
  it('rejects NaN and infinite rewards, naming the index', () => {
    expectArgumentError(
      () => discountedReturns({ rewards: [1, Number.NaN], gamma: 0.9 }),
      'rewards',
      'NaN at index 1',
    );
    expectArgumentError(
      () => computeGae({ ...gae, rewards: [Number.POSITIVE_INFINITY, 0] }),
      'rewards',
      'Infinity at index 0',
    );
    expectArgumentError(
      () =>
        tdTargets({
          rewards: new Float32Array([0, Number.NEGATIVE_INFINITY]),
          nextValues: [0, 0],
          terminated: [0, 0],
          gamma: 1,
        }),
      'rewards',
      '-Infinity',
    );
  });

  it('rejects non-finite values', () => {
    expectArgumentError(() => computeGae({ ...gae, values: [0, Number.NaN] }), 'values', 'NaN at index 1');
    expectArgumentError(
      () => computeGae({ ...gae, nextValues: [Number.NaN, 0] }),
      'nextValues',
      'NaN at index 0',
    );
  });

  it('rejects mismatched lengths, naming the argument and both lengths', () => {
    expectArgumentError(() => computeGae({ ...gae, values: [0] }), 'values', 'length 2');
    expectArgumentError(() => computeGae({ ...gae, nextValues: [0, 0, 0] }), 'nextValues', 'found length 3');
    expectArgumentError(() => computeGae({ ...gae, terminated: [0] }), 'terminated', 'length 1');
    expectArgumentError(() => computeGae({ ...gae, truncated: [0, 0, 1] }), 'truncated', 'length 3');
    expectArgumentError(
      () => discountedReturns({ rewards: [1, 2], dones: [1], gamma: 0.9 }),
      'dones',
      'length 1',
    );
    expectArgumentError(
      () => a2cAdvantages({ rewards: [1, 2], nextValues: [0, 0], terminated: [0, 0], values: [0], gamma: 1 }),
      'values',
      'length 1',
    );
    expectArgumentError(
      () => nextValuesFromRollout({ values: [1, 2], lastValues: [1, 2], numEnvs: 1 }),
      'lastValues',
      'length 2',
    );
  });

  it('rejects γ and λ outside [0, 1]', () => {
    expectArgumentError(() => discountedReturns({ rewards: [1], gamma: 1.01 }), 'gamma', '1.01');
    expectArgumentError(() => discountedReturns({ rewards: [1], gamma: -0.1 }), 'gamma', '[0, 1]');
    expectArgumentError(() => computeGae({ ...gae, gamma: Number.NaN }), 'gamma', 'NaN');
    expectArgumentError(() => computeGae({ ...gae, lambda: 2 }), 'lambda', 'found 2');
    expectArgumentError(
      () => tdTargets({ rewards: [1], nextValues: [1], terminated: [0], gamma: 5 }),
      'gamma',
      '5',
    );
    expectArgumentError(
      () => nStepReturns({ rewards: [1], nextValues: [1], terminated: [0], gamma: -1, n: 1 }),
      'gamma',
      '-1',
    );
  });

  it('rejects masks that are not 0/1 and a bad n or numEnvs', () => {
    expectArgumentError(() => computeGae({ ...gae, terminated: [0, 2] }), 'terminated', '2 at index 1');
    expectArgumentError(
      () => nStepReturns({ rewards: [1], nextValues: [1], terminated: [0], gamma: 1, n: 0 }),
      'n',
      'positive integer',
    );
    expectArgumentError(
      () => nStepReturns({ rewards: [1], nextValues: [1], terminated: [0], gamma: 1, n: 1.5 }),
      'n',
      '1.5',
    );
    expectArgumentError(() => computeGae({ ...gae, numEnvs: 0 }), 'numEnvs', 'positive integer');
    expectArgumentError(
      () => discountedReturns({ rewards: [1, 2, 3], gamma: 1, numEnvs: 2 }),
      'rewards',
      'divisible',
    );
  });

  it('rejects non-array inputs and a bad epsilon', () => {
    expectArgumentError(
      () => discountedReturns({ rewards: 'abc' as unknown as number[], gamma: 1 }),
      'rewards',
      'Float32Array',
    );
    expectArgumentError(() => normalizeAdvantages({ advantages: [1], epsilon: 0 }), 'epsilon', '> 0');
  });
});
