import { CARTPOLE } from '../classic/cartpole';
import { parseResetBounds } from '../classic/reset-bounds';
import { EnvError } from '../errors';
import { portableCos, portableSin } from '../portable-trig';
import { Rng } from '../rng';
import { Box, Discrete } from '../spaces';
import { checkNumEnvs, subEnvSeeds } from './seeds';
import type { VectorEnv, VectorResetResult, VectorSeed, VectorStepResult } from './types';

const { thetaThreshold, xThreshold } = CARTPOLE;

/**
 * CartPole-v1 × N as one struct-of-arrays kernel (Gymnasium's `CartPoleVectorEnv` counterpart).
 * Sub-env i is exactly `make('CartPole-v1')` reset with seed `seed + i`: same arithmetic, same
 * PRNG stream, same time limit; episodes end with next-step autoreset (see `VectorEnv`).
 */
export class CartPoleVectorEnv implements VectorEnv {
  readonly singleObservationSpace = new Box(
    [-xThreshold * 2, -Infinity, -thetaThreshold * 2, -Infinity],
    [xThreshold * 2, Infinity, thetaThreshold * 2, Infinity],
  );
  readonly singleActionSpace = new Discrete(2);
  readonly obsSize = 4;
  readonly actionSize = 1;
  private readonly x: Float64Array;
  private readonly xDot: Float64Array;
  private readonly theta: Float64Array;
  private readonly thetaDot: Float64Array;
  private readonly obs: Float32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly needsReset: Uint8Array;
  private readonly elapsed: Int32Array;
  private readonly rngs: Rng[];
  private low = -0.05;
  private high = 0.05;
  private started = false;

  constructor(
    readonly numEnvs: number,
    /** Truncation length (default 500, CartPole-v1's registration). */
    readonly maxEpisodeSteps = 500,
  ) {
    checkNumEnvs(numEnvs);
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new EnvError(
        'invalid_argument',
        `CartPoleVectorEnv: maxEpisodeSteps must be a positive integer, found ${maxEpisodeSteps}`,
      );
    }
    this.x = new Float64Array(numEnvs);
    this.xDot = new Float64Array(numEnvs);
    this.theta = new Float64Array(numEnvs);
    this.thetaDot = new Float64Array(numEnvs);
    this.obs = new Float32Array(numEnvs * 4);
    this.rewards = new Float64Array(numEnvs);
    this.terminated = new Uint8Array(numEnvs);
    this.truncated = new Uint8Array(numEnvs);
    this.needsReset = new Uint8Array(numEnvs);
    this.elapsed = new Int32Array(numEnvs);
    this.rngs = Array.from({ length: numEnvs }, () => new Rng(0));
  }

  reset(opts: { seed?: VectorSeed; options?: Record<string, unknown> } = {}): VectorResetResult {
    const seeds = subEnvSeeds(opts.seed, this.numEnvs);
    ({ low: this.low, high: this.high } = parseResetBounds('CartPoleVectorEnv', opts.options, -0.05, 0.05));
    for (let i = 0; i < this.numEnvs; i++) {
      const seed = seeds[i];
      if (seed !== undefined) this.rngs[i] = new Rng(seed);
      this.resetOne(i);
    }
    this.started = true;
    return { obs: this.obs };
  }

  /** The float64 state (x, ẋ, θ, θ̇) of sub-env i. */
  getState(i: number): number[] {
    return [this.x[i]!, this.xDot[i]!, this.theta[i]!, this.thetaDot[i]!];
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    if (!this.started) {
      throw new EnvError(
        'reset_needed',
        'CartPoleVectorEnv.step() called before reset(): call reset() first',
      );
    }
    const n = this.numEnvs;
    if (actions.length !== n) {
      throw new EnvError(
        'invalid_action',
        `CartPoleVectorEnv.step(actions): expected ${n} actions (one per sub-env), found ${actions.length}`,
      );
    }
    const { x, xDot, theta, thetaDot, obs, rewards, terminated, truncated, needsReset, elapsed } = this;
    const max = this.maxEpisodeSteps;
    // constants as locals, so the optimizing compiler keeps them in registers
    const { gravity, massPole, totalMass, length, poleMassLength, forceMag, tau } = CARTPOLE;
    const xLimit = CARTPOLE.xThreshold;
    const thetaLimit = CARTPOLE.thetaThreshold;
    const episodes: { env: number; return: number; length: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (needsReset[i] === 1) {
        this.resetOne(i);
        rewards[i] = 0;
        terminated[i] = 0;
        truncated[i] = 0;
        continue;
      }
      const a = actions[i];
      if (a !== 0 && a !== 1) {
        throw new EnvError(
          'invalid_action',
          `CartPoleVectorEnv.step(actions): actions[${i}] = ${a} is not in Discrete(2) (0 or 1)`,
        );
      }
      // Same expressions, in the same order, as CartPoleEnv.transition.
      const x0 = x[i]!;
      const xd0 = xDot[i]!;
      const th0 = theta[i]!;
      const thd0 = thetaDot[i]!;
      const force = (2 * a - 1) * forceMag; // ±F without a branch (a is 0 or 1)
      const cosTheta = portableCos(th0);
      const sinTheta = portableSin(th0);
      const temp = (force + poleMassLength * (thd0 * thd0) * sinTheta) / totalMass;
      const thetaAcc =
        (gravity * sinTheta - cosTheta * temp) /
        (length * (4.0 / 3.0 - (massPole * (cosTheta * cosTheta)) / totalMass));
      const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
      const x1 = x0 + tau * xd0;
      const xd1 = xd0 + tau * xAcc;
      const th1 = th0 + tau * thd0;
      const thd1 = thd0 + tau * thetaAcc;
      x[i] = x1;
      xDot[i] = xd1;
      theta[i] = th1;
      thetaDot[i] = thd1;
      const o = i * 4;
      obs[o] = x1;
      obs[o + 1] = xd1;
      obs[o + 2] = th1;
      obs[o + 3] = thd1;
      const term = x1 < -xLimit || x1 > xLimit || th1 < -thetaLimit || th1 > thetaLimit;
      const steps = elapsed[i]! + 1;
      elapsed[i] = steps;
      const trunc = steps >= max;
      rewards[i] = 1;
      terminated[i] = term ? 1 : 0;
      truncated[i] = trunc ? 1 : 0;
      if (term || trunc) {
        needsReset[i] = 1;
        // every CartPole step pays 1, so the return is the length
        episodes.push({ env: i, return: steps, length: steps });
      }
    }
    return { obs, rewards, terminated, truncated, episodes };
  }

  close(): void {}

  private resetOne(i: number): void {
    const rng = this.rngs[i]!;
    const { low, high } = this;
    const x = rng.uniform(low, high);
    const xd = rng.uniform(low, high);
    const th = rng.uniform(low, high);
    const thd = rng.uniform(low, high);
    this.x[i] = x;
    this.xDot[i] = xd;
    this.theta[i] = th;
    this.thetaDot[i] = thd;
    const o = i * 4;
    this.obs[o] = x;
    this.obs[o + 1] = xd;
    this.obs[o + 2] = th;
    this.obs[o + 3] = thd;
    this.elapsed[i] = 0;
    this.needsReset[i] = 0;
  }
}
