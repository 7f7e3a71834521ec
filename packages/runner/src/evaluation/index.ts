export { actionRng, sampleSoftmax } from './action-sampling';
export type { EvaluateArtifactOptions } from './evaluate-artifact';
export { evaluateArtifact } from './evaluate-artifact';
export type {
  EpisodePolicy,
  EpisodeProgress,
  EpisodeRecord,
  EpisodeVectorEnv,
  RunEpisodesOptions,
} from './evaluate-episodes';
export { runEpisodes } from './evaluate-episodes';
export type { EvaluateSplitsOptions, SplitPlan, SplitResult } from './evaluate-splits';
export { evaluateSplits } from './evaluate-splits';
export { assertEpisodeSeeds, MAX_EPISODE_SEED, publicSeeds } from './public-seeds';
export type { BootstrapOptions, SplitStatistics } from './statistics';
export {
  bootstrapMeanInterval,
  interquartileMean,
  meanOf,
  quantileSorted,
  summarizeReturns,
} from './statistics';
