import { describe, expect, it } from 'vitest';
import { actionRng, sampleSoftmax } from './action-sampling';
import { publicSeeds } from './public-seeds';

describe('publicSeeds', () => {
  it('are uint32, stable for a key, distinct across keys and indices', () => {
    const a = publicSeeds('assignment-1', 100);
    expect(a).toEqual(publicSeeds('assignment-1', 100));
    expect(publicSeeds('assignment-1', 3)).toEqual(a.slice(0, 3));
    expect(new Set(a).size).toBe(100);
    expect(a.every((s) => Number.isInteger(s) && s >= 0 && s <= 0xffff_ffff)).toBe(true);
    expect(publicSeeds('assignment-2', 100)).not.toEqual(a);
  });
  it('refuses a bad count or key', () => {
    expect(() => publicSeeds('x', -1)).toThrow(/count must be a non-negative integer, got -1/);
    expect(() => publicSeeds('', 2)).toThrow(/key/);
  });
});

describe('sampleSoftmax', () => {
  it('draws each action with its softmax probability', () => {
    const rng = actionRng(3);
    const logits = [0, Math.log(3)]; // p = (0.25, 0.75)
    let ones = 0;
    for (let i = 0; i < 20_000; i++) ones += sampleSoftmax(logits, 0, 2, rng);
    expect(ones / 20_000).toBeCloseTo(0.75, 1);
  });
  it('is reproducible per seed and reports non-finite logits', () => {
    const draw = (seed: number) => {
      const rng = actionRng(seed);
      return Array.from({ length: 32 }, () => sampleSoftmax([0.1, 0.2, 0.3], 0, 3, rng));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    expect(sampleSoftmax([0, Number.NaN], 0, 2, actionRng(0))).toBe(-1);
  });
});
