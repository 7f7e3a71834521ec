import { describe, expect, it } from 'vitest';
import { checksSeed, privateSeeds } from './private-seeds';

const salt = 'a-secret-salt-of-the-assignment';

describe('privateSeeds', () => {
  it('are uint32, fixed by (salt, assignment, split, index), and change with each of them', () => {
    const s = privateSeeds(salt, 'A', 'private', 50);
    expect(s).toEqual(privateSeeds(salt, 'A', 'private', 50));
    expect(privateSeeds(salt, 'A', 'private', 5)).toEqual(s.slice(0, 5));
    expect(s.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff_ffff)).toBe(true);
    expect(new Set(s).size).toBe(50);
    expect(privateSeeds(`${salt}!`, 'A', 'private', 50)).not.toEqual(s);
    expect(privateSeeds(salt, 'B', 'private', 50)).not.toEqual(s);
    expect(privateSeeds(salt, 'A', 'public', 50)).not.toEqual(s);
  });

  it('refuses a short salt or a bad count', () => {
    expect(() => privateSeeds('short', 'A', 'private', 1)).toThrow(/at least 16 characters/);
    expect(() => privateSeeds(salt, 'A', 'private', 1.5)).toThrow(
      /count must be a non-negative integer, got 1.5/,
    );
  });
});

describe('checksSeed', () => {
  it('is a safe integer per (assignment, owner), different across owners', () => {
    const a = checksSeed(salt, 'A', 'student-1');
    expect(Number.isSafeInteger(a)).toBe(true);
    expect(checksSeed(salt, 'A', 'student-1')).toBe(a);
    expect(checksSeed(salt, 'A', 'student-2')).not.toBe(a);
    expect(checksSeed(salt, 'B', 'student-1')).not.toBe(a);
  });
});
