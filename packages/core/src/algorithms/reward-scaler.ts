/**
 * Reward scaling by the running standard deviation of the discounted return (Engstrom et al., 2020;
 * Gymnasium's NormalizeReward): r̃_t = r_t / √(Var[R] + ε), with R_t = γ·R_{t−1}·¬d_{t−1} + r_t per sub-env.
 */
export class RewardScaler {
  private readonly returns: Float64Array;
  private mean = 0;
  private var = 1;
  private count = 1e-4;

  constructor(
    numEnvs: number,
    private readonly gamma: number,
    private readonly epsilon = 1e-8,
  ) {
    this.returns = new Float64Array(numEnvs);
  }

  /** Scales one vector step's rewards in place; `done` (terminated or truncated) resets the running return after. */
  scale(rewards: Float32Array, done: ArrayLike<number>): void {
    const n = rewards.length;
    let m = 0;
    for (let i = 0; i < n; i++) {
      this.returns[i] = this.returns[i]! * this.gamma + rewards[i]!;
      m += this.returns[i]!;
    }
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (this.returns[i]! - m) ** 2;
    v /= n;
    const delta = m - this.mean;
    const total = this.count + n;
    this.mean += (delta * n) / total;
    this.var = (this.var * this.count + v * n + (delta * delta * this.count * n) / total) / total;
    this.count = total;
    const std = Math.sqrt(this.var + this.epsilon);
    for (let i = 0; i < n; i++) {
      rewards[i] = rewards[i]! / std;
      if (done[i]) this.returns[i] = 0;
    }
  }
}
