/**
 * Gymnasium's `RunningMeanStd`: mean and variance of a stream of vectors, merged batch by batch
 * (Chan et al.'s parallel algorithm), starting from mean 0, var 1, count ε = 1e-4.
 */
export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(size: number, epsilon = 1e-4) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
    this.count = epsilon;
  }

  /** Adds one sample. */
  update(x: ArrayLike<number>): void {
    // one sample: batch mean = x, batch var = 0, batch count = 1
    const total = this.count + 1;
    for (let i = 0; i < this.mean.length; i++) {
      const delta = x[i]! - this.mean[i]!;
      // M2 = var·n + 0 + δ²·n·1 / (n + 1)
      const m2 = this.var[i]! * this.count + (delta * delta * this.count) / total;
      this.mean[i] = this.mean[i]! + delta / total;
      this.var[i] = m2 / total;
    }
    this.count = total;
  }
}
