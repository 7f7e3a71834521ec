import type { Activation } from '../mlp';
import type { F64Arena, F64Block, FusedKernels } from './arena';

interface Layer {
  inSize: number;
  outSize: number;
  /** Index of the kernel (in × out, row-major) and of the bias in θ. */
  w: number;
  b: number;
  /** θ's bias entries, to copy into each output row. */
  bias: Float64Array;
  /** σ(z) (or z for the last layer), capacity × out. */
  output: F64Block;
  /** dL/dz of this layer, capacity × out (the last layer's comes from the caller). */
  delta: F64Block;
}

/**
 * A dense MLP evaluated and differentiated in float64 WebAssembly SIMD kernels (kernels.wat):
 * y = W_L·σ(…σ(x·W_1 + b_1)…) + b_L, σ = tanh or relu. The learners' networks are tiny (64-64) and
 * their batches small (8 rows a rollout step, 128–256 a minibatch), so a tfjs op costs more in
 * dispatch than in arithmetic; here a layer is one kernel call for the whole batch.
 * Parameters live in a flat vector θ shared with the caller (for each layer its kernel, in × out
 * row-major as tfjs stores it, then its bias, from `offset`); gradients use the same layout.
 * Every buffer lives in one {@link F64Arena}, sized for `capacity` rows.
 */
export class FusedMlp {
  readonly layers: Layer[];
  /** Number of parameters (kernels and biases). */
  readonly size: number;
  private readonly k: FusedKernels;
  /** Wᵀ of one layer at a time (for dL/dx = δ·Wᵀ). */
  private readonly transposed: F64Block;
  /** A single 1.0: the row of ones that sums δ over the batch into the bias gradient. */
  private readonly one: F64Block;

  /** Float64 elements the MLP takes from its arena for `capacity` rows. */
  static arenaElements(sizes: readonly number[], capacity: number): number {
    let total = 2;
    let widest = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      total += 2 * capacity * sizes[l + 1]! + 2;
      widest = Math.max(widest, sizes[l]! * sizes[l + 1]!);
    }
    return total + widest + 1;
  }

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
    /** Index of the first kernel entry in θ. */
    readonly offset: number,
    arena: F64Arena,
    private readonly theta: F64Block,
    private readonly grad: F64Block,
    readonly capacity: number,
  ) {
    this.k = arena.kernels;
    let at = offset;
    let widest = 0;
    this.layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const b = at + inSize * outSize;
      this.layers.push({
        inSize,
        outSize,
        w: at,
        b,
        bias: theta.view.subarray(b, b + outSize),
        output: arena.allocate(capacity * outSize),
        delta: arena.allocate(capacity * outSize),
      });
      widest = Math.max(widest, inSize * outSize);
      at = b + outSize;
    }
    this.size = at - offset;
    this.transposed = arena.allocate(widest);
    this.one = arena.allocate(1);
    this.one.view[0] = 1;
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1]!;
  }

  /** The last layer's dL/dy buffer (capacity × outputs), for the caller to fill before `backward`. */
  get outputDelta(): F64Block {
    return this.layers[this.layers.length - 1]!.delta;
  }

  /** Forward pass for n rows of x (n × inputs); returns the n × outputs buffer (valid until the next call). */
  forward(x: F64Block, n: number): F64Block {
    this.check(n);
    const last = this.layers.length - 1;
    let input = x;
    for (let l = 0; l <= last; l++) {
      const { inSize, outSize, w, bias, output } = this.layers[l]!;
      const out = output.view;
      // z = b + x·W
      for (let i = 0; i < n; i++) out.set(bias, i * outSize);
      this.k.gemm(
        output.ptr,
        input.ptr,
        this.theta.ptr + 8 * w,
        n,
        outSize,
        inSize,
        inSize,
        1,
        outSize,
        outSize,
        1,
      );
      if (l < last) {
        const count = n * outSize;
        if (this.activation === 'tanh') this.k.tanh(output.ptr, count);
        else for (let i = 0; i < count; i++) if (out[i]! < 0) out[i] = 0;
      }
      input = output;
    }
    return this.layers[last]!.output;
  }

  /**
   * Backward pass after `forward(x, n)`, with dL/dy (n × outputs) already in `outputDelta`: adds
   * dL/dθ into the gradient (same layout as θ): dW = hᵀ·δ, db = Σ_rows δ, δ_prev = (δ·Wᵀ) ⊙ σ'(h).
   */
  backward(x: F64Block, n: number): void {
    this.check(n);
    const k = this.k;
    const theta = this.theta.view;
    const g = this.grad.ptr;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { inSize, outSize, w, b, delta } = this.layers[l]!;
      const input = l === 0 ? x : this.layers[l - 1]!.output;
      // db += 1ᵀ·δ
      k.gemm(g + 8 * b, this.one.ptr, delta.ptr, 1, outSize, n, 0, 0, outSize, outSize, 1);
      // dW += hᵀ·δ
      k.gemm(g + 8 * w, input.ptr, delta.ptr, inSize, outSize, n, 1, inSize, outSize, outSize, 1);
      if (l === 0) break;
      const wt = this.transposed.view;
      for (let i = 0; i < inSize; i++)
        for (let j = 0; j < outSize; j++) wt[j * inSize + i] = theta[w + i * outSize + j]!;
      // δ_prev = (δ·Wᵀ) ⊙ σ'(h): tanh' = 1 − h², relu' = [h > 0]
      const prev = this.layers[l - 1]!.delta;
      k.gemm(prev.ptr, delta.ptr, this.transposed.ptr, n, inSize, outSize, outSize, 1, inSize, inSize, 0);
      if (this.activation === 'tanh') k.tanhGrad(prev.ptr, input.ptr, n * inSize);
      else k.reluGrad(prev.ptr, input.ptr, n * inSize);
    }
  }

  private check(n: number): void {
    if (n > this.capacity)
      throw new RangeError(`FusedMlp: ${n} rows exceed the capacity of ${this.capacity} it was built for`);
  }
}
