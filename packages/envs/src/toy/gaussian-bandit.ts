import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import { EnvError } from '../errors';
import { renderBandit } from '../render/toy';
import { Discrete } from '../spaces';
import type { Frame, StepResult } from '../types';

export interface GaussianBanditOptions extends BaseEnvOptions {
  /** Number of arms k (default 10). */
  k?: number;
  /** Mean of the distribution the arms' true values q*(a) are drawn from at reset (default 0). */
  qMean?: number;
  /** Standard deviation of that distribution (default 1). */
  qStd?: number;
  /** Standard deviation of a pull's reward around q*(a) (default 1). */
  rewardStd?: number;
}

/**
 * The lecture's k-armed Gaussian bandit (Sutton & Barto's testbed): one state (observation 0),
 * q*(a) ~ N(qMean, qStd²) drawn at each reset (or given as `reset({ options: { qStar } })`),
 * a pull of arm a pays R ~ N(q*(a), rewardStd²). Never terminates (the registry's time limit ends a run).
 * `info.optimal` says whether the pulled arm has the highest q*.
 */
export class GaussianBanditEnv extends BaseEnv<number, number> {
  readonly observationSpace = new Discrete(1);
  readonly actionSpace: Discrete;
  readonly k: number;
  private readonly qMean: number;
  private readonly qStd: number;
  private readonly rewardStd: number;
  private qStar: Float64Array;
  private best = 0;
  private lastAction: number | undefined;

  constructor(options: GaussianBanditOptions = {}) {
    super('GaussianBandit-v0', options, 4);
    this.k = positiveInt('k', options.k ?? 10);
    this.qMean = finite('qMean', options.qMean ?? 0);
    this.qStd = nonNegative('qStd', options.qStd ?? 1);
    this.rewardStd = nonNegative('rewardStd', options.rewardStd ?? 1);
    this.actionSpace = new Discrete(this.k);
    this.qStar = new Float64Array(this.k);
  }

  /** The arms' true values q*(a) of the current run (a copy). */
  get trueValues(): number[] {
    return Array.from(this.qStar);
  }

  protected resetState(options: Record<string, unknown> | undefined): number {
    const given = options?.qStar;
    if (given !== undefined) {
      if (!Array.isArray(given) || given.length !== this.k || !given.every((v) => Number.isFinite(v))) {
        throw new EnvError(
          'invalid_argument',
          `${this.id}.reset: options.qStar must be an array of ${this.k} finite numbers`,
        );
      }
      this.qStar = Float64Array.from(given as number[]);
    } else {
      for (let a = 0; a < this.k; a++) this.qStar[a] = this.qMean + this.qStd * this.rng.normal();
    }
    this.best = 0;
    for (let a = 1; a < this.k; a++) if (this.qStar[a]! > this.qStar[this.best]!) this.best = a;
    this.lastAction = undefined;
    return 0;
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<number> {
    this.lastAction = action;
    // R ~ N(q*(a), σ²)
    const reward = this.qStar[action]! + this.rewardStd * this.rng.normal();
    const optimal = this.qStar[action] === this.qStar[this.best];
    return { obs: 0, reward, terminated: false, truncated: false, info: { optimal } };
  }

  /** State for rendering: [q*(0), …, q*(k−1), last action or −1]. */
  getState(): number[] {
    return [...this.qStar, this.lastAction ?? -1];
  }

  render(): Frame {
    return renderBandit(this.getState());
  }
}

function positiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0) {
    throw new EnvError('invalid_argument', `GaussianBandit: ${name} must be a positive integer, found ${v}`);
  }
  return v;
}

function finite(name: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EnvError(
      'invalid_argument',
      `GaussianBandit: ${name} must be a finite number, found ${String(v)}`,
    );
  }
  return v;
}

function nonNegative(name: string, v: number): number {
  if (finite(name, v) < 0) {
    throw new EnvError('invalid_argument', `GaussianBandit: ${name} must be ≥ 0, found ${v}`);
  }
  return v;
}
