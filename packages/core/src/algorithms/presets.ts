import type { A2cConfig } from './a2c';
import type { DqnConfig } from './dqn';
import type { PpoConfig } from './ppo';
import type { ReinforceConfig } from './reinforce';

/** An algorithm's settings for one env: sub-env count and config overrides (over the algorithm's defaults). */
export type Preset<C> = { numEnvs: number; config: Partial<C> };

export interface AlgorithmPresets {
  ppo: Preset<PpoConfig>;
  a2c: Preset<A2cConfig>;
  dqn: Preset<DqnConfig>;
  reinforce: Preset<ReinforceConfig>;
}

export type AlgorithmName = keyof AlgorithmPresets;

export const ALGORITHM_NAMES: readonly AlgorithmName[] = ['ppo', 'a2c', 'dqn', 'reinforce'];

/** Settings used when an env has no preset of its own (tuned on CartPole-v1). */
export const DEFAULT_PRESETS: AlgorithmPresets = {
  ppo: { numEnvs: 8, config: {} },
  a2c: { numEnvs: 8, config: {} },
  dqn: { numEnvs: 4, config: {} },
  reinforce: { numEnvs: 8, config: {} },
};

/** Per-env settings (the CLI's and the benchmark's), from RL Zoo's tuned hyperparameters where they exist. */
export const ENV_PRESETS: Record<string, Partial<AlgorithmPresets>> = {
  'Acrobot-v1': {
    // RL Zoo: 16 envs, n_steps 256, λ 0.94, γ 0.99, 4 epochs, normalized observations.
    ppo: {
      numEnvs: 16,
      config: {
        numSteps: 256,
        gaeLambda: 0.94,
        gamma: 0.99,
        epochs: 4,
        normalizeObs: true,
        annealClip: false,
        // RL Zoo keeps Acrobot's learning rate constant
        annealLr: false,
      },
    },
  },
  'Pendulum-v1': {
    // RL Zoo's PPO without gSDE: γ 0.9, λ 0.95, 10 epochs, lr 1e-3; plus observation and reward normalization.
    ppo: {
      numEnvs: 4,
      config: {
        numSteps: 256,
        minibatchSize: 64,
        epochs: 10,
        gamma: 0.9,
        gaeLambda: 0.95,
        learningRate: 1e-3,
        annealClip: false,
        // RL Zoo keeps Pendulum's learning rate constant
        annealLr: false,
        normalizeObs: true,
        normalizeReward: true,
      },
    },
  },
  'InvertedPendulum-v5': {
    // CleanRL's continuous-action PPO defaults (2048 steps per update, 10 epochs, lr 3e-4, γ 0.99,
    // λ 0.95, normalized observations and rewards): Gymnasium's InvertedPendulum through the Python env.
    ppo: {
      numEnvs: 4,
      config: {
        numSteps: 512,
        minibatchSize: 64,
        epochs: 10,
        gamma: 0.99,
        gaeLambda: 0.95,
        learningRate: 3e-4,
        annealClip: false,
        normalizeObs: true,
        normalizeReward: true,
      },
    },
  },
};

/** The preset of `algorithm` for `envId` (the env's own, else the default). */
export function presetFor<A extends AlgorithmName>(algorithm: A, envId: string): AlgorithmPresets[A] {
  return (ENV_PRESETS[envId]?.[algorithm] ?? DEFAULT_PRESETS[algorithm]) as AlgorithmPresets[A];
}

/**
 * Evaluation during training (`trainWithEvaluation`, as `critic train` and the benchmark run it):
 * the greedy policy on `numEnvs` separate sub-envs every `every` env steps, `episodes` episodes,
 * the best checkpoint kept. 20 episodes (SB3's EvalCallback defaults to 5) so that a checkpoint
 * that solves them also solves fresh episodes; every 5,000 steps costs about 10% of a CartPole run.
 */
export const EVALUATION_DEFAULTS = { every: 5_000, episodes: 20, numEnvs: 10 } as const;

/** The evaluation seed of a training seed: far from the training envs' seeds (seed … seed + numEnvs − 1). */
export function evaluationSeed(seed: number): number {
  return 1_000_000 + 1_000 * seed;
}
