import { Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { orthogonalInit } from './init';

/** Gram matrix of the columns (rows ≥ cols) or rows (rows < cols). */
function gram(w: Float32Array, rows: number, cols: number): number[][] {
  const k = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  const at = (v: number, i: number) => (rows >= cols ? w[i * cols + v]! : w[v * cols + i]!);
  return Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => {
      let s = 0;
      for (let i = 0; i < len; i++) s += at(a, i) * at(b, i);
      return s;
    }),
  );
}

describe('orthogonalInit', () => {
  it.each([
    [8, 3, 1],
    [3, 8, Math.SQRT2],
    [5, 5, 0.01],
  ])('a %i×%i matrix has orthogonal vectors of norm gain (gain %f)', (rows, cols, gain) => {
    const g = gram(orthogonalInit(rows, cols, gain, new Rng(1)), rows, cols);
    g.forEach((row, a) => {
      row.forEach((v, b) => {
        expect(v).toBeCloseTo(a === b ? gain * gain : 0, 5);
      });
    });
  });

  it('is a function of the seed', () => {
    expect(orthogonalInit(4, 4, 1, new Rng(3))).toEqual(orthogonalInit(4, 4, 1, new Rng(3)));
    expect(orthogonalInit(4, 4, 1, new Rng(3))).not.toEqual(orthogonalInit(4, 4, 1, new Rng(4)));
  });
});
