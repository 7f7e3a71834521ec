import { describe, expect, test } from 'vitest';
import { stackDots } from './dot-stack';
import { evenIndices } from './even-indices';
import { histogram } from './histogram';
import { extentOf, linearScale } from './scale';
import { emaSmooth } from './smoothing';

describe('linearScale', () => {
  test('maps and inverts, including a flipped pixel range', () => {
    const y = linearScale([0, 500], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(250)).toBe(150);
    expect(y.invert(60)).toBe(400);
  });

  test('widens a degenerate domain and rejects a non-finite one', () => {
    const x = linearScale([3, 3], [0, 100]);
    expect(x.domain).toEqual([2.5, 3.5]);
    expect(x(3)).toBe(50);
    expect(() => linearScale([0, Number.POSITIVE_INFINITY], [0, 1])).toThrow(/scale domain/);
  });

  test('extentOf skips non-finite values', () => {
    expect(extentOf([3, Number.NaN, -1], [7])).toEqual([-1, 7]);
    expect(extentOf([Number.NaN])).toBeUndefined();
  });
});

describe('histogram', () => {
  test('bins on round edges with Sturges’ count, the maximum in the last bin', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10];
    const bins = histogram(values);
    // n = 12 → ⌈log2 12⌉ + 1 = 5 intervals over [0, 10] → step 2
    expect(bins.map((b) => [b.x0, b.x1, b.count])).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 2],
      [6, 8, 2],
      [8, 10, 4],
    ]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
  });

  test('equal values give bins around them; nothing finite gives no bins', () => {
    const bins = histogram([500, 500, 500], 4);
    // Equal values: one bar centred on the value, holding them all.
    expect(bins).toEqual([{ x0: 497.5, x1: 502.5, count: 3 }]);
    expect(histogram([0, 0])).toEqual([{ x0: -0.5, x1: 0.5, count: 2 }]);
    expect(histogram([Number.NaN])).toEqual([]);
  });
});

describe('emaSmooth', () => {
  test('is debiased: a constant series stays constant, a step is approached geometrically', () => {
    expect(emaSmooth([5, 5, 5], 0.9)).toEqual([5, 5, 5].map((v) => expect.closeTo(v, 12)));
    const s = emaSmooth([0, 0, 10, 10], 0.5);
    // s = 0, 0, 5, 7.5 before dividing by 1 − 0.5^t = 0.5, 0.75, 0.875, 0.9375
    expect(s).toEqual([0, 0, 5 / 0.875, 7.5 / 0.9375].map((v) => expect.closeTo(v, 12)));
    expect(emaSmooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(() => emaSmooth([1], 1)).toThrow('smoothing weight: expected a number in [0, 1), found 1');
  });

  test('evenIndices keeps the ends and at most the requested count', () => {
    expect(evenIndices(3, 10)).toEqual([0, 1, 2]);
    expect(evenIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(() => evenIndices(5, 1)).toThrow('maxPoints: expected an integer ≥ 2, found 1');
  });
});

describe('stackDots', () => {
  test('puts overlapping dots in new rows and reuses a row once there is room', () => {
    expect(stackDots([0, 1, 2, 10, 11], 2, 5)).toEqual([0, 1, 2, 0, 1]);
    expect(Math.max(...stackDots([0, 0, 0, 0, 0], 2, 3))).toBe(2);
  });
});
