import type { Activation } from './mlp';

/**
 * A dense MLP evaluated and differentiated in plain Float64Array loops: y = W_L·σ(…σ(x·W_1 + b_1)…) + b_L,
 * σ = tanh or relu. The learners' networks are tiny (64-64), so a tfjs op costs more in dispatch than
 * in arithmetic; one loop nest per layer does the whole batch with no dispatch at all.
 * All arrays are Float64Array (one element kind keeps V8's loads monomorphic).
 * Parameters live in a caller-owned flat vector θ: for each layer its kernel (in × out, row-major,
 * tfjs's layout) then its bias, starting at `offset`; gradients use the same layout.
 */
export class FusedMlp {
  /** Where each layer's kernel and bias start in θ. */
  readonly layers: { inSize: number; outSize: number; w: number; b: number }[];
  /** Number of parameters (kernels and biases). */
  readonly size: number;
  private readonly outputs: Float64Array[];
  private readonly deltas: Float64Array[];
  private capacity: number;

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
    /** Index of the first kernel entry in θ. */
    readonly offset: number,
    capacity = 256,
  ) {
    let at = offset;
    this.layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      this.layers.push({ inSize, outSize, w: at, b: at + inSize * outSize });
      at += inSize * outSize + outSize;
    }
    this.size = at - offset;
    this.capacity = capacity;
    this.outputs = this.layers.map((l) => new Float64Array(capacity * l.outSize));
    this.deltas = this.layers.map((l) => new Float64Array(capacity * l.outSize));
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1]!;
  }

  /** Forward pass for n rows of x (n × inputs); returns the n × outputs buffer (valid until the next call). */
  forward(theta: Float64Array, x: Float64Array, n: number): Float64Array {
    this.ensure(n);
    const last = this.layers.length - 1;
    let input = x;
    for (let l = 0; l <= last; l++) {
      const { inSize, outSize, w, b } = this.layers[l]!;
      const out = this.outputs[l]!;
      for (let i = 0; i < n; i++) {
        const row = i * outSize;
        // z = b + Σ_k x_k·W[k, ·]
        for (let j = 0; j < outSize; j++) out[row + j] = theta[b + j]!;
        const inRow = i * inSize;
        for (let k = 0; k < inSize; k++) {
          const xk = input[inRow + k]!;
          if (xk === 0) continue;
          const wRow = w + k * outSize;
          for (let j = 0; j < outSize; j++) out[row + j] = out[row + j]! + xk * theta[wRow + j]!;
        }
        if (l < last) {
          if (this.activation === 'tanh')
            for (let j = 0; j < outSize; j++) out[row + j] = Math.tanh(out[row + j]!);
          else for (let j = 0; j < outSize; j++) if (out[row + j]! < 0) out[row + j] = 0;
        }
      }
      input = out;
    }
    return this.outputs[last]!;
  }

  /**
   * Backward pass after `forward(theta, x, n)`: given dL/dy (n × outputs), adds dL/dθ into `grad`
   * (same layout as θ): dW = hᵀ·δ, db = Σ_rows δ, δ_prev = (δ·Wᵀ) ⊙ σ'(h).
   */
  backward(
    theta: Float64Array,
    grad: Float64Array,
    x: ArrayLike<number>,
    n: number,
    dOut: ArrayLike<number>,
  ): void {
    const last = this.layers.length - 1;
    let delta = dOut;
    for (let l = last; l >= 0; l--) {
      const { inSize, outSize, w, b } = this.layers[l]!;
      const input = l === 0 ? x : this.outputs[l - 1]!;
      const prev = l > 0 ? this.deltas[l - 1]! : undefined;
      for (let i = 0; i < n; i++) {
        const row = i * outSize;
        for (let j = 0; j < outSize; j++) grad[b + j] = grad[b + j]! + delta[row + j]!;
        const inRow = i * inSize;
        for (let k = 0; k < inSize; k++) {
          const xk = input[inRow + k]!;
          const wRow = w + k * outSize;
          let back = 0;
          for (let j = 0; j < outSize; j++) {
            const d = delta[row + j]!;
            grad[wRow + j] = grad[wRow + j]! + xk * d;
            back += d * theta[wRow + j]!;
          }
          if (prev) {
            // σ'(h): tanh' = 1 − h², relu' = [h > 0]
            prev[inRow + k] = this.activation === 'tanh' ? back * (1 - xk * xk) : xk > 0 ? back : 0;
          }
        }
      }
      if (prev) delta = prev;
    }
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.layers.forEach((l, i) => {
      this.outputs[i] = new Float64Array(n * l.outSize);
      this.deltas[i] = new Float64Array(n * l.outSize);
    });
  }
}
