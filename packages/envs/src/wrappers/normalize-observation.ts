import { EnvError } from '../errors';
import { Box, type Space } from '../spaces';
import type { Action, Env, ResetOptions, ResetResult, StepResult } from '../types';
import { RunningMeanStd } from './running-mean-std';
import { Wrapper } from './wrapper';

/**
 * Gymnasium's `NormalizeObservation`: obs ↦ (obs − μ) / √(σ² + ε), with μ, σ² running statistics
 * updated on every observation (reset's included) while `updateRunningMean` is true.
 * The observation space becomes an unbounded Box of the same shape.
 */
export class NormalizeObservation<A = Action> extends Wrapper<Float32Array, A> {
  readonly rms: RunningMeanStd;
  /** Whether observations still update the statistics (freeze them for evaluation). */
  updateRunningMean = true;
  private readonly normalizedSpace: Box;

  constructor(
    env: Env<Float32Array, A>,
    /** Added to the variance before the square root. */
    readonly epsilon = 1e-8,
  ) {
    super(env);
    const space = env.observationSpace as Space<Float32Array>;
    if (!(space instanceof Box)) {
      throw new EnvError(
        'invalid_argument',
        'NormalizeObservation: the wrapped env must have a Box observation space',
      );
    }
    this.rms = new RunningMeanStd(space.size);
    this.normalizedSpace = new Box(-Infinity, Infinity, space.shape);
  }

  override get observationSpace(): Space<Float32Array> {
    return this.normalizedSpace;
  }

  /** Replaces the statistics, e.g. with a trained agent's `{ mean, std }` (σ² = std² − ε). */
  setStatistics(mean: ArrayLike<number>, variance: ArrayLike<number>, count = 1): void {
    const n = this.rms.mean.length;
    if (mean.length !== n || variance.length !== n) {
      throw new EnvError(
        'invalid_argument',
        `NormalizeObservation.setStatistics: expected mean and variance of length ${n}, found ${mean.length} and ${variance.length}`,
      );
    }
    this.rms.mean.set(mean);
    this.rms.var.set(variance);
    this.rms.count = count;
  }

  override reset(opts?: ResetOptions): ResetResult<Float32Array> {
    const result = this.env.reset(opts);
    return { obs: this.normalize(result.obs), info: result.info };
  }

  override step(action: A): StepResult<Float32Array> {
    const result = this.env.step(action);
    result.obs = this.normalize(result.obs);
    return result;
  }

  /** Normalizes one observation (updating the statistics first when enabled). */
  normalize(obs: ArrayLike<number>): Float32Array {
    if (this.updateRunningMean) this.rms.update(obs);
    const out = new Float32Array(obs.length);
    for (let i = 0; i < obs.length; i++) {
      // z = (x − μ) / √(σ² + ε)
      out[i] = (obs[i]! - this.rms.mean[i]!) / Math.sqrt(this.rms.var[i]! + this.epsilon);
    }
    return out;
  }
}
