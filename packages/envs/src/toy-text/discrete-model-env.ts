import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import type { StatefulEnv } from '../classic/stateful';
import { EnvError } from '../errors';
import { Discrete } from '../spaces';
import type { Info, ResetOptions, StepResult } from '../types';
import { categoricalSample, type TransitionModel } from './transition-model';

/** What a toy-text env is built from: its transition table and initial-state distribution. */
export interface DiscreteModel {
  /** `P[s][a]`, Gymnasium's transition table. */
  P: TransitionModel;
  /** Probability of starting in each state (Gymnasium's `initial_state_distrib`). */
  initialStateDistribution: readonly number[];
}

/**
 * Gymnasium's toy-text envs with a transition table (FrozenLake, Taxi, CliffWalking): `reset` samples
 * the initial state from `initialStateDistribution`, `step` samples an outcome of `P[s][a]`, both with
 * `categoricalSample` on the env's seeded `Rng`, so the table is the dynamics. `info.prob` is the
 * probability of the sampled outcome (1 at reset), as Gymnasium.
 */
export abstract class DiscreteModelEnv extends BaseEnv<number, number> implements StatefulEnv {
  readonly observationSpace: Discrete;
  readonly actionSpace: Discrete;
  /** The transition table the env steps with: `P[s][a] = [[probability, nextState, reward, terminated], …]`. */
  readonly P: TransitionModel;
  /** Probability of each initial state. */
  readonly initialStateDistribution: readonly number[];
  /** The current state (Gymnasium's `env.unwrapped.s`). */
  protected s = 0;
  /** The last action taken this episode (for rendering), undefined right after reset. */
  protected lastAction: number | undefined = undefined;

  constructor(id: string, options: BaseEnvOptions | undefined, renderFps: number, model: DiscreteModel) {
    super(id, options, renderFps);
    this.P = model.P;
    this.initialStateDistribution = model.initialStateDistribution;
    this.observationSpace = new Discrete(model.P.length);
    this.actionSpace = new Discrete(model.P[0]?.length ?? 1);
  }

  override reset(opts?: ResetOptions): { obs: number; info: Info } {
    const { obs } = super.reset(opts);
    return { obs, info: this.infoFor(obs, 1) };
  }

  protected resetState(): number {
    this.s = categoricalSample(this.initialStateDistribution, this.rng);
    this.lastAction = undefined;
    return this.s;
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<number> {
    const outcomes = this.P[this.s]![action]!;
    const i = categoricalSample(
      outcomes.map((t) => t[0]),
      this.rng,
    );
    const [prob, next, reward, terminated] = outcomes[i]!;
    this.s = next;
    this.lastAction = action;
    return { obs: next, reward, terminated, truncated: false, info: this.infoFor(next, prob) };
  }

  /** The `info` returned with state `s` reached with probability `prob`. */
  protected infoFor(_s: number, prob: number): Info {
    return { prob };
  }

  /** `[s]`: the current state index. */
  getState(): number[] {
    return [this.s];
  }

  /** Sets the current state index (`[s]`), e.g. to sample `P[s][a]` from a chosen state in tests. */
  setState(state: ArrayLike<number>): void {
    const s = state?.[0];
    if (state?.length !== 1 || !this.observationSpace.contains(s)) {
      throw new EnvError(
        'invalid_argument',
        `${this.id}.setState: expected [s] with s an integer in 0..${this.observationSpace.n - 1}, found ${JSON.stringify(Array.from(state ?? []))}`,
      );
    }
    this.s = s;
  }
}
