import { describeValue } from './describe-value';
import { CoreArgumentError } from './errors';
import type { NumericArray } from './types';
import { checkFiniteArray } from './validate';

/** Options of {@link normalizeAdvantages}. */
export interface NormalizeAdvantagesOptions {
  /** Advantages to standardise (any layout). */
  advantages: NumericArray;
  /** Added to the standard deviation, > 0. Default 1e-8. */
  epsilon?: number;
}

/** Standardised advantages `(A − mean(A)) / (std(A) + ε)`, population std; an empty input gives an empty output. */
export function normalizeAdvantages(options: NormalizeAdvantagesOptions): Float64Array {
  const advantages = checkFiniteArray('advantages', options.advantages);
  const epsilon = options.epsilon ?? 1e-8;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new CoreArgumentError('epsilon', 'a finite number > 0', describeValue(epsilon));
  }
  const n = advantages.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += advantages[i] as number;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += ((advantages[i] as number) - mean) ** 2;
  const std = Math.sqrt(variance / n);
  // Â ← (A − mean(A)) / (std(A) + ε)
  for (let i = 0; i < n; i++) out[i] = ((advantages[i] as number) - mean) / (std + epsilon);
  return out;
}
