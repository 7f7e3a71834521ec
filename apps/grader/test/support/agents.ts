/** The balancing controller: push right when θ + 0.5·θ̇ > 0. */
export const CONTROLLER =
  'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';

/**
 * A uniformly random agent with its own deterministic generator (mulberry32), seeded from the
 * episode's first observation, so each episode draws its own stream and a rerun draws the same.
 */
export const RANDOM_AGENT = `
let s = 0;
let fresh = true;
export function reset() { fresh = true; }
export function act(obs: number[]): number {
  if (fresh) { s = Math.floor(Math.abs(obs[0]) * 1e9) >>> 0; fresh = false; }
  s = (s + 0x6d2b79f5) >>> 0;
  let z = Math.imul(s ^ (s >>> 15), s | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) < 0x80000000 ? 0 : 1;
}`;
