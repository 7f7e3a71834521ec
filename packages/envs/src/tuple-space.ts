import type { Rng } from './rng';
import type { Discrete, SpaceSpec } from './spaces';

/** A Tuple space as JSON: its member spaces in order (Gymnasium's `Tuple(spaces)`). */
export interface TupleSpaceSpec {
  type: 'Tuple';
  spaces: SpaceSpec[];
}

/**
 * Gymnasium's `Tuple` of Discrete spaces (e.g. Blackjack's `Tuple(Discrete(32), Discrete(11),
 * Discrete(2))`), with the row-major packed index policies see instead: envs keep a flat Discrete
 * for vector envs and exported policies, and describe their Gymnasium observation with this.
 */
export class TupleSpace {
  readonly shape: readonly number[] = [];

  constructor(readonly spaces: readonly Discrete[]) {
    if (spaces.length === 0) throw new RangeError('TupleSpace: expected at least one space');
  }

  /** Number of tuples: the product of the member sizes (the packed Discrete's n). */
  get size(): number {
    return this.spaces.reduce((a, s) => a * s.n, 1);
  }

  contains(x: unknown): x is number[] {
    return (
      Array.isArray(x) && x.length === this.spaces.length && this.spaces.every((s, i) => s.contains(x[i]))
    );
  }

  sample(rng: Rng): number[] {
    return this.spaces.map((s) => s.sample(rng));
  }

  /** The row-major index of a tuple: ((t0 − start0)·n1 + (t1 − start1))·n2 + …. */
  pack(t: readonly number[]): number {
    if (!this.contains([...t]))
      throw new RangeError(`TupleSpace.pack: ${JSON.stringify(t)} is not in ${this.toString()}`);
    return this.spaces.reduce((acc, s, i) => acc * s.n + (t[i]! - s.start), 0);
  }

  /** The tuple of a packed index (inverse of `pack`). */
  unpack(index: number): number[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`TupleSpace.unpack: ${index} is not in [0, ${this.size})`);
    const out: number[] = new Array(this.spaces.length);
    for (let i = this.spaces.length - 1; i >= 0; i--) {
      const s = this.spaces[i]!;
      out[i] = s.start + (index % s.n);
      index = Math.floor(index / s.n);
    }
    return out;
  }

  toSpec(): TupleSpaceSpec {
    return { type: 'Tuple', spaces: this.spaces.map((s) => s.toSpec()) };
  }

  toString(): string {
    return `Tuple(${this.spaces.map((s) => `Discrete(${s.n}${s.start ? `, start=${s.start}` : ''})`).join(', ')})`;
  }
}
