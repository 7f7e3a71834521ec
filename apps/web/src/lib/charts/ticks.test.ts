import { describe, expect, test } from 'vitest';
import { formatTick, formatValue, niceTicks } from './ticks';

describe('niceTicks', () => {
  test('picks 1-2-5 steps and covers the interval with multiples of the step', () => {
    expect(niceTicks(0, 500, 5)).toEqual({
      step: 100,
      ticks: [0, 100, 200, 300, 400, 500],
      niceMin: 0,
      niceMax: 500,
    });
    expect(niceTicks(-0.13, 0.47, 5).ticks).toEqual([-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(niceTicks(9.5, 475.3, 4)).toMatchObject({ step: 100, niceMin: 0, niceMax: 500 });
    expect(niceTicks(-200, -110, 5)).toMatchObject({ step: 20, niceMin: -200, niceMax: -100 });
  });

  test('has no float noise, handles reversed and degenerate intervals', () => {
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1, 0, 2).ticks).toEqual([0, 0.5, 1]);
    // 7 ± 10% = [6.3, 7.7]: 1.4 / 4 = 0.35 → the nearest 1-2-5 step, 0.5
    expect(niceTicks(7, 7, 4).ticks).toEqual([6, 6.5, 7, 7.5, 8]);
    expect(niceTicks(0, 0, 2).ticks).toEqual([-1, 0, 1]);
    expect(() => niceTicks(0, Number.NaN)).toThrow('ticks: expected a finite interval, found [0, NaN]');
  });
});

describe('formatTick / formatValue', () => {
  test('uses the decimals the step needs and k/M for big round numbers', () => {
    expect(formatTick(0.2, 0.2)).toBe('0.2');
    expect(formatTick(-0.05, 0.05)).toBe('-0.05');
    expect(formatTick(300, 100)).toBe('300');
    expect(formatTick(250_000, 50_000)).toBe('250k');
    expect(formatTick(1_500_000, 500_000)).toBe('1.5M');
    expect(formatTick(12_500, 500)).toBe('12500');
    expect(formatTick(-0.0001, 0.1)).toBe('0.0');
  });

  test('formatValue gives 3 significant digits', () => {
    expect(formatValue(473.456)).toBe('473');
    expect(formatValue(-0.012345)).toBe('-0.0123');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(2.5e7)).toBe('2.50e+7');
  });
});
