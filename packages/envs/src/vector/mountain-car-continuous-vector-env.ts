import { MOUNTAIN_CAR_CONTINUOUS, mountainCarContinuousStep } from '../classic/mountain-car-continuous';
import { parseResetBounds } from '../classic/reset-bounds';
import { Box } from '../spaces';
import { type FinishedEpisode, KernelVectorEnv } from './kernel-vector-env';

/**
 * MountainCarContinuous-v0 × N as one struct-of-arrays kernel. Sub-env i is exactly
 * `make('MountainCarContinuous-v0')` reset with seed `seed + i`: the same
 * `mountainCarContinuousStep` (numpy 2's float32 promotion included), the same PRNG stream, the
 * same time limit (999); episodes end with next-step autoreset (see `VectorEnv`). Actions are one
 * float per sub-env, rounded to float32 and clipped to [−1, 1] for the force as the single env does.
 */
export class MountainCarContinuousVectorEnv extends KernelVectorEnv {
  readonly singleObservationSpace = new Box(
    [MOUNTAIN_CAR_CONTINUOUS.minPosition, -MOUNTAIN_CAR_CONTINUOUS.maxSpeed],
    [MOUNTAIN_CAR_CONTINUOUS.maxPosition, MOUNTAIN_CAR_CONTINUOUS.maxSpeed],
  );
  readonly singleActionSpace = new Box(-1, 1, [1]);
  private readonly position: Float64Array;
  private readonly velocity: Float64Array;
  /** 1 once sub-env i has stepped since its reset (its state is then float32, as numpy 2 keeps it). */
  private readonly stateIsFloat32: Uint8Array;
  private readonly next = new Float64Array(2);
  private low = -0.6;
  private high = -0.4;

  constructor(numEnvs: number, maxEpisodeSteps = 999) {
    super('MountainCarContinuous-v0', numEnvs, 2, maxEpisodeSteps);
    this.position = new Float64Array(numEnvs);
    this.velocity = new Float64Array(numEnvs);
    this.stateIsFloat32 = new Uint8Array(numEnvs);
  }

  getState(i: number): number[] {
    return [this.position[i]!, this.velocity[i]!];
  }

  protected configureReset(options: Record<string, unknown> | undefined): void {
    ({ low: this.low, high: this.high } = parseResetBounds(this.id, options, -0.6, -0.4));
  }

  protected resetOne(i: number): void {
    const p = this.rngs[i]!.uniform(this.low, this.high);
    this.position[i] = p;
    this.velocity[i] = 0;
    this.stateIsFloat32[i] = 0;
    this.obs[i * 2] = p;
    this.obs[i * 2 + 1] = 0;
  }

  protected stepAll(actions: ArrayLike<number>, episodes: FinishedEpisode[]): void {
    const { needsReset, position, velocity, stateIsFloat32, next, obs } = this;
    for (let i = 0; i < this.numEnvs; i++) {
      if (needsReset[i] === 1) {
        this.autoreset(i);
        continue;
      }
      const raw = actions[i]!;
      if (typeof raw !== 'number' || Number.isNaN(raw))
        throw this.badAction(i, raw, 'Box(-1, 1, (1,)) (a number)');
      const a = Math.fround(raw); // the action is a float32 value
      const terminated = mountainCarContinuousStep(
        position[i]!,
        velocity[i]!,
        stateIsFloat32[i] === 1,
        a,
        next,
      );
      const p = next[0]!;
      const v = next[1]!;
      position[i] = p;
      velocity[i] = v;
      stateIsFloat32[i] = 1;
      obs[i * 2] = p;
      obs[i * 2 + 1] = v;
      // r = 100·[terminated] − 0.1·a² (a unclipped)
      this.record(i, (terminated ? 100.0 : 0) - a * a * 0.1, terminated, episodes);
    }
  }
}
