import {
  type EpisodePolicy,
  type EpisodeProgress,
  type EpisodeRecord,
  type EpisodeVectorEnv,
  runEpisodes,
} from './evaluate-episodes';
import { type BootstrapOptions, type SplitStatistics, summarizeReturns } from './statistics';

/** A named set of episode seeds (e.g. `public` and `private`). */
export interface SplitPlan<S extends string = string> {
  /** Split name, e.g. `public`. */
  split: S;
  /** One seed per episode. */
  seeds: readonly number[];
}

/** The episodes of one split and their statistics. */
export interface SplitResult<S extends string = string> {
  split: S;
  episodes: EpisodeRecord[];
  stats: SplitStatistics;
}

/** Options of `evaluateSplits`. */
export interface EvaluateSplitsOptions<S extends string> {
  /** Registered env id. */
  envId: string;
  /** Splits in the order they run; progress counts episodes over all of them. */
  splits: readonly SplitPlan<S>[];
  /** Episodes done over all splits, after each episode. */
  onProgress?: (progress: EpisodeProgress) => void;
  /** Aborts between steps. */
  signal?: AbortSignal;
  /** Bootstrap settings of the confidence intervals (seeded: the same returns give the same interval). */
  bootstrap?: BootstrapOptions;
  /** The vector env of each batch instead of `makeVec(envId, n)` (a sandboxed custom env). */
  vecEnv?: (numEnvs: number) => EpisodeVectorEnv | Promise<EpisodeVectorEnv>;
}

/** Evaluates a policy on each split in turn (each split's episodes step together) and summarizes each. */
export async function evaluateSplits<S extends string>(
  policy: EpisodePolicy,
  options: EvaluateSplitsOptions<S>,
): Promise<SplitResult<S>[]> {
  const total = options.splits.reduce((a, s) => a + s.seeds.length, 0);
  const results: SplitResult<S>[] = [];
  let before = 0;
  for (const plan of options.splits) {
    const offset = before;
    const episodes = await runEpisodes(policy, {
      envId: options.envId,
      seeds: plan.seeds,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.vecEnv ? { vecEnv: options.vecEnv } : {}),
      onProgress: (p) => options.onProgress?.({ done: offset + p.done, total }),
    });
    before += plan.seeds.length;
    results.push({
      split: plan.split,
      episodes,
      stats: summarizeReturns(
        episodes.map((e) => e.return),
        options.bootstrap,
      ),
    });
  }
  return results;
}
