/**
 * Per-step numbers of a rollout. Multi-env rollouts are time-major and flattened: the entry of
 * step t of sub-env n is at index `t * numEnvs + n` (T × N), as a vector env's per-step arrays stacked.
 */
export type NumericArray = Float32Array | Float64Array | readonly number[];

/** Per-step flags (same layout as {@link NumericArray}): 1/true = set, 0/false = not set. */
export type MaskArray =
  | Uint8Array
  | Int8Array
  | Int32Array
  | Float32Array
  | Float64Array
  | readonly (number | boolean)[];
