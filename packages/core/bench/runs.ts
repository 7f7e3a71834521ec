import { type AlgorithmName, presetFor } from '../src/algorithms';

/** One benchmark task: an algorithm on an env, the reward threshold, and the step budget. */
export interface BenchRun {
  id: string;
  algo: AlgorithmName;
  env: string;
  threshold: number;
  budget: number;
}

/** The goals: thresholds are Gymnasium's reward_threshold (CartPole 475, Acrobot −100) or the (Pendulum −250). */
export const BENCH_RUNS: BenchRun[] = [
  { id: 'ppo-cartpole', algo: 'ppo', env: 'CartPole-v1', threshold: 475, budget: 100_000 },
  { id: 'dqn-cartpole', algo: 'dqn', env: 'CartPole-v1', threshold: 475, budget: 100_000 },
  { id: 'a2c-cartpole', algo: 'a2c', env: 'CartPole-v1', threshold: 475, budget: 100_000 },
  { id: 'ppo-acrobot', algo: 'ppo', env: 'Acrobot-v1', threshold: -100, budget: 300_000 },
  { id: 'ppo-pendulum', algo: 'ppo', env: 'Pendulum-v1', threshold: -250, budget: 300_000 },
];

/** The sub-env count and config a run uses (the same presets as `critic train`). */
export function settingsOf(run: BenchRun) {
  return presetFor(run.algo, run.env);
}
