import { describeValue } from './describe-value';
import { CoreArgumentError } from './errors';
import type { MaskArray, NumericArray } from './types';

function isArrayInput(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Checks that `value` is an array of finite numbers (optionally of a given length) and returns it. */
export function checkFiniteArray(argument: string, value: NumericArray, length?: number): NumericArray {
  if (!(Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array)) {
    throw new CoreArgumentError(argument, 'a Float32Array, Float64Array or number[]', describeValue(value));
  }
  if (length !== undefined && value.length !== length) {
    throw new CoreArgumentError(argument, `length ${length} (same as rewards)`, `length ${value.length}`);
  }
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new CoreArgumentError(argument, 'finite numbers', `${describeValue(x)} at index ${i}`);
    }
  }
  return value;
}

/** Checks a 0/1 (or boolean) mask of the given length and returns it as a Uint8Array. */
export function checkMask(argument: string, value: MaskArray, length: number): Uint8Array {
  if (!isArrayInput(value)) {
    throw new CoreArgumentError(argument, 'an array of 0/1 or booleans', describeValue(value));
  }
  if (value.length !== length) {
    throw new CoreArgumentError(argument, `length ${length} (same as rewards)`, `length ${value.length}`);
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const x = value[i];
    if (x === true || x === 1) out[i] = 1;
    else if (!(x === false || x === 0)) {
      throw new CoreArgumentError(argument, '0/1 or booleans', `${describeValue(x)} at index ${i}`);
    }
  }
  return out;
}

/** An all-zero mask, for optional masks left out. */
export function optionalMask(argument: string, value: MaskArray | undefined, length: number): Uint8Array {
  return value === undefined ? new Uint8Array(length) : checkMask(argument, value, length);
}

/** Checks a discount-like coefficient in [0, 1] (γ, λ). */
export function checkUnitInterval(argument: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new CoreArgumentError(argument, 'a number in [0, 1]', describeValue(value));
  }
  return value;
}

/** Checks `numEnvs` (a positive integer dividing `length`) and returns the number of steps T. */
export function checkLayout(
  numEnvs: number | undefined,
  length: number,
): { numEnvs: number; numSteps: number } {
  const n = numEnvs ?? 1;
  if (!Number.isInteger(n) || n < 1) {
    throw new CoreArgumentError('numEnvs', 'a positive integer', describeValue(numEnvs));
  }
  if (length % n !== 0) {
    throw new CoreArgumentError(
      'rewards',
      `a length divisible by numEnvs = ${n} (T × N layout)`,
      `length ${length}`,
    );
  }
  return { numEnvs: n, numSteps: length / n };
}
