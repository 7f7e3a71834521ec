import { type MakeOptions, make, registration } from '../registry';
import { AcrobotVectorEnv } from './acrobot-vector-env';
import { CartPoleVectorEnv } from './cartpole-vector-env';
import { MountainCarContinuousVectorEnv } from './mountain-car-continuous-vector-env';
import { MountainCarVectorEnv } from './mountain-car-vector-env';
import { PendulumVectorEnv } from './pendulum-vector-env';
import { SyncVectorEnv } from './sync-vector-env';
import type { VectorEnv } from './types';

/** The struct-of-arrays kernels, by registry id: (numEnvs, maxEpisodeSteps) → vector env. */
const KERNELS: Readonly<Record<string, (numEnvs: number, maxEpisodeSteps: number) => VectorEnv>> = {
  'CartPole-v1': (n, max) => new CartPoleVectorEnv(n, max),
  'Acrobot-v1': (n, max) => new AcrobotVectorEnv(n, max),
  'MountainCar-v0': (n, max) => new MountainCarVectorEnv(n, max),
  'MountainCarContinuous-v0': (n, max) => new MountainCarContinuousVectorEnv(n, max),
  'Pendulum-v1': (n, max) => new PendulumVectorEnv(n, max),
};

/**
 * Gymnasium's `make_vec`: N copies of a registered env. The classic-control envs (with no env
 * options and a time limit) get their struct-of-arrays kernel; every other env is a
 * `SyncVectorEnv` over `make(id, options)`.
 */
export function makeVec(id: string, numEnvs: number, options: MakeOptions = {}): VectorEnv {
  const reg = registration(id);
  const kernel = Object.hasOwn(KERNELS, id) ? KERNELS[id] : undefined;
  const maxSteps = options.maxEpisodeSteps === undefined ? reg.maxEpisodeSteps : options.maxEpisodeSteps;
  if (kernel !== undefined && options.envOptions === undefined && typeof maxSteps === 'number') {
    return kernel(numEnvs, maxSteps);
  }
  return new SyncVectorEnv(() => make(id, options), numEnvs);
}
