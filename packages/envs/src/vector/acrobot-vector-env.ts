import { ACROBOT, AcrobotWork, acrobotStep } from '../classic/acrobot';
import { parseResetBounds } from '../classic/reset-bounds';
import { Box, Discrete } from '../spaces';
import { type FinishedEpisode, KernelVectorEnv } from './kernel-vector-env';

/**
 * Acrobot-v1 × N as one struct-of-arrays kernel. Sub-env i is exactly `make('Acrobot-v1')` reset
 * with seed `seed + i`: the same `acrobotStep` (RK4 over dt = 0.2), the same PRNG stream, the
 * same time limit (500); episodes end with next-step autoreset (see `VectorEnv`).
 */
export class AcrobotVectorEnv extends KernelVectorEnv {
  readonly singleObservationSpace = new Box(
    [-1, -1, -1, -1, -ACROBOT.maxVel1, -ACROBOT.maxVel2],
    [1, 1, 1, 1, ACROBOT.maxVel1, ACROBOT.maxVel2],
  );
  readonly singleActionSpace = new Discrete(3);
  /** (θ1, θ2, θ̇1, θ̇2) of sub-env i at [4i, 4i + 4). */
  private readonly state: Float64Array;
  private readonly work = new AcrobotWork();
  private low = -0.1;
  private high = 0.1;

  constructor(numEnvs: number, maxEpisodeSteps = 500) {
    super('Acrobot-v1', numEnvs, 6, maxEpisodeSteps);
    this.state = new Float64Array(numEnvs * 4);
  }

  getState(i: number): number[] {
    return Array.from(this.state.subarray(i * 4, i * 4 + 4));
  }

  protected configureReset(options: Record<string, unknown> | undefined): void {
    ({ low: this.low, high: this.high } = parseResetBounds(this.id, options, -0.1, 0.1));
  }

  protected resetOne(i: number): void {
    const rng = this.rngs[i]!;
    // Gymnasium draws the state in float64 and casts it to float32
    for (let k = 0; k < 4; k++) this.state[i * 4 + k] = Math.fround(rng.uniform(this.low, this.high));
    this.observe(i);
  }

  protected stepAll(actions: ArrayLike<number>, episodes: FinishedEpisode[]): void {
    const { needsReset, state, work } = this;
    const torques = ACROBOT.availTorque;
    for (let i = 0; i < this.numEnvs; i++) {
      if (needsReset[i] === 1) {
        this.autoreset(i);
        continue;
      }
      const a = actions[i]!;
      if (a !== 0 && a !== 1 && a !== 2) throw this.badAction(i, a, 'Discrete(3) (0, 1 or 2)');
      const terminated = acrobotStep(state, i * 4, torques[a]!, work);
      this.observe(i);
      // reward −1 per step, 0 on the terminating step
      this.record(i, terminated ? 0 : -1, terminated, episodes);
    }
  }

  private observe(i: number): void {
    const s = this.state;
    const o = i * 6;
    const t1 = s[i * 4]!;
    const t2 = s[i * 4 + 1]!;
    this.obs[o] = Math.cos(t1);
    this.obs[o + 1] = Math.sin(t1);
    this.obs[o + 2] = Math.cos(t2);
    this.obs[o + 3] = Math.sin(t2);
    this.obs[o + 4] = s[i * 4 + 2]!;
    this.obs[o + 5] = s[i * 4 + 3]!;
  }
}
