import { Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { F64Arena } from './arena';

describe('fused kernels (wasm SIMD)', () => {
  it('gemm equals the naive in-order sum for every shape path (row pairs, 8/2/1 columns, strided A, accumulate)', () => {
    const rng = new Rng(3);
    for (const [M, N, K] of [
      [7, 13, 5],
      [8, 16, 3],
      [1, 1, 9],
      [3, 2, 0],
      [6, 27, 11],
    ] as const) {
      for (const transposedA of [false, true]) {
        for (const acc of [0, 1]) {
          const arena = new F64Arena(M * K + K * N + M * N + 8);
          const a = arena.allocate(M * K);
          const b = arena.allocate(K * N);
          const c = arena.allocate(M * N);
          for (const block of [a, b, c])
            for (let i = 0; i < block.view.length; i++) block.view[i] = rng.normal();
          const before = Float64Array.from(c.view);
          // A is M × K row-major, or stored K × M (read transposed through the strides)
          const [sam, sak] = transposedA ? [1, M] : [K, 1];
          arena.kernels.gemm(c.ptr, a.ptr, b.ptr, M, N, K, sam, sak, N, N, acc);
          for (let m = 0; m < M; m++) {
            for (let n = 0; n < N; n++) {
              let sum = acc ? before[m * N + n]! : 0;
              for (let k = 0; k < K; k++) sum += a.view[m * sam + k * sak]! * b.view[k * N + n]!;
              expect(c.view[m * N + n]).toBe(sum);
            }
          }
        }
      }
    }
  });

  it('tanh is within 2e-15 of Math.tanh (relative) over the whole range, odd counts included', () => {
    const xs = [0, -0, 1e-300, -1e-9, 1e-5, 0.3466, -0.5, 3, 19.99, 20, 25, -700, 1e6];
    const rng = new Rng(4);
    for (let i = 0; i < 2001; i++) xs.push((rng.random() - 0.5) * 30);
    const arena = new F64Arena(xs.length + 2);
    const block = arena.allocate(xs.length);
    block.view.set(xs);
    arena.kernels.tanh(block.ptr, xs.length);
    xs.forEach((x, i) => {
      const y = block.view[i]!;
      expect(Math.abs(y - Math.tanh(x))).toBeLessThanOrEqual(2e-15 * Math.abs(Math.tanh(x)));
      expect(Object.is(y, -0)).toBe(Object.is(x, -0));
    });
  });

  it('tanhGrad and reluGrad scale δ by σ′ computed from the output', () => {
    const h = [0.5, -0.25, 0, 0.9, -1];
    const d = [2, 3, 4, 5, 6];
    const arena = new F64Arena(32);
    const hb = arena.allocate(5);
    const db = arena.allocate(5);
    hb.view.set(h);
    db.view.set(d);
    arena.kernels.tanhGrad(db.ptr, hb.ptr, 5);
    expect(Array.from(db.view)).toEqual(d.map((x, i) => x * (1 - h[i]! * h[i]!)));
    db.view.set(d);
    arena.kernels.reluGrad(db.ptr, hb.ptr, 5);
    expect(Array.from(db.view)).toEqual([2, 0, 0, 5, 0]);
  });

  it('an arena refuses to hand out more than it was sized for', () => {
    const arena = new F64Arena(10);
    arena.allocate(10);
    expect(() => arena.allocate(1_000_000)).toThrow(RangeError);
  });
});
