import type { ActionSpec } from '../policies/action-space';

/** Maps policy actions to the env's: Discrete index + start; Box values clipped to [low, high] (Gaussian samples may leave it). */
export function toEnvActions(spec: ActionSpec, actions: Float32Array): Float32Array {
  if (spec.kind === 'discrete') {
    if (spec.start === 0) return actions;
    return actions.map((a) => a + spec.start);
  }
  const out = new Float32Array(actions.length);
  for (let i = 0; i < actions.length; i++) {
    const j = i % spec.size;
    out[i] = Math.min(spec.high[j]!, Math.max(spec.low[j]!, actions[i]!));
  }
  return out;
}
