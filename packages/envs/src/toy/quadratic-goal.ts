import { BaseEnv, type BaseEnvOptions, boxActionProblem } from '../base-env';
import { EnvError } from '../errors';
import { renderQuadraticGoal } from '../render/toy';
import { Box, Discrete } from '../spaces';
import type { Frame, StepResult } from '../types';

export interface QuadraticGoalOptions extends BaseEnvOptions {
  /** The goal g the action should hit (default 1). */
  goal?: number;
  /** Half-width of the action space: actions live in [−bound, bound] and are clipped there (default 5). */
  bound?: number;
  /** Standard deviation of Gaussian noise added to the reward (default 0: deterministic). */
  noiseStd?: number;
}

/**
 * The lecture's single-state continuous-action problem: one state (observation 0), one action
 * a ∈ [−bound, bound], reward r = −(a − g)² (plus optional noise); every episode is one step.
 */
export class QuadraticGoalEnv extends BaseEnv<number, ArrayLike<number>> {
  readonly observationSpace = new Discrete(1);
  readonly actionSpace: Box;
  readonly goal: number;
  private readonly noiseStd: number;
  private lastAction: number | undefined;

  constructor(options: QuadraticGoalOptions = {}) {
    super('QuadraticGoal-v0', options, 4);
    const bound = options.bound ?? 5;
    if (!Number.isFinite(bound) || bound <= 0) {
      throw new EnvError(
        'invalid_argument',
        `QuadraticGoal: bound must be a positive finite number, found ${bound}`,
      );
    }
    this.goal = options.goal ?? 1;
    if (!Number.isFinite(this.goal)) {
      throw new EnvError(
        'invalid_argument',
        `QuadraticGoal: goal must be a finite number, found ${this.goal}`,
      );
    }
    this.noiseStd = options.noiseStd ?? 0;
    if (!Number.isFinite(this.noiseStd) || this.noiseStd < 0) {
      throw new EnvError('invalid_argument', `QuadraticGoal: noiseStd must be ≥ 0, found ${this.noiseStd}`);
    }
    this.actionSpace = new Box(-bound, bound, [1]);
  }

  protected resetState(): number {
    this.lastAction = undefined;
    return 0;
  }

  protected actionProblem(action: unknown): string | undefined {
    return boxActionProblem(this.actionSpace, action);
  }

  protected transition(action: ArrayLike<number>): StepResult<number> {
    const a = Math.min(
      Math.max(Math.fround(action[0]!), this.actionSpace.low[0]!),
      this.actionSpace.high[0]!,
    );
    this.lastAction = a;
    const noise = this.noiseStd > 0 ? this.noiseStd * this.rng.normal() : 0;
    // r = −(a − g)²
    const reward = -((a - this.goal) * (a - this.goal)) + noise;
    return { obs: 0, reward, terminated: true, truncated: false, info: {} };
  }

  /** State for rendering: [goal, last action (NaN before the first step)]. */
  getState(): number[] {
    return [this.goal, this.lastAction ?? Number.NaN];
  }

  render(): Frame {
    return renderQuadraticGoal(this.getState(), this.actionSpace.high[0]!);
  }
}
