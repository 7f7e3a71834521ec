/**
 * Running mean and variance of observations (Chan et al.'s parallel update), used to feed the
 * networks (o − μ)/√(σ² + ε). The statistics are exported in `critic.json` so the grader applies
 * the very same transform.
 */
export class ObsNormalizer {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(
    readonly size: number,
    /** Added to the variance before the square root. */
    readonly epsilon = 1e-8,
  ) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
    this.count = 1e-4;
  }

  /** Folds `n` observations (row-major n × size) into the statistics. */
  update(obs: ArrayLike<number>, n: number): void {
    const d = this.size;
    for (let j = 0; j < d; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += obs[i * d + j]!;
      m /= n;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const x = obs[i * d + j]! - m;
        v += x * x;
      }
      v /= n;
      // Combine (mean, var, count) with the batch's (m, v, n).
      const delta = m - this.mean[j]!;
      const total = this.count + n;
      this.mean[j] = this.mean[j]! + (delta * n) / total;
      const m2 = this.var[j]! * this.count + v * n + (delta * delta * this.count * n) / total;
      this.var[j] = m2 / total;
    }
    this.count += n;
  }

  /** (o − μ)/√(σ² + ε) for n rows, written into `out` (allocated when omitted). */
  normalize(obs: ArrayLike<number>, n: number, out = new Float32Array(n * this.size)): Float32Array {
    const d = this.size;
    const std = this.std();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) out[i * d + j] = (obs[i * d + j]! - this.mean[j]!) / std[j]!;
    }
    return out;
  }

  /** √(σ² + ε) per feature. */
  std(): Float64Array {
    return this.var.map((v) => Math.sqrt(v + this.epsilon));
  }

  /** The transform as exported in `critic.json`. */
  toManifest(): { mean: number[]; std: number[] } {
    return { mean: Array.from(this.mean), std: Array.from(this.std()) };
  }
}
