import { describeGot, formatNumber } from './describe-got';
import type { CheckValue, Comparison, Tolerance } from './types';

/** Whether `got` is within `|got − expected| ≤ abs + rel·|expected|`. */
export function withinTolerance(expected: number, got: number, tolerance: Tolerance): boolean {
  return Math.abs(got - expected) <= tolerance.abs + tolerance.rel * Math.abs(expected);
}

function describeTolerance(tolerance: Tolerance): string {
  return `tolerance ${tolerance.abs} + ${tolerance.rel}·|expected|`;
}

/** Why one element is not a usable number, or null when it is a finite number. */
function elementProblem(x: unknown): string | null {
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return 'is NaN';
    if (!Number.isFinite(x)) return `is ${formatNumber(x)}`;
    return null;
  }
  return `is ${describeGot(x)}, expected a number`;
}

/** A student's array as a plain array (typed arrays accepted), or null when it is not an array. */
function asArray(got: unknown): unknown[] | null {
  if (Array.isArray(got)) return got;
  if (ArrayBuffer.isView(got) && !(got instanceof DataView))
    return Array.from(got as unknown as ArrayLike<unknown>);
  return null;
}

/**
 * Checks the shape and type of `got` against `expected` (a number, or an array of numbers) and
 * compares element-wise within `tolerance`; never throws.
 */
export function compareValues(expected: CheckValue, got: unknown, tolerance: Tolerance): Comparison {
  if (typeof expected === 'number') {
    const problem = elementProblem(got);
    if (problem !== null) {
      const found = typeof got === 'number' ? problem.replace(/^is /, '') : describeGot(got);
      return { passed: false, message: `expected a number, found ${found}` };
    }
    const value = got as number;
    if (withinTolerance(expected, value, tolerance)) return { passed: true, message: 'correct' };
    return {
      passed: false,
      mismatchIndex: -1,
      message: `expected ${formatNumber(expected)}, got ${formatNumber(value)} (${describeTolerance(tolerance)})`,
    };
  }
  const array = asArray(got);
  const want = `an array of ${expected.length} number${expected.length === 1 ? '' : 's'}`;
  if (array === null) return { passed: false, message: `expected ${want}, found ${describeGot(got)}` };
  if (array.length !== expected.length) {
    return { passed: false, message: `expected ${want}, found an array of ${array.length}` };
  }
  for (let i = 0; i < array.length; i++) {
    const problem = elementProblem(array[i]);
    if (problem !== null) return { passed: false, message: `element ${i} ${problem}` };
  }
  let first = -1;
  let wrong = 0;
  for (let i = 0; i < array.length; i++) {
    if (!withinTolerance(expected[i] as number, array[i] as number, tolerance)) {
      if (first < 0) first = i;
      wrong++;
    }
  }
  if (first < 0) return { passed: true, message: 'correct' };
  const e = expected[first] as number;
  const g = array[first] as number;
  return {
    passed: false,
    mismatchIndex: first,
    message:
      `element ${first}: expected ${formatNumber(e)}, got ${formatNumber(g)} (${describeTolerance(tolerance)}); ` +
      `${wrong} of ${array.length} elements differ`,
  };
}
