import type { Rng } from '@critic/envs';

/** A sampled minibatch of transitions (s, a, r, s′, term), row-major typed arrays. */
export interface ReplayBatch {
  obs: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  terminated: Uint8Array;
}

/**
 * A ring buffer of transitions on typed arrays. `nextObs` is the true next observation (the final
 * one at an episode end), and `terminated` (not truncation) is what stops the bootstrap.
 */
export class ReplayBuffer {
  private readonly obs: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float32Array;
  private readonly terminated: Uint8Array;
  private pos = 0;
  /** Transitions stored (≤ capacity). */
  size = 0;

  constructor(
    readonly capacity: number,
    readonly obsSize: number,
  ) {
    this.obs = new Float32Array(capacity * obsSize);
    this.nextObs = new Float32Array(capacity * obsSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.terminated = new Uint8Array(capacity);
  }

  /** Stores one transition; `obs` and `nextObs` are read at row `row` of their arrays. */
  add(
    obs: Float32Array,
    nextObs: Float32Array,
    row: number,
    action: number,
    reward: number,
    terminated: number,
  ): void {
    const d = this.obsSize;
    this.obs.set(obs.subarray(row * d, row * d + d), this.pos * d);
    this.nextObs.set(nextObs.subarray(row * d, row * d + d), this.pos * d);
    this.actions[this.pos] = action;
    this.rewards[this.pos] = reward;
    this.terminated[this.pos] = terminated;
    this.pos = (this.pos + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** `batchSize` transitions drawn uniformly with replacement through `rng`. */
  sample(batchSize: number, rng: Rng): ReplayBatch {
    if (this.size === 0) throw new RangeError('ReplayBuffer.sample: the buffer is empty');
    const d = this.obsSize;
    const out: ReplayBatch = {
      obs: new Float32Array(batchSize * d),
      actions: new Int32Array(batchSize),
      rewards: new Float32Array(batchSize),
      nextObs: new Float32Array(batchSize * d),
      terminated: new Uint8Array(batchSize),
    };
    for (let k = 0; k < batchSize; k++) {
      const i = rng.integer(this.size);
      out.obs.set(this.obs.subarray(i * d, i * d + d), k * d);
      out.nextObs.set(this.nextObs.subarray(i * d, i * d + d), k * d);
      out.actions[k] = this.actions[i]!;
      out.rewards[k] = this.rewards[i]!;
      out.terminated[k] = this.terminated[i]!;
    }
    return out;
  }
}
