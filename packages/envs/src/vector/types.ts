import type { Space } from '../spaces';

/** How a vector env's sub-envs are seeded: `seed + i` for sub-env i (Gymnasium's rule), or one seed each. */
export type VectorSeed = number | readonly number[];

/**
 * N copies of one env stepped in one call, struct-of-arrays.
 *
 * Autoreset follows Gymnasium 1.x's default `AutoresetMode.NEXT_STEP`: when sub-env i ends
 * (terminated or truncated) at step t, its step-t outputs are the true last transition; at step
 * t + 1 its action is ignored, it is reset (continuing its own PRNG stream, no new seed), and it
 * reports the reset observation with reward 0, terminated = truncated = 0. Learners must therefore
 * skip the transition out of a done step.
 *
 * Buffers are owned by the vector env and overwritten by the next `step`/`reset`: copy what you keep.
 */
export interface VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<Float32Array> | Space<number>;
  readonly singleActionSpace: Space<Float32Array> | Space<number>;
  /** Floats per observation (1 for a discrete observation space). */
  readonly obsSize: number;
  /** Floats per action (1 for a discrete action space). */
  readonly actionSize: number;
  /** Resets every sub-env; `seed` seeds sub-env i with `seed + i` (or `seed[i]` for an array). */
  reset(opts?: { seed?: VectorSeed; options?: Record<string, unknown> }): VectorResetResult;
  /** `actions` has numEnvs × actionSize entries (integers for discrete action spaces). */
  step(actions: ArrayLike<number>): VectorStepResult;
  close(): void;
}

export interface VectorResetResult {
  /** numEnvs × obsSize observations. */
  obs: Float32Array;
}

export interface VectorStepResult {
  /** numEnvs × obsSize observations. */
  obs: Float32Array;
  rewards: Float64Array;
  /** 1 where the sub-env's episode terminated at this step. */
  terminated: Uint8Array;
  /** 1 where the sub-env's episode was truncated (time limit) at this step. */
  truncated: Uint8Array;
  /** Finished episodes' statistics reported at this step, by sub-env index. */
  episodes: ReadonlyArray<{ env: number; return: number; length: number }>;
}
