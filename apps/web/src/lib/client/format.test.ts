import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatBytes,
  formatDuration,
  formatMeanCi,
  formatPoints,
  formatScore,
  formatTime,
  formatTimeSeconds,
} from './format';

describe('page formatting', () => {
  it('writes a mean with the half-width of its confidence interval', () => {
    expect(formatMeanCi(487.2, 481.1, 493.3)).toBe('487.20 ± 6.10');
    expect(formatMeanCi(500, 500, 500)).toBe('500.00 ± 0.00');
  });

  it('keeps small scores readable and marks missing ones', () => {
    expect(formatScore(0.0123456)).toBe('0.0123');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('writes phase times to the second and the time between them', () => {
    expect(formatTimeSeconds('2026-12-04T20:31:07.512Z')).toBe('2026-12-04 20:31:07 UTC');
    expect(formatDuration('2026-12-04T20:31:07Z', '2026-12-04T20:31:19Z')).toBe('12 s');
    expect(formatDuration('2026-12-04T20:31:07Z', '2026-12-04T20:34:12Z')).toBe('3 min 05 s');
    expect(formatDuration('2026-12-04T20:00:00Z', '2026-12-04T21:02:00Z')).toBe('1 h 02 min');
    expect(formatDuration(null, '2026-12-04T21:02:00Z')).toBe('');
  });

  it('counts with the right noun form', () => {
    expect([countOf(1, 'team'), countOf(0, 'team'), countOf(3, 'member')]).toEqual([
      '1 team',
      '0 teams',
      '3 members',
    ]);
  });

  it('rounds floating-point sums of points', () => {
    expect(formatPoints(9.999999999999998)).toBe('10');
    expect(formatPoints(6.666666)).toBe('6.67');
  });

  it('writes sizes in B, KiB and MiB and times in UTC', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      '512 B',
      '2.0 KiB',
      '3.0 MiB',
    ]);
    expect(formatTime('2026-11-24T22:41:07.123Z')).toBe('2026-11-24 22:41 UTC');
    expect(formatTime(null)).toBe('—');
  });
});
