import type { CriticManifest } from '../artifact/critic-manifest';
import type { PolicySpec } from '../spec';

/** Applies `critic.json`'s obsNormalization: x = (o − mean) / std, row by row. */
export function normalizeObservations(
  obs: Float32Array,
  obsSize: number,
  manifest: CriticManifest,
): Float32Array {
  const norm = manifest.obsNormalization;
  if (!norm) return obs;
  const x = new Float32Array(obs.length);
  for (let i = 0; i < obs.length; i++) {
    const j = i % obsSize;
    x[i] = (obs[i]! - norm.mean[j]!) / norm.std[j]!;
  }
  return x;
}

/** Turns a model's n×k output into what `act` returns: argmax actions (start + index), Gaussian means, or raw logits. */
export function applyHead(
  out: Float32Array,
  n: number,
  spec: PolicySpec,
  manifest: CriticManifest,
): Float32Array {
  if (manifest.policy !== 'argmax') return out;
  const k = spec.action.type === 'discrete' ? spec.action.n : spec.action.size;
  const start = spec.action.type === 'discrete' ? (spec.action.start ?? 0) : 0;
  const actions = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (out[i * k + j]! > out[i * k + best]!) best = j;
    actions[i] = start + best;
  }
  return actions;
}
