import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { CoreArgumentError } from '../src/returns/errors';

/**
 * Runs `fn` and expects a CoreArgumentError naming `argument` whose message contains `fragment` (were
 * `fn` to return tensors instead, they are freed before the expectation fails).
 */
export function expectArgumentError(fn: () => unknown, argument: string, fragment: string): void {
  let caught: unknown;
  try {
    tf.dispose(fn() as tf.TensorContainer);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CoreArgumentError);
  expect((caught as CoreArgumentError).argument).toBe(argument);
  expect((caught as CoreArgumentError).message).toContain(fragment);
}
