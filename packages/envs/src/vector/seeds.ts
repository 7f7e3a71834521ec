import { EnvError } from '../errors';
import type { VectorSeed } from './types';

/** The seed of each sub-env for `reset({ seed })`: `seed + i`, or `seed[i]`; undefined entries keep streams. */
export function subEnvSeeds(seed: VectorSeed | undefined, numEnvs: number): (number | undefined)[] {
  if (seed === undefined) return new Array<undefined>(numEnvs).fill(undefined);
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new EnvError(
        'invalid_argument',
        `VectorEnv.reset: seed must be a non-negative safe integer, found ${seed}`,
      );
    }
    return Array.from({ length: numEnvs }, (_, i) => seed + i);
  }
  if (!Array.isArray(seed) || seed.length !== numEnvs) {
    throw new EnvError(
      'invalid_argument',
      `VectorEnv.reset: seed must be a number or an array of ${numEnvs} seeds (one per sub-env)`,
    );
  }
  return [...seed];
}

/** Checks the number of sub-envs. */
export function checkNumEnvs(numEnvs: number): void {
  if (!Number.isSafeInteger(numEnvs) || numEnvs <= 0) {
    throw new EnvError('invalid_argument', `VectorEnv: numEnvs must be a positive integer, found ${numEnvs}`);
  }
}
