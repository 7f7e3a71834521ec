import type { Rng } from './rng';

/** A serializable description of a space (what the web app, manifests and checkers exchange). */
export type SpaceSpec =
  | { type: 'Box'; shape: number[]; dtype: BoxDtype; low: number[]; high: number[] }
  | { type: 'Discrete'; n: number; start: number };

/** Gymnasium's `Space`: membership test and seeded sampling. */
export interface Space<T> {
  readonly shape: readonly number[];
  contains(x: unknown): x is T;
  sample(rng: Rng): T;
  toSpec(): SpaceSpec;
}

/**
 * A Box's element type as Gymnasium names it: float32 (TS envs, MuJoCo actions), float64 (MuJoCo
 * observations), uint8 (Atari pixels). Values travel to policies as float32 either way.
 */
export type BoxDtype = 'float32' | 'float64' | 'uint8';

/** A vector observation or continuous action: float32 values (Gymnasium casts Box values to float32). */
export type BoxValue = Float32Array;

/** Gymnasium's `Box(low, high, shape, dtype)`, flattened; bounds may be ±Infinity. */
export class Box implements Space<BoxValue> {
  readonly shape: readonly number[];
  readonly low: Float32Array;
  readonly high: Float32Array;
  readonly size: number;

  constructor(
    low: number | ArrayLike<number>,
    high: number | ArrayLike<number>,
    shape?: readonly number[],
    readonly dtype: BoxDtype = 'float32',
  ) {
    const inferred =
      shape ??
      (typeof low !== 'number' ? [low.length] : typeof high !== 'number' ? [high.length] : undefined);
    if (!inferred) throw new TypeError('Box: shape is required when low and high are scalars');
    if (inferred.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new RangeError(`Box: shape must be non-negative integers, found [${inferred.join(', ')}]`);
    }
    this.shape = [...inferred];
    this.size = inferred.reduce((a, b) => a * b, 1);
    this.low = broadcast('low', low, this.size);
    this.high = broadcast('high', high, this.size);
    for (let i = 0; i < this.size; i++) {
      if (!(this.low[i]! <= this.high[i]!)) {
        throw new RangeError(`Box: low[${i}]=${this.low[i]} must be <= high[${i}]=${this.high[i]}`);
      }
    }
  }

  contains(x: unknown): x is BoxValue {
    if (!(x instanceof Float32Array || x instanceof Float64Array || Array.isArray(x))) return false;
    const v = x as ArrayLike<unknown>;
    if (v.length !== this.size) return false;
    for (let i = 0; i < this.size; i++) {
      const xi = v[i];
      if (typeof xi !== 'number' || Number.isNaN(xi) || xi < this.low[i]! || xi > this.high[i]!) return false;
    }
    return true;
  }

  /** Uniform on bounded dims; normal / shifted exponential on unbounded ones (as Gymnasium). */
  sample(rng: Rng): BoxValue {
    const out = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i]!;
      const hi = this.high[i]!;
      const loB = Number.isFinite(lo);
      const hiB = Number.isFinite(hi);
      if (loB && hiB) out[i] = rng.uniform(lo, hi);
      else if (!loB && !hiB) out[i] = rng.normal();
      else if (loB) out[i] = lo - Math.log(1 - rng.random());
      else out[i] = hi + Math.log(1 - rng.random());
      // float32 rounding can step just past a bound
      if (out[i]! > hi) out[i] = hi;
      if (out[i]! < lo) out[i] = lo;
    }
    return out;
  }

  toSpec(): SpaceSpec {
    return {
      type: 'Box',
      shape: [...this.shape],
      dtype: this.dtype,
      low: Array.from(this.low),
      high: Array.from(this.high),
    };
  }
}

/** Gymnasium's `Discrete(n, start)`: the integers start, …, start + n − 1. */
export class Discrete implements Space<number> {
  readonly shape: readonly number[] = [];

  constructor(
    readonly n: number,
    readonly start = 0,
  ) {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`Discrete: n must be a positive integer, found ${n}`);
    if (!Number.isInteger(start)) throw new RangeError(`Discrete: start must be an integer, found ${start}`);
  }

  contains(x: unknown): x is number {
    return typeof x === 'number' && Number.isInteger(x) && x >= this.start && x < this.start + this.n;
  }

  sample(rng: Rng): number {
    return this.start + rng.integer(this.n);
  }

  toSpec(): SpaceSpec {
    return { type: 'Discrete', n: this.n, start: this.start };
  }
}

function broadcast(name: string, v: number | ArrayLike<number>, size: number): Float32Array {
  if (typeof v === 'number') return new Float32Array(size).fill(v);
  if (v.length !== size) throw new RangeError(`Box: ${name} has length ${v.length}, expected ${size}`);
  return Float32Array.from(v);
}
