/**
 * One rollout of T steps from N sub-envs, time-major (entry of step t, sub-env n at t·N + n),
 * on typed arrays. `valid` is 0 for the NEXT_STEP reset transitions, which carry no experience.
 */
export interface Rollout {
  numSteps: number;
  numEnvs: number;
  obsSize: number;
  actionSize: number;
  /** Observations the policy acted on (normalized when obs normalization is on), T·N × obsSize. */
  obs: Float32Array;
  /** Actions as sampled, T·N × actionSize. */
  actions: Float32Array;
  /** log π_old(a|s) at collection time. */
  logProbs: Float32Array;
  /** π_old's actor outputs (logits or means), T·N × outputSize. */
  outputs: Float32Array;
  outputSize: number;
  /** π_old's Gaussian log σ at collection time (continuous actions only). */
  logStd: Float32Array | undefined;
  /** V_old(s_t). */
  values: Float32Array;
  /** V_old(s′_t): the next step's value, or the true final observation's value at an episode end. */
  nextValues: Float32Array;
  /** Rewards (scaled when reward normalization is on). */
  rewards: Float32Array;
  terminated: Uint8Array;
  truncated: Uint8Array;
  valid: Uint8Array;
}

export function allocateRollout(
  numSteps: number,
  numEnvs: number,
  obsSize: number,
  actionSize: number,
  outputSize: number,
): Rollout {
  const n = numSteps * numEnvs;
  return {
    numSteps,
    numEnvs,
    obsSize,
    actionSize,
    outputs: new Float32Array(n * outputSize),
    outputSize,
    logStd: undefined,
    obs: new Float32Array(n * obsSize),
    actions: new Float32Array(n * actionSize),
    logProbs: new Float32Array(n),
    values: new Float32Array(n),
    nextValues: new Float32Array(n),
    rewards: new Float32Array(n),
    terminated: new Uint8Array(n),
    truncated: new Uint8Array(n),
    valid: new Uint8Array(n),
  };
}

/** Indices of the valid transitions. */
export function validIndices(rollout: Rollout): Int32Array {
  let count = 0;
  for (const v of rollout.valid) count += v;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < rollout.valid.length; i++) if (rollout.valid[i]) out[k++] = i;
  return out;
}

/** Copies rows `idx` of a row-major [· × width] array into a new array. */
export function gatherRows(src: Float32Array, width: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * width);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    for (let j = 0; j < width; j++) out[k * width + j] = src[i * width + j]!;
  }
  return out;
}

/** Gathers entries `idx` of a per-step array (Float64 or Float32) into a Float32Array. */
export function gather(src: ArrayLike<number>, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = src[idx[k]!]!;
  return out;
}
