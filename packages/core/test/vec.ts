import { makeVec, type VectorEnv } from '@critic/envs';

/** N copies of a registered env as the envs package's vector env. */
export function vec(id: string, numEnvs: number): VectorEnv {
  return makeVec(id, numEnvs);
}
