/**
 * 1 − t/horizon, floored at 0: the factor of a linearly annealed quantity (learning rate, clip
 * range). The horizon is a fixed number of env steps, not the training budget, so a run's first k
 * steps are the same whatever `--steps` says (with the budget as horizon, 50k steps would be a
 * different run from the first half of a 100k one, annealing twice as fast).
 */
export function annealFraction(step: number, horizon: number): number {
  return Math.max(0, 1 - step / horizon);
}

/** Linear schedule: start + (end − start)·min(1, t/duration); `end` from t = duration on. */
export function linearSchedule(start: number, end: number, duration: number, t: number): number {
  if (duration <= 0) return end;
  return start + (end - start) * Math.min(1, t / duration);
}
