import { MOUNTAIN_CAR, mountainCarStep } from '../classic/mountain-car';
import { parseResetBounds } from '../classic/reset-bounds';
import { Box, Discrete } from '../spaces';
import { type FinishedEpisode, KernelVectorEnv } from './kernel-vector-env';

/**
 * MountainCar-v0 × N as one struct-of-arrays kernel. Sub-env i is exactly `make('MountainCar-v0')`
 * reset with seed `seed + i`: the same `mountainCarStep`, the same PRNG stream, the same time
 * limit (200); episodes end with next-step autoreset (see `VectorEnv`).
 */
export class MountainCarVectorEnv extends KernelVectorEnv {
  readonly singleObservationSpace = new Box(
    [MOUNTAIN_CAR.minPosition, -MOUNTAIN_CAR.maxSpeed],
    [MOUNTAIN_CAR.maxPosition, MOUNTAIN_CAR.maxSpeed],
  );
  readonly singleActionSpace = new Discrete(3);
  private readonly position: Float64Array;
  private readonly velocity: Float64Array;
  private readonly next = new Float64Array(2);
  private low = -0.6;
  private high = -0.4;

  constructor(numEnvs: number, maxEpisodeSteps = 200) {
    super('MountainCar-v0', numEnvs, 2, maxEpisodeSteps);
    this.position = new Float64Array(numEnvs);
    this.velocity = new Float64Array(numEnvs);
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
    this.obs[i * 2] = p;
    this.obs[i * 2 + 1] = 0;
  }

  protected stepAll(actions: ArrayLike<number>, episodes: FinishedEpisode[]): void {
    const { needsReset, position, velocity, next, obs } = this;
    for (let i = 0; i < this.numEnvs; i++) {
      if (needsReset[i] === 1) {
        this.autoreset(i);
        continue;
      }
      const a = actions[i]!;
      if (a !== 0 && a !== 1 && a !== 2) throw this.badAction(i, a, 'Discrete(3) (0, 1 or 2)');
      const terminated = mountainCarStep(position[i]!, velocity[i]!, a, next);
      const p = next[0]!;
      const v = next[1]!;
      position[i] = p;
      velocity[i] = v;
      obs[i * 2] = p;
      obs[i * 2 + 1] = v;
      this.record(i, -1, terminated, episodes);
    }
  }
}
