import type { Space } from '../spaces';
import type {
  Action,
  Env,
  EnvSpec,
  Frame,
  Observation,
  ResetOptions,
  ResetResult,
  StepResult,
} from '../types';

/** Gymnasium's `Wrapper`: forwards everything to the wrapped env; subclasses override what they change. */
export class Wrapper<O = Observation, A = Action> implements Env<O, A> {
  private ownSpec: EnvSpec | undefined;

  constructor(readonly env: Env<O, A>) {}

  get observationSpace(): Space<O> {
    return this.env.observationSpace;
  }

  get actionSpace(): Space<A> {
    return this.env.actionSpace;
  }

  /** This wrapper's spec if one was set (as `make` does), else the wrapped env's. */
  get spec(): EnvSpec | undefined {
    return this.ownSpec ?? this.env.spec;
  }

  set spec(spec: EnvSpec | undefined) {
    this.ownSpec = spec;
  }

  get metadata(): { renderFps: number } {
    return this.env.metadata;
  }

  /** The innermost env, under every wrapper. */
  get unwrapped(): Env<unknown, unknown> {
    let e: Env<unknown, unknown> = this.env as Env<unknown, unknown>;
    while (e instanceof Wrapper) e = e.env as Env<unknown, unknown>;
    return e;
  }

  reset(opts?: ResetOptions): ResetResult<O> {
    return this.env.reset(opts);
  }

  step(action: A): StepResult<O> {
    return this.env.step(action);
  }

  render(): Frame {
    return this.env.render();
  }

  close(): void {
    this.env.close();
  }
}
