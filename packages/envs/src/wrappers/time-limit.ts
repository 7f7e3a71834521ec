import { EnvError } from '../errors';
import type { Action, Env, Observation, ResetOptions, ResetResult, StepResult } from '../types';
import { Wrapper } from './wrapper';

/**
 * Gymnasium's `TimeLimit`: `truncated = elapsed ≥ maxEpisodeSteps` after each step, independent of
 * `terminated` (both may be true on the same step).
 */
export class TimeLimit<O = Observation, A = Action> extends Wrapper<O, A> {
  private elapsed = 0;

  constructor(
    env: Env<O, A>,
    readonly maxEpisodeSteps: number,
  ) {
    super(env);
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new EnvError(
        'invalid_argument',
        `TimeLimit: maxEpisodeSteps must be a positive integer, found ${String(maxEpisodeSteps)}`,
      );
    }
  }

  /** Steps taken since the last reset. */
  get elapsedSteps(): number {
    return this.elapsed;
  }

  override reset(opts?: ResetOptions): ResetResult<O> {
    this.elapsed = 0;
    return this.env.reset(opts);
  }

  override step(action: A): StepResult<O> {
    const result = this.env.step(action);
    this.elapsed++;
    if (this.elapsed >= this.maxEpisodeSteps) result.truncated = true;
    return result;
  }
}
