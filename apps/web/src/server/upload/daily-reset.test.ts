import { describe, expect, it } from 'vitest';
import { secondsUntilLocalMidnight } from './daily-reset';

describe('secondsUntilLocalMidnight', () => {
  it('counts to midnight in the course’s time zone, not the server’s', () => {
    const at = new Date('2026-11-24T22:30:00Z');
    expect(secondsUntilLocalMidnight(at, 'UTC')).toBe(90 * 60);
    // Berlin is UTC+1 in November: 23:30 local, 30 minutes to midnight.
    expect(secondsUntilLocalMidnight(at, 'Europe/Berlin')).toBe(30 * 60);
    // New York is UTC−5: 17:30 local.
    expect(secondsUntilLocalMidnight(at, 'America/New_York')).toBe(6.5 * 3600);
  });
});
