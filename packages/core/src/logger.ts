/** The fixed metric names every algorithm reports (CleanRL's TensorBoard tags). */
export const METRIC_KEYS = [
  'charts/episodic_return',
  'charts/episodic_length',
  'charts/SPS',
  'charts/learning_rate',
  'charts/epsilon',
  'losses/policy_loss',
  'losses/value_loss',
  'losses/entropy',
  'losses/approx_kl',
  'losses/kl',
  'charts/kl_coef',
  'losses/clipfrac',
  'losses/explained_variance',
  'losses/td_loss',
  'losses/q_values',
  // evaluation during training (trainWithEvaluation; SB3's eval/mean_reward)
  'eval/mean_return',
  'eval/std_return',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

export type Metrics = Partial<Record<MetricKey, number>>;

/** Where the library reports what it measures; the library itself never prints. */
export interface MetricsLogger {
  /** Records `metrics` measured after `step` environment steps (summed over all sub-envs). */
  log(step: number, metrics: Metrics): void;
}

/** The default logger: drops everything. */
export const noopLogger: MetricsLogger = { log() {} };

/** A logger that keeps every record in memory (for tests, plots and the CLI). */
export class MemoryLogger implements MetricsLogger {
  readonly records: { step: number; metrics: Metrics }[] = [];

  log(step: number, metrics: Metrics): void {
    this.records.push({ step, metrics: { ...metrics } });
  }

  /** Every (step, value) pair recorded for `key`, in order. */
  series(key: MetricKey): { step: number; value: number }[] {
    const out: { step: number; value: number }[] = [];
    for (const r of this.records) {
      const v = r.metrics[key];
      if (v !== undefined) out.push({ step: r.step, value: v });
    }
    return out;
  }
}
