import type { Rng } from '@critic/envs';

/**
 * A seeded (semi-)orthogonal matrix scaled by `gain`, row-major [rows × cols], drawn through `rng`
 * so a seed gives the same weights on every backend (Saxe et al., 2014; CleanRL's layer_init).
 * W = gain · Q, with Q from Gram–Schmidt on a standard-normal matrix.
 */
export function orthogonalInit(rows: number, cols: number, gain: number, rng: Rng): Float32Array {
  // Orthonormalize the shorter side's vectors, then lay them out as rows or columns.
  const k = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  const vecs: Float64Array[] = [];
  for (let v = 0; v < k; v++) {
    const x = new Float64Array(len);
    for (;;) {
      for (let i = 0; i < len; i++) x[i] = rng.normal();
      for (const q of vecs) {
        let dot = 0;
        for (let i = 0; i < len; i++) dot += x[i]! * q[i]!;
        for (let i = 0; i < len; i++) x[i]! -= dot * q[i]!;
      }
      let norm = 0;
      for (let i = 0; i < len; i++) norm += x[i]! * x[i]!;
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let i = 0; i < len; i++) x[i]! /= norm;
        break;
      }
    }
    vecs.push(x);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows ≥ cols: column c is vecs[c]; rows < cols: row r is vecs[r].
      out[r * cols + c] = gain * (rows >= cols ? vecs[c]![r]! : vecs[r]![c]!);
    }
  }
  return out;
}
