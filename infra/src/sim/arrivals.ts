import { SurgeRng } from './prng';

/** A deadline surge: every student submits a few times in the last window before the deadline. */
export interface SurgeSpec {
  /** Students (or teams) submitting. */
  students: number;
  /** Submissions per student in the window. */
  submissionsPerStudent: number;
  /** Length of the window before the deadline (seconds); arrivals fall in [0, windowSeconds]. */
  windowSeconds: number;
  /** Ramp time constant τ (seconds): arrival density ∝ exp(t/τ), so the rate grows toward the deadline. */
  rampSeconds: number;
  /** PRNG seed. */
  seed: number;
}

/**
 * Arrival times (seconds from the window's start, ascending) for a surge whose rate grows
 * exponentially toward the deadline. Inverse-CDF sampling of f(t) ∝ e^{t/τ} on [0, W]:
 * t = τ·ln(1 + u·(e^{W/τ} − 1)).
 */
export function deadlineSurgeArrivals(spec: SurgeSpec): number[] {
  for (const key of ['students', 'submissionsPerStudent'] as const) {
    if (!Number.isInteger(spec[key]) || spec[key] < 1) {
      throw new RangeError(`${key}: expected an integer >= 1, found ${spec[key]}`);
    }
  }
  for (const key of ['windowSeconds', 'rampSeconds'] as const) {
    if (!Number.isFinite(spec[key]) || spec[key] <= 0) {
      throw new RangeError(`${key}: expected a number > 0, found ${spec[key]}`);
    }
  }
  const rng = new SurgeRng(spec.seed);
  const n = spec.students * spec.submissionsPerStudent;
  const tau = spec.rampSeconds;
  const span = Math.expm1(spec.windowSeconds / tau);
  const times = Array.from({ length: n }, () => tau * Math.log1p(rng.next() * span));
  return times.sort((a, b) => a - b);
}

/** Service (grading) times with mean `meanSeconds` and coefficient of variation `cv` (log-normal). */
export function gradingTimes(count: number, meanSeconds: number, cv: number, seed: number): number[] {
  if (!Number.isFinite(meanSeconds) || meanSeconds <= 0) {
    throw new RangeError(`meanSeconds: expected a number > 0, found ${meanSeconds}`);
  }
  if (!Number.isFinite(cv) || cv < 0) throw new RangeError(`cv: expected a number >= 0, found ${cv}`);
  const rng = new SurgeRng(seed);
  // log-normal with E[X] = mean: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  const mu = Math.log(meanSeconds) - (sigma * sigma) / 2;
  return Array.from({ length: count }, () => Math.exp(mu + sigma * rng.normal()));
}
