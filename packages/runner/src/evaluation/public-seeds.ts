import { createHash } from 'node:crypto';

/** Largest episode seed: seeds are stored as uint32. */
export const MAX_EPISODE_SEED = 0xffff_ffff;

function assertCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`${what}: count must be a non-negative integer, got ${count}`);
  }
}

/**
 * The published seeds of a split: seed_i = first 4 bytes (big-endian) of
 * SHA-256("critic/public-seed" ‖ 0 ‖ key ‖ 0 ‖ i). `key` is the assignment id (or, for a local
 * `critic eval` with no assignment, the env id). Anyone can recompute them: they are public by design.
 */
export function publicSeeds(key: string, count: number): number[] {
  if (key.length === 0) throw new RangeError('publicSeeds: key must be a non-empty string');
  assertCount(count, 'publicSeeds');
  return Array.from({ length: count }, (_, i) =>
    createHash('sha256').update(`critic/public-seed\0${key}\0${i}`).digest().readUInt32BE(0),
  );
}

/** Checks a list of episode seeds given by a caller: uint32 each, at least one. */
export function assertEpisodeSeeds(seeds: readonly number[], what: string): void {
  if (seeds.length === 0) throw new RangeError(`${what}: need at least one episode seed`);
  for (const [i, s] of seeds.entries()) {
    if (!Number.isInteger(s) || s < 0 || s > MAX_EPISODE_SEED) {
      throw new RangeError(`${what}: seeds[${i}] must be an integer in [0, 2^32 − 1], got ${s}`);
    }
  }
}
