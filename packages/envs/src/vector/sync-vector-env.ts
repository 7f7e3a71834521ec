import { EnvError } from '../errors';
import { Box, Discrete, type Space } from '../spaces';
import type { Action, Env, Observation } from '../types';
import { checkNumEnvs, subEnvSeeds } from './seeds';
import type { VectorEnv, VectorResetResult, VectorSeed, VectorStepResult } from './types';

/**
 * Gymnasium's `SyncVectorEnv` for any env: N independent copies stepped in turn, outputs gathered
 * into typed arrays, with next-step autoreset (see `VectorEnv`).
 */
export class SyncVectorEnv implements VectorEnv {
  readonly envs: Env<Observation, Action>[];
  readonly singleObservationSpace: Space<Float32Array> | Space<number>;
  readonly singleActionSpace: Space<Float32Array> | Space<number>;
  readonly obsSize: number;
  readonly actionSize: number;
  private readonly obs: Float32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly needsReset: Uint8Array;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;
  private readonly discreteActions: boolean;
  private started = false;

  constructor(
    /** Builds sub-env i (e.g. `() => make('Acrobot-v1')`). */
    createEnv: (index: number) => Env<Observation, Action>,
    readonly numEnvs: number,
  ) {
    checkNumEnvs(numEnvs);
    this.envs = Array.from({ length: numEnvs }, (_, i) => createEnv(i));
    const first = this.envs[0]!;
    this.singleObservationSpace = first.observationSpace as Space<Float32Array> | Space<number>;
    this.singleActionSpace = first.actionSpace as Space<Float32Array> | Space<number>;
    this.obsSize = spaceSize('observation', this.singleObservationSpace);
    this.actionSize = spaceSize('action', this.singleActionSpace);
    this.discreteActions = this.singleActionSpace instanceof Discrete;
    this.obs = new Float32Array(numEnvs * this.obsSize);
    this.rewards = new Float64Array(numEnvs);
    this.terminated = new Uint8Array(numEnvs);
    this.truncated = new Uint8Array(numEnvs);
    this.needsReset = new Uint8Array(numEnvs);
    this.returns = new Float64Array(numEnvs);
    this.lengths = new Int32Array(numEnvs);
  }

  reset(opts: { seed?: VectorSeed; options?: Record<string, unknown> } = {}): VectorResetResult {
    const seeds = subEnvSeeds(opts.seed, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      const seed = seeds[i];
      const r = this.envs[i]!.reset({
        ...(seed === undefined ? {} : { seed }),
        ...(opts.options ? { options: opts.options } : {}),
      });
      this.writeObs(i, r.obs);
      this.needsReset[i] = 0;
      this.returns[i] = 0;
      this.lengths[i] = 0;
    }
    this.started = true;
    return { obs: this.obs };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    if (!this.started) {
      throw new EnvError('reset_needed', 'VectorEnv.step() called before reset(): call reset() first');
    }
    if (actions.length !== this.numEnvs * this.actionSize) {
      throw new EnvError(
        'invalid_action',
        `VectorEnv.step(actions): expected ${this.numEnvs * this.actionSize} values (numEnvs ${this.numEnvs} × actionSize ${this.actionSize}), found ${actions.length}`,
      );
    }
    const episodes: { env: number; return: number; length: number }[] = [];
    for (let i = 0; i < this.numEnvs; i++) {
      const env = this.envs[i]!;
      if (this.needsReset[i]) {
        this.writeObs(i, env.reset().obs);
        this.rewards[i] = 0;
        this.terminated[i] = 0;
        this.truncated[i] = 0;
        this.needsReset[i] = 0;
        this.returns[i] = 0;
        this.lengths[i] = 0;
        continue;
      }
      const action = this.discreteActions
        ? actions[i]!
        : Float32Array.from({ length: this.actionSize }, (_, j) => actions[i * this.actionSize + j]!);
      let r: ReturnType<typeof env.step>;
      try {
        r = env.step(action);
      } catch (e) {
        if (e instanceof EnvError) throw new EnvError(e.code, `sub-env ${i}: ${e.message}`);
        throw e;
      }
      this.writeObs(i, r.obs);
      this.rewards[i] = r.reward;
      this.terminated[i] = r.terminated ? 1 : 0;
      this.truncated[i] = r.truncated ? 1 : 0;
      this.returns[i]! += r.reward;
      this.lengths[i]!++;
      if (r.terminated || r.truncated) {
        this.needsReset[i] = 1;
        episodes.push({ env: i, return: this.returns[i]!, length: this.lengths[i]! });
      }
    }
    return {
      obs: this.obs,
      rewards: this.rewards,
      terminated: this.terminated,
      truncated: this.truncated,
      episodes,
    };
  }

  close(): void {
    for (const env of this.envs) env.close();
  }

  private writeObs(i: number, obs: Observation): void {
    if (typeof obs === 'number') this.obs[i] = obs;
    else this.obs.set(obs, i * this.obsSize);
  }
}

function spaceSize(what: string, space: Space<unknown>): number {
  if (space instanceof Discrete) return 1;
  if (space instanceof Box) return space.size;
  throw new EnvError('invalid_argument', `SyncVectorEnv: the ${what} space must be a Box or Discrete`);
}
