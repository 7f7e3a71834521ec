import { describe, expect, it } from 'vitest';
import { differingIndices, formatCaseNumber, formatCaseValue } from './case-values';

describe('homework case values', () => {
  it('prints numbers at 6 significant digits without float noise', () => {
    expect(formatCaseNumber(0.9103220000000001)).toBe('0.910322');
    expect(formatCaseNumber(2.4040000000000004)).toBe('2.404');
    expect(formatCaseNumber(-3)).toBe('-3');
    expect(formatCaseNumber(1 / 3)).toBe('0.333333');
    expect(formatCaseNumber(1.23456789e-9)).toBe('1.23457e-9');
    expect(formatCaseNumber(Number.NaN)).toBe('NaN');
    expect(formatCaseValue([0.1 + 0.2, [1, 2.4040000000000004], true, 'x'])).toBe(
      '[0.3, [1, 2.404], true, "x"]',
    );
    expect(formatCaseValue({ a: 0.30000000000000004 })).toBe('{ a: 0.3 }');
  });

  it('marks the elements that differ beyond the tolerance', () => {
    expect([...differingIndices([1, 2, 3], [1, 2.5, 3.0000001], 1e-6)!]).toEqual([1]);
    expect([...differingIndices([1, 2, 3], [0, 2, 4], null)!]).toEqual([0, 2]);
    expect(differingIndices([1, 2], [1, 2, 3], 1e-6)).toBeUndefined();
    expect(differingIndices(1, 2, 1e-6)).toBeUndefined();
  });
});
