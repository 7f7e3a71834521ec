/** A loaded policy inside the child: one batched forward/act per call. */
export interface PolicyRuntime {
  /** Numbers per row returned by `act`. */
  readonly width: number;
  /** `action` rows, or `logits` rows (the `sample` head samples in the parent, from each episode's PRNG). */
  readonly output: 'action' | 'logits';
  /** What runs it, e.g. `isolated-vm`, `onnxruntime-node (cpu)`, `tfjs (wasm)`. */
  readonly runtime: string;
  /** n rows of observations (row-major) → n rows of outputs. */
  act(obs: Float32Array, n: number): Promise<Float32Array | Float64Array>;
  /** Start of new episodes for these rows (stateful js-agents). */
  reset(indices: number[]): void;
  dispose(): void;
}
