import { createHmac } from 'node:crypto';

/**
 * Private episode seeds: seed_i = first 4 bytes (big-endian) of
 * HMAC-SHA256(salt, assignmentId ‖ 0 ‖ split ‖ 0 ‖ i). Without the salt they cannot be predicted,
 * so a policy cannot be tuned to them; with it they are fixed, so a rejudge replays the same episodes.
 */
export function privateSeeds(salt: string, assignmentId: string, split: string, count: number): number[] {
  if (salt.length < 16) throw new RangeError('privateSeeds: the salt must have at least 16 characters');
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`privateSeeds: count must be a non-negative integer, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) =>
    createHmac('sha256', salt).update(`${assignmentId}\0${split}\0${i}`).digest().readUInt32BE(0),
  );
}

/**
 * The seed of a student's (or team's) homework variant: 48 bits of
 * HMAC-SHA256(salt, "checks" ‖ 0 ‖ assignmentId ‖ 0 ‖ ownerId), a safe integer for `Rng`.
 */
export function checksSeed(salt: string, assignmentId: string, ownerId: string): number {
  if (salt.length < 16) throw new RangeError('checksSeed: the salt must have at least 16 characters');
  return createHmac('sha256', salt).update(`checks\0${assignmentId}\0${ownerId}`).digest().readUIntBE(0, 6);
}
