import { EnvError } from './errors';
import { type EnvLogger, silentLogger } from './logger';
import { Rng } from './rng';
import { describeSpace, explainNotContained, typeName } from './space-explain';
import type { Box, Space } from './spaces';
import type { Action, Env, EnvSpec, Frame, Info, Observation, ResetOptions, StepResult } from './types';

/** Options every built-in env accepts. */
export interface BaseEnvOptions {
  /** Receives warnings (e.g. `step` after termination); silent by default. */
  logger?: EnvLogger;
}

const NEEDS_RESET = 0;
const RUNNING = 1;
const ENDED = 2;

/**
 * The lifecycle shared by Critic's built-in envs, as Gymnasium's `Env` + `OrderEnforcing`:
 * `step` before `reset` throws `reset_needed`; an action outside the space throws `invalid_action`;
 * `step` after termination warns (once per episode) through the logger and carries on.
 */
export abstract class BaseEnv<O extends Observation, A extends Action> implements Env<O, A> {
  abstract readonly observationSpace: Space<O>;
  abstract readonly actionSpace: Space<A>;
  /** Registration facts; set by `make`, undefined for an env constructed directly. */
  spec: EnvSpec | undefined = undefined;
  readonly metadata: { renderFps: number };
  /** The env's PRNG; reseeded by `reset({ seed })`. */
  protected rng: Rng = new Rng(0);
  protected readonly logger: EnvLogger;
  private status = NEEDS_RESET;
  private warned = false;

  constructor(
    /** The id used in messages (the registry id for built-in envs). */
    readonly id: string,
    options: BaseEnvOptions | undefined,
    renderFps: number,
  ) {
    this.logger = options?.logger ?? silentLogger;
    this.metadata = { renderFps };
  }

  reset(opts?: ResetOptions): { obs: O; info: Info } {
    if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
      throw new EnvError(
        'invalid_argument',
        `${this.id}.reset(opts): expected an object { seed?, options? }, found ${typeName(opts)}`,
      );
    }
    const seed = opts?.seed;
    if (seed !== undefined) {
      if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
        throw new EnvError(
          'invalid_argument',
          `${this.id}.reset: seed must be a non-negative safe integer, found ${typeName(seed) === 'number' ? seed : typeName(seed)}`,
        );
      }
      this.rng = new Rng(seed);
    }
    const options = opts?.options;
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new EnvError(
        'invalid_argument',
        `${this.id}.reset: options must be an object, found ${typeName(options)}`,
      );
    }
    const obs = this.resetState(options ?? undefined);
    this.status = RUNNING;
    this.warned = false;
    return { obs, info: {} };
  }

  step(action: A): StepResult<O> {
    if (this.status !== RUNNING) this.outsideEpisode();
    const problem = this.actionProblem(action);
    if (problem !== undefined) {
      throw new EnvError(
        'invalid_action',
        `${this.id}.step(action): ${problem}; the action space is ${describeSpace(this.actionSpace)}`,
      );
    }
    const result = this.transition(action);
    if (result.terminated) this.status = ENDED;
    return result;
  }

  close(): void {}

  abstract render(): Frame;

  /** Draws the initial state from `this.rng` (honouring env-specific options) and returns the observation. */
  protected abstract resetState(options: Record<string, unknown> | undefined): O;

  /** Applies a validated action to the state. */
  protected abstract transition(action: A): StepResult<O>;

  /** Why `action` is not acceptable, or undefined. */
  protected abstract actionProblem(action: unknown): string | undefined;

  /** Whether the current episode has already terminated (a `step` now is outside Gymnasium's contract). */
  protected get afterTermination(): boolean {
    return this.status === ENDED;
  }

  private outsideEpisode(): void {
    if (this.status === NEEDS_RESET) {
      throw new EnvError(
        'reset_needed',
        `${this.id}.step() called before reset(): call env.reset() to start an episode first`,
      );
    }
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(
        `${this.id}.step() called after the episode terminated (terminated = true); ` +
          'call reset() to start a new episode: any further steps are undefined behavior',
      );
    }
  }
}

/** Action check for a Discrete action space: an integer inside it. */
export function discreteActionProblem(space: Space<number>, action: unknown): string | undefined {
  return space.contains(action) ? undefined : explainNotContained(space, action);
}

/**
 * Action check for a Box action space, as Gymnasium's continuous envs: the shape must match and
 * every value be a number (not NaN); values outside the bounds are accepted and clipped by the env.
 */
export function boxActionProblem(space: Box, action: unknown): string | undefined {
  if (!(action instanceof Float32Array || action instanceof Float64Array || Array.isArray(action))) {
    return `expected a Float32Array (or number[]) of length ${space.size}, found ${typeName(action)}`;
  }
  if (action.length !== space.size) return `expected length ${space.size}, found length ${action.length}`;
  for (let i = 0; i < action.length; i++) {
    const a: unknown = action[i];
    if (typeof a !== 'number') return `element ${i} is ${typeName(a)}, expected a number`;
    if (Number.isNaN(a)) return `element ${i} is NaN`;
  }
  return undefined;
}
