import type { VectorEnv } from '@critic/envs';
import { A2C, type A2cConfig } from './a2c';
import type { Algorithm, AlgorithmOptions } from './base';
import { ConfigError } from './config';
import { DQN, type DqnConfig } from './dqn';
import { PPO, type PpoConfig } from './ppo';
import { ALGORITHM_NAMES, type AlgorithmName } from './presets';
import { REINFORCE, type ReinforceConfig } from './reinforce';

/** Config overrides for any algorithm (validated by the algorithm itself). */
export type AnyAlgorithmConfig =
  | Partial<PpoConfig>
  | Partial<A2cConfig>
  | Partial<DqnConfig>
  | Partial<ReinforceConfig>;

/** Builds an algorithm by name; an unknown name is a {@link ConfigError} listing the known ones. */
export function createAlgorithm(
  name: string,
  env: VectorEnv,
  config: AnyAlgorithmConfig,
  options: AlgorithmOptions,
): Algorithm<object> {
  switch (name as AlgorithmName) {
    case 'ppo':
      return new PPO(env, config as Partial<PpoConfig>, options);
    case 'a2c':
      return new A2C(env, config as Partial<A2cConfig>, options);
    case 'dqn':
      return new DQN(env, config as Partial<DqnConfig>, options);
    case 'reinforce':
      return new REINFORCE(env, config as Partial<ReinforceConfig>, options);
    default:
      throw new ConfigError(
        'algorithm',
        `unknown algorithm ${JSON.stringify(name)}; expected one of ${ALGORITHM_NAMES.join(', ')}`,
      );
  }
}
