import {
  type Action,
  Box,
  Discrete,
  type Env,
  make,
  type Observation,
  type Space,
  type VectorEnv,
  type VectorResetResult,
  type VectorStepResult,
} from '@critic/envs';

/**
 * A minimal synchronous vector env with Gymnasium's NEXT_STEP autoreset, used until the envs
 * package exports its own (not part of the public API). Sub-env i is seeded with seed + i.
 */
export class PrivateSyncVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space<Float32Array> | Space<number>;
  readonly singleActionSpace: Space<Float32Array> | Space<number>;
  readonly obsSize: number;
  readonly actionSize: number;
  private readonly envs: Env<Observation, Action>[];
  private readonly obs: Float32Array;
  private readonly done: Uint8Array;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;

  constructor(id: string, numEnvs: number) {
    this.envs = Array.from({ length: numEnvs }, () => make(id));
    this.numEnvs = numEnvs;
    const first = this.envs[0]!;
    this.singleObservationSpace = first.observationSpace as Space<Float32Array>;
    this.singleActionSpace = first.actionSpace as Space<Float32Array> | Space<number>;
    this.obsSize = first.observationSpace instanceof Box ? first.observationSpace.size : 1;
    this.actionSize = first.actionSpace instanceof Discrete ? 1 : (first.actionSpace as Box).size;
    this.obs = new Float32Array(numEnvs * this.obsSize);
    this.done = new Uint8Array(numEnvs);
    this.returns = new Float64Array(numEnvs);
    this.lengths = new Int32Array(numEnvs);
  }

  reset(opts?: { seed?: number }): VectorResetResult {
    for (let i = 0; i < this.numEnvs; i++) {
      const r = this.envs[i]!.reset(opts?.seed === undefined ? {} : { seed: opts.seed + i });
      this.write(i, r.obs);
    }
    this.done.fill(0);
    this.returns.fill(0);
    this.lengths.fill(0);
    return { obs: this.obs };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    const n = this.numEnvs;
    const rewards = new Float64Array(n);
    const terminated = new Uint8Array(n);
    const truncated = new Uint8Array(n);
    const episodes: { env: number; return: number; length: number }[] = [];
    for (let i = 0; i < n; i++) {
      const env = this.envs[i]!;
      if (this.done[i]) {
        this.write(i, env.reset().obs);
        this.done[i] = 0;
        this.returns[i] = 0;
        this.lengths[i] = 0;
        continue;
      }
      const a =
        this.actionSize === 1 && env.actionSpace instanceof Discrete
          ? actions[i]!
          : Float32Array.from({ length: this.actionSize }, (_, j) => actions[i * this.actionSize + j]!);
      const r = env.step(a);
      this.write(i, r.obs);
      rewards[i] = r.reward;
      terminated[i] = r.terminated ? 1 : 0;
      truncated[i] = r.truncated ? 1 : 0;
      this.returns[i]! += r.reward;
      this.lengths[i]!++;
      if (r.terminated || r.truncated) {
        this.done[i] = 1;
        episodes.push({ env: i, return: this.returns[i]!, length: this.lengths[i]! });
      }
    }
    return { obs: this.obs, rewards, terminated, truncated, episodes };
  }

  close(): void {
    for (const e of this.envs) e.close();
  }

  private write(i: number, o: Observation): void {
    if (typeof o === 'number') this.obs[i] = o;
    else this.obs.set(o, i * this.obsSize);
  }
}
