import type { Rng } from '@critic/envs';

/** `x` rounded to `digits` decimals (never −0), so cases print short and survive JSON exactly. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
}

/** An integer in [low, high]. */
export function integerBetween(rng: Rng, low: number, high: number): number {
  return low + rng.integer(high - low + 1);
}

/** `length` numbers uniform in [low, high), rounded to `digits` decimals. */
export function uniformArray(rng: Rng, length: number, low: number, high: number, digits = 2): number[] {
  return Array.from({ length }, () => roundTo(rng.uniform(low, high), digits));
}

/** A `rows` × `cols` matrix of numbers uniform in [low, high). */
export function uniformMatrix(
  rng: Rng,
  rows: number,
  cols: number,
  low: number,
  high: number,
  digits = 2,
): number[][] {
  return Array.from({ length: rows }, () => uniformArray(rng, cols, low, high, digits));
}

/** Per-step episode-end flags: terminated and truncated (never both at one step), as 0/1. */
export interface EpisodeEnds {
  /** 1 where the episode terminated (a terminal state: no bootstrap). */
  terminated: number[];
  /** 1 where the episode was cut by a time limit (bootstrap from the next value). */
  truncated: number[];
}

/** Random episode ends: each step ends an episode with probability `endRate`, a `truncatedShare` of those by truncation. */
export function randomEpisodeEnds(
  rng: Rng,
  length: number,
  endRate: number,
  truncatedShare = 0.5,
): EpisodeEnds {
  const terminated: number[] = [];
  const truncated: number[] = [];
  for (let t = 0; t < length; t++) {
    const ends = rng.random() < endRate;
    const cut = ends && rng.random() < truncatedShare;
    terminated.push(ends && !cut ? 1 : 0);
    truncated.push(cut ? 1 : 0);
  }
  return { terminated, truncated };
}

/** `terminated ∨ truncated`, as 0/1. */
export function donesOf(ends: EpisodeEnds): number[] {
  return ends.terminated.map((d, t) => (d === 1 || ends.truncated[t] === 1 ? 1 : 0));
}

/** A 0/1 array of `length` with ones exactly at `positions`. */
export function flagsAt(length: number, positions: readonly number[]): number[] {
  const out = new Array<number>(length).fill(0);
  for (const p of positions) if (p >= 0 && p < length) out[p] = 1;
  return out;
}
