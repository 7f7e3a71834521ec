import { describe, expect, it } from 'vitest';
import { compareValues } from './compare';
import { getCheck } from './index';

const TOL = { abs: 1e-5, rel: 1e-4 };
const SEVEN = [1, 2, 3, 4, 5, 6, 7];

describe('compareValues: shape and type validation of what a student returned', () => {
  it('names a wrong length', () => {
    expect(compareValues(SEVEN, [1, 2, 3, 4, 5, 6], TOL)).toEqual({
      passed: false,
      message: 'expected an array of 7 numbers, found an array of 6',
    });
    expect(compareValues([], [0], TOL).message).toBe('expected an array of 0 numbers, found an array of 1');
    expect(compareValues([2], [], TOL).message).toBe('expected an array of 1 number, found an array of 0');
  });

  it('names the first bad element: NaN, Infinity, string, nested array, null, boolean, undefined', () => {
    const bad = (i: number, x: unknown) => {
      const got: unknown[] = [...SEVEN];
      got[i] = x;
      return compareValues(SEVEN, got, TOL).message;
    };
    expect(bad(3, Number.NaN)).toBe('element 3 is NaN');
    expect(bad(0, Number.POSITIVE_INFINITY)).toBe('element 0 is Infinity');
    expect(bad(6, Number.NEGATIVE_INFINITY)).toBe('element 6 is -Infinity');
    expect(bad(2, '1.5')).toBe('element 2 is a string ("1.5"), expected a number');
    expect(bad(4, [5])).toBe('element 4 is an array of 1, expected a number');
    expect(bad(1, null)).toBe('element 1 is null, expected a number');
    expect(bad(5, true)).toBe('element 5 is a boolean (true), expected a number');
    expect(bad(0, undefined)).toBe(
      'element 0 is undefined (did the function return a value?), expected a number',
    );
    expect(bad(0, { value: 1 })).toBe('element 0 is an object, expected a number');
  });

  it('names a wrong kind of result, for arrays and scalars', () => {
    expect(compareValues(SEVEN, undefined, TOL).message).toBe(
      'expected an array of 7 numbers, found undefined (did the function return a value?)',
    );
    expect(compareValues(SEVEN, 3.5, TOL).message).toBe(
      'expected an array of 7 numbers, found the number 3.5',
    );
    expect(compareValues(SEVEN, 'x'.repeat(40), TOL).message).toBe(
      `expected an array of 7 numbers, found a string ("${'x'.repeat(20)}…")`,
    );
    expect(compareValues(1.5, [1.5], TOL).message).toBe('expected a number, found an array of 1');
    expect(compareValues(1.5, Number.NaN, TOL).message).toBe('expected a number, found NaN');
    expect(compareValues(1.5, null, TOL).message).toBe('expected a number, found null');
    expect(compareValues(1.5, '1.5', TOL).message).toBe('expected a number, found a string ("1.5")');
    expect(compareValues([1], [[1]], TOL).message).toBe('element 0 is an array of 1, expected a number');
  });

  it('accepts typed arrays and values within abs + rel·|expected|; reports the first mismatch', () => {
    expect(compareValues([1, 2], new Float64Array([1, 2]), TOL).passed).toBe(true);
    expect(compareValues([1000, 0], [1000.09, 0.000009], TOL).passed).toBe(true);
    const off = compareValues([1000, 0, 3], [1000.2, 0.00002, 3], TOL);
    expect(off).toEqual({
      passed: false,
      mismatchIndex: 0,
      message:
        'element 0: expected 1000, got 1000.2 (tolerance 0.00001 + 0.0001·|expected|); 2 of 3 elements differ',
    });
    expect(compareValues(-0.5, -0.50004, TOL).passed).toBe(true);
    expect(compareValues(-0.5, -0.6, TOL)).toEqual({
      passed: false,
      mismatchIndex: -1,
      message: 'expected -0.5, got -0.6 (tolerance 0.00001 + 0.0001·|expected|)',
    });
  });

  it("a check's compare never throws on hostile values", () => {
    const check = getCheck('gae');
    const cyclic: unknown[] = [];
    cyclic.push(cyclic, cyclic, cyclic);
    const values: unknown[] = [
      cyclic,
      Symbol('s'),
      10n,
      () => 1,
      new Proxy([], {}),
      Object.create(null),
      new Array(3),
      [1, 2, 3],
    ];
    const messages = values.map((v) => check.compare([1, 2, 3], v));
    expect(messages.map((m) => m.message)).toEqual([
      'element 0 is an array of 3, expected a number',
      'expected an array of 3 numbers, found a symbol',
      'expected an array of 3 numbers, found a bigint',
      'expected an array of 3 numbers, found a function',
      'expected an array of 3 numbers, found an array of 0',
      'expected an array of 3 numbers, found an object',
      'element 0 is undefined (did the function return a value?), expected a number',
      'correct',
    ]);
    expect(check.compare([1, 2, 3], new Array(3)).message).toBe(
      'element 0 is undefined (did the function return a value?), expected a number',
    );
  });
});
