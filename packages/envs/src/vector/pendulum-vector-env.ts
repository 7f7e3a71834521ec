import { PENDULUM, pendulumStep } from '../classic/pendulum';
import { resetNumber } from '../classic/reset-bounds';
import { Box } from '../spaces';
import { type FinishedEpisode, KernelVectorEnv } from './kernel-vector-env';

/**
 * Pendulum-v1 × N as one struct-of-arrays kernel. Sub-env i is exactly `make('Pendulum-v1')` reset
 * with seed `seed + i`: the same `pendulumStep`, the same PRNG stream, the same time limit (200);
 * episodes end (always by truncation) with next-step autoreset (see `VectorEnv`). Actions are one
 * torque per sub-env, rounded to float32 and clipped to [−2, 2] as the single env does.
 */
export class PendulumVectorEnv extends KernelVectorEnv {
  readonly singleObservationSpace = new Box([-1, -1, -PENDULUM.maxSpeed], [1, 1, PENDULUM.maxSpeed]);
  readonly singleActionSpace = new Box(-PENDULUM.maxTorque, PENDULUM.maxTorque, [1]);
  private readonly theta: Float64Array;
  private readonly thetaDot: Float64Array;
  private readonly next = new Float64Array(3);
  /** Reset bounds of θ and θ̇ (Gymnasium's options x_init, y_init). */
  private xInit = Math.PI;
  private yInit = 1.0;

  constructor(numEnvs: number, maxEpisodeSteps = 200) {
    super('Pendulum-v1', numEnvs, 3, maxEpisodeSteps);
    this.theta = new Float64Array(numEnvs);
    this.thetaDot = new Float64Array(numEnvs);
  }

  getState(i: number): number[] {
    return [this.theta[i]!, this.thetaDot[i]!];
  }

  protected configureReset(options: Record<string, unknown> | undefined): void {
    this.xInit = options && 'x_init' in options ? resetNumber(this.id, 'x_init', options.x_init) : Math.PI;
    this.yInit = options && 'y_init' in options ? resetNumber(this.id, 'y_init', options.y_init) : 1.0;
  }

  protected resetOne(i: number): void {
    const rng = this.rngs[i]!;
    const th = rng.uniform(-this.xInit, this.xInit);
    const thd = rng.uniform(-this.yInit, this.yInit);
    this.theta[i] = th;
    this.thetaDot[i] = thd;
    this.observe(i, th, thd);
  }

  protected stepAll(actions: ArrayLike<number>, episodes: FinishedEpisode[]): void {
    const { needsReset, theta, thetaDot, next } = this;
    for (let i = 0; i < this.numEnvs; i++) {
      if (needsReset[i] === 1) {
        this.autoreset(i);
        continue;
      }
      const a = actions[i]!;
      if (typeof a !== 'number' || Number.isNaN(a)) throw this.badAction(i, a, 'Box(-2, 2, (1,)) (a number)');
      const reward = pendulumStep(theta[i]!, thetaDot[i]!, a, next);
      const th = next[0]!;
      const thd = next[1]!;
      theta[i] = th;
      thetaDot[i] = thd;
      this.observe(i, th, thd);
      this.record(i, reward, false, episodes);
    }
  }

  private observe(i: number, th: number, thd: number): void {
    const o = i * 3;
    this.obs[o] = Math.cos(th);
    this.obs[o + 1] = Math.sin(th);
    this.obs[o + 2] = thd;
  }
}
