import { type MakeOptions, make, registration } from '../registry';
import { CartPoleVectorEnv } from './cartpole-vector-env';
import { SyncVectorEnv } from './sync-vector-env';
import type { VectorEnv } from './types';

/**
 * Gymnasium's `make_vec`: N copies of a registered env. CartPole-v1 (with no env options) gets the
 * struct-of-arrays kernel; every other env is a `SyncVectorEnv` over `make(id, options)`.
 */
export function makeVec(id: string, numEnvs: number, options: MakeOptions = {}): VectorEnv {
  const reg = registration(id);
  if (id === 'CartPole-v1' && options.envOptions === undefined && options.maxEpisodeSteps !== null) {
    return new CartPoleVectorEnv(numEnvs, options.maxEpisodeSteps ?? reg.maxEpisodeSteps);
  }
  return new SyncVectorEnv(() => make(id, options), numEnvs);
}
