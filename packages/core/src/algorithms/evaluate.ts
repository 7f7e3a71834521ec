import type { VectorEnv } from '@critic/envs';
import type { ActionSpec } from '../policies/action-space';
import { toEnvActions } from './env-actions';

/** Returns of the evaluation episodes and their summary. */
export interface EvaluationResult {
  /** Episode returns, in the order the episodes finished. */
  returns: number[];
  /** Episode lengths, same order. */
  lengths: number[];
  meanReturn: number;
  stdReturn: number;
}

export interface EvaluateOptions {
  /** Number of episodes (split over the sub-envs as evenly as possible, as SB3's evaluate_policy). */
  episodes: number;
  /** Seed for the vector env's reset. */
  seed: number;
  /** The env's action space (for discrete offsets and Box clipping). */
  action: ActionSpec;
}

/**
 * Runs `act` (e.g. an algorithm's greedy policy) on a vector env until `episodes` episodes have
 * finished, sub-env i contributing ⌊(episodes + i)/N⌋ of them, so short episodes are not over-counted.
 */
export function evaluatePolicy(
  env: VectorEnv,
  act: (obs: Float32Array, n: number) => Float32Array,
  options: EvaluateOptions,
): EvaluationResult {
  if (!Number.isInteger(options.episodes) || options.episodes <= 0) {
    throw new RangeError(
      `evaluatePolicy: episodes must be a positive integer, found ${String(options.episodes)}`,
    );
  }
  const n = env.numEnvs;
  const targets = Array.from({ length: n }, (_, i) => Math.floor((options.episodes + i) / n));
  const counts = new Array<number>(n).fill(0);
  const returns: number[] = [];
  const lengths: number[] = [];
  let obs = Float32Array.from(env.reset({ seed: options.seed }).obs);
  while (returns.length < options.episodes) {
    const res = env.step(toEnvActions(options.action, act(obs, n)));
    for (const ep of res.episodes) {
      if (counts[ep.env]! < targets[ep.env]!) {
        counts[ep.env]!++;
        returns.push(ep.return);
        lengths.push(ep.length);
      }
    }
    obs = Float32Array.from(res.obs);
  }
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const std = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
  return { returns, lengths, meanReturn: mean, stdReturn: std };
}
