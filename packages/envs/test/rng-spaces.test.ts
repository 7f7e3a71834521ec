import { describe, expect, test } from 'vitest';
import { Rng } from '../src/rng';
import { describeSpace, explainNotContained } from '../src/space-explain';
import { spaceFromSpec, spaceSpecToJson } from '../src/space-spec';
import { Box, Discrete } from '../src/spaces';

describe('Rng (xoshiro128**)', () => {
  test("matches the algorithm's reference output from state (1, 2, 3, 4)", () => {
    const rng = Rng.fromState([1, 2, 3, 4]);
    const out = Array.from({ length: 10 }, () => rng.nextUint32());
    // Blackman & Vigna's xoshiro128starstar.c with s = {1, 2, 3, 4}
    expect(out).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  test('the same seed gives the same stream; different seeds differ; large seeds use both halves', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.random());
    expect(Array.from({ length: 100 }, () => b.random())).toEqual(xs);
    expect(new Rng(43).random()).not.toBe(new Rng(42).random());
    expect(new Rng(2 ** 32).nextUint32()).not.toBe(new Rng(0).nextUint32());
    expect(() => new Rng(-1)).toThrow('expected a non-negative safe integer, found -1');
    const restored = Rng.fromState(a.state());
    expect(restored.nextUint32()).toBe(a.nextUint32());
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrow('all-zero state');
  });

  test('uniform, integer and normal have the right moments', () => {
    const rng = new Rng(7);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    const counts = new Array<number>(3).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      expect(u >= 0 && u < 1).toBe(true);
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      counts[rng.integer(3)]!++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
    for (const c of counts) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.01);
    expect(() => rng.integer(0)).toThrow('expected an integer n in [1, 2^32], found 0');
  });
});

describe('spaces', () => {
  test('Discrete contains and sample', () => {
    const d = new Discrete(3, -1);
    expect([d.contains(-1), d.contains(1), d.contains(2), d.contains(0.5), d.contains('0')]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    const rng = new Rng(1);
    const seen = new Set(Array.from({ length: 200 }, () => d.sample(rng)));
    expect([...seen].sort()).toEqual([-1, 0, 1]);
    expect(describeSpace(d)).toBe('Discrete(3, start=-1)');
    expect(() => new Discrete(0)).toThrow('n must be a positive integer, found 0');
  });

  test('Box contains, sample (bounded and unbounded) and explanations', () => {
    const box = new Box([-1, -Infinity, 0], [1, Infinity, Infinity]);
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const x = box.sample(rng);
      expect(x).toBeInstanceOf(Float32Array);
      expect(box.contains(x)).toBe(true);
    }
    expect(box.contains([0, 1e30, 5])).toBe(true);
    expect(explainNotContained(box, [0, 0])).toBe('expected length 3, found length 2');
    expect(explainNotContained(box, [2, 0, 0])).toBe('element 0 = 2 is above high[0] = 1');
    expect(explainNotContained(box, [0, Number.NaN, 0])).toBe('element 1 is NaN');
    expect(explainNotContained(box, 'x')).toBe(
      'expected a Float32Array (or number[]) of length 3, found string "x"',
    );
    expect(() => new Box([1], [0])).toThrow('Box: low[0]=1 must be <= high[0]=0');
    expect(new Box(-2, 2, [2]).toSpec()).toEqual({
      type: 'Box',
      shape: [2],
      dtype: 'float32',
      low: [-2, -2],
      high: [2, 2],
    });
  });
});

describe('space specs', () => {
  test('round-trip through JSON with infinite bounds', () => {
    const box = new Box([-4.8, -Infinity], [4.8, Infinity]);
    const json = JSON.parse(JSON.stringify(spaceSpecToJson(box.toSpec())));
    expect(json.low).toEqual([-4.800000190734863, '-inf']);
    const back = spaceFromSpec(json);
    expect(back.toSpec()).toEqual(box.toSpec());
    expect(spaceFromSpec({ type: 'Discrete', n: 3, start: 1 }).contains(3)).toBe(true);
    expect(() =>
      spaceFromSpec({ type: 'Box', shape: [1], dtype: 'float32', low: ['x' as never], high: [1] }),
    ).toThrow('a Box bound must be a number, "inf" or "-inf", found "x"');
    expect(() => spaceFromSpec({ type: 'Discrete', n: 0, start: 0 })).toThrow('n must be a positive integer');
  });
});
