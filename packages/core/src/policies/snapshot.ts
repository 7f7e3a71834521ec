import * as tf from '@tensorflow/tfjs';
import type { ObsNormalizer } from './obs-normalizer';

/** A copy of a policy's variables and observation statistics, taken during training (e.g. the best so far). */
export interface PolicySnapshot {
  /** Each variable's values, in the order of the learner's `variables()`. */
  readonly weights: readonly Float32Array[];
  readonly obsNorm: { mean: Float64Array; var: Float64Array; count: number } | undefined;
}

/** Copies `variables` and the normalizer's statistics. */
export function takeSnapshot(
  variables: readonly tf.Variable[],
  normalizer: ObsNormalizer | undefined,
): PolicySnapshot {
  return {
    weights: variables.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
    obsNorm: normalizer
      ? {
          mean: Float64Array.from(normalizer.mean),
          var: Float64Array.from(normalizer.var),
          count: normalizer.count,
        }
      : undefined,
  };
}

/** Writes a snapshot back into the same variables and normalizer. */
export function putSnapshot(
  snapshot: PolicySnapshot,
  variables: readonly tf.Variable[],
  normalizer: ObsNormalizer | undefined,
): void {
  if (snapshot.weights.length !== variables.length) {
    throw new RangeError(
      `restorePolicy: the snapshot holds ${snapshot.weights.length} variables, the policy has ${variables.length}`,
    );
  }
  variables.forEach((v, i) => {
    const w = snapshot.weights[i]!;
    if (w.length !== v.size) {
      throw new RangeError(`restorePolicy: variable ${i} has ${v.size} values, the snapshot ${w.length}`);
    }
    tf.tidy(() => v.assign(tf.tensor(w, v.shape, v.dtype)));
  });
  if (normalizer && snapshot.obsNorm) {
    normalizer.mean.set(snapshot.obsNorm.mean);
    normalizer.var.set(snapshot.obsNorm.var);
    normalizer.count = snapshot.obsNorm.count;
  }
}
