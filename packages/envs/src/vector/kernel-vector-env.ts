import { EnvError } from '../errors';
import { Rng } from '../rng';
import type { Space } from '../spaces';
import { checkNumEnvs, subEnvSeeds } from './seeds';
import type { VectorEnv, VectorResetResult, VectorSeed, VectorStepResult } from './types';

/** A finished episode as `VectorStepResult.episodes` reports it. */
export type FinishedEpisode = { env: number; return: number; length: number };

/**
 * The bookkeeping shared by the struct-of-arrays kernels of the classic-control envs: per-sub-env
 * PRNG streams seeded as `make(id)` would be (`seed + i`), the time limit, next-step autoreset,
 * episode statistics and the output buffers. A subclass holds its state in typed arrays and writes
 * `stepAll` as one loop over the sub-envs; each sub-env then computes exactly what the single env
 * computes (both call the same step function in `../classic`).
 */
export abstract class KernelVectorEnv implements VectorEnv {
  abstract readonly singleObservationSpace: Space<Float32Array> | Space<number>;
  abstract readonly singleActionSpace: Space<Float32Array> | Space<number>;
  readonly actionSize = 1;
  protected readonly obs: Float32Array;
  protected readonly rewards: Float64Array;
  protected readonly terminated: Uint8Array;
  protected readonly truncated: Uint8Array;
  protected readonly needsReset: Uint8Array;
  protected readonly elapsed: Int32Array;
  protected readonly returns: Float64Array;
  protected readonly rngs: Rng[];
  private started = false;

  constructor(
    /** The registry id, used in messages. */
    readonly id: string,
    readonly numEnvs: number,
    readonly obsSize: number,
    /** Truncation length (the registration's `maxEpisodeSteps` by default). */
    readonly maxEpisodeSteps: number,
  ) {
    checkNumEnvs(numEnvs);
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new EnvError(
        'invalid_argument',
        `${this.constructor.name}: maxEpisodeSteps must be a positive integer, found ${maxEpisodeSteps}`,
      );
    }
    this.obs = new Float32Array(numEnvs * obsSize);
    this.rewards = new Float64Array(numEnvs);
    this.terminated = new Uint8Array(numEnvs);
    this.truncated = new Uint8Array(numEnvs);
    this.needsReset = new Uint8Array(numEnvs);
    this.elapsed = new Int32Array(numEnvs);
    this.returns = new Float64Array(numEnvs);
    this.rngs = Array.from({ length: numEnvs }, () => new Rng(0));
  }

  reset(opts: { seed?: VectorSeed; options?: Record<string, unknown> } = {}): VectorResetResult {
    const seeds = subEnvSeeds(opts.seed, this.numEnvs);
    this.configureReset(opts.options);
    for (let i = 0; i < this.numEnvs; i++) {
      const seed = seeds[i];
      if (seed !== undefined) this.rngs[i] = new Rng(seed);
      this.resetSubEnv(i);
    }
    this.started = true;
    return { obs: this.obs };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    if (!this.started) {
      throw new EnvError(
        'reset_needed',
        `${this.constructor.name}.step() called before reset(): call reset() first`,
      );
    }
    if (actions.length !== this.numEnvs) {
      throw new EnvError(
        'invalid_action',
        `${this.constructor.name}.step(actions): expected ${this.numEnvs} actions (one per sub-env), found ${actions.length}`,
      );
    }
    const episodes: FinishedEpisode[] = [];
    this.stepAll(actions, episodes);
    const { obs, rewards, terminated, truncated } = this;
    return { obs, rewards, terminated, truncated, episodes };
  }

  close(): void {}

  /** The internal float64 state of sub-env i (the single env's `getState()`). */
  abstract getState(i: number): number[];

  /** Reads `reset({ options })` (Gymnasium's option names) before the sub-envs are reset. */
  protected abstract configureReset(options: Record<string, unknown> | undefined): void;

  /** Draws sub-env i's initial state from `this.rngs[i]` and writes its observation. */
  protected abstract resetOne(i: number): void;

  /** Steps every sub-env: `autoreset(i)` where `needsReset[i]`, else the dynamics then `record`. */
  protected abstract stepAll(actions: ArrayLike<number>, episodes: FinishedEpisode[]): void;

  /** Next-step autoreset: the action is ignored, the reset observation comes with reward 0 and no flags. */
  protected autoreset(i: number): void {
    this.resetSubEnv(i);
    this.rewards[i] = 0;
    this.terminated[i] = 0;
    this.truncated[i] = 0;
  }

  /** Writes sub-env i's reward and flags (truncating at the time limit) and reports a finished episode. */
  protected record(i: number, reward: number, term: boolean, episodes: FinishedEpisode[]): void {
    const steps = this.elapsed[i]! + 1;
    this.elapsed[i] = steps;
    const ret = this.returns[i]! + reward;
    this.returns[i] = ret;
    const trunc = steps >= this.maxEpisodeSteps;
    this.rewards[i] = reward;
    this.terminated[i] = term ? 1 : 0;
    this.truncated[i] = trunc ? 1 : 0;
    if (term || trunc) {
      this.needsReset[i] = 1;
      episodes.push({ env: i, return: ret, length: steps });
    }
  }

  /** A clear `invalid_action` error naming the sub-env, the value and the space. */
  protected badAction(i: number, value: number, expected: string): EnvError {
    return new EnvError(
      'invalid_action',
      `${this.constructor.name}.step(actions): actions[${i}] = ${value} is not in ${expected}`,
    );
  }

  private resetSubEnv(i: number): void {
    this.resetOne(i);
    this.elapsed[i] = 0;
    this.returns[i] = 0;
    this.needsReset[i] = 0;
  }
}
