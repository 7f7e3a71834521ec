import * as tf from '@tensorflow/tfjs';

/** The update rule of a {@link FlatOptimizer}. */
export type FlatRule =
  | { kind: 'adam'; beta1: number; beta2: number; epsilon: number }
  | { kind: 'rmsprop'; decay: number; epsilon: number };

/**
 * Adam or RMSprop over all of a model's variables as one flat vector, with global-norm gradient
 * clipping built in. Same arithmetic as PyTorch's (and tfjs's) optimizers, in about 40 tensor ops
 * per step instead of ~10 per variable: the learners' MLPs are so small that per-op overhead,
 * not arithmetic, is what a step costs.
 */
export class FlatOptimizer {
  /** Step size; may be changed between steps (learning-rate annealing). */
  learningRate: number;
  private readonly sizes: number[];
  private readonly first: tf.Variable | undefined;
  private readonly second: tf.Variable;
  private t = 0;

  constructor(
    readonly variables: tf.Variable[],
    learningRate: number,
    readonly rule: FlatRule,
    /** Rescale the gradient to this global L2 norm at most (undefined: no clipping). */
    readonly maxGradNorm: number | undefined,
  ) {
    this.learningRate = learningRate;
    this.sizes = variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.first = rule.kind === 'adam' ? tf.variable(tf.zeros([total]), false) : undefined;
    this.second = tf.variable(tf.zeros([total]), false);
  }

  /** Minimizes `loss` by one step; returns what `loss` returned (kept: the caller disposes it). */
  minimize<T extends { loss: tf.Scalar }>(loss: () => T): T {
    let out: T | undefined;
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        out = loss();
        for (const t of Object.values(out)) tf.keep(t as tf.Tensor);
        return out.loss;
      }, this.variables);
      // A variable the loss does not reach (e.g. the critic in plain REINFORCE) gets a zero gradient.
      this.apply(this.variables.map((v) => grads[v.name] ?? tf.zerosLike(v)));
    });
    return out!;
  }

  /** Applies gradients given in the order of `variables`. */
  apply(grads: tf.Tensor[]): void {
    this.t++;
    const t = this.t;
    const lr = this.learningRate;
    const rule = this.rule;
    tf.tidy(() => {
      let g = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      if (this.maxGradNorm !== undefined) {
        // g ← g·min(1, c/(‖g‖₂ + 10⁻⁶))
        const norm = tf.sqrt(tf.sum(tf.square(g)));
        g = tf.mul(g, tf.minimum(1, tf.div(this.maxGradNorm, tf.add(norm, 1e-6))));
      }
      let update: tf.Tensor;
      if (rule.kind === 'adam') {
        // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·m̂/(√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
        const m = tf.add(tf.mul(this.first!, rule.beta1), tf.mul(g, 1 - rule.beta1));
        const v = tf.add(tf.mul(this.second, rule.beta2), tf.mul(tf.square(g), 1 - rule.beta2));
        this.first!.assign(m);
        this.second.assign(v);
        const denom = tf.add(tf.mul(tf.sqrt(v), 1 / Math.sqrt(1 - rule.beta2 ** t)), rule.epsilon);
        update = tf.div(tf.mul(m, lr / (1 - rule.beta1 ** t)), denom);
      } else {
        // v ← αv + (1−α)g²;  θ ← θ − lr·g/(√v + ε)
        const v = tf.add(tf.mul(this.second, rule.decay), tf.mul(tf.square(g), 1 - rule.decay));
        this.second.assign(v);
        update = tf.div(tf.mul(g, lr), tf.add(tf.sqrt(v), rule.epsilon));
      }
      const parts = tf.split(update, this.sizes);
      this.variables.forEach((p, i) => {
        p.assign(tf.sub(p, tf.reshape(parts[i]!, p.shape)));
      });
    });
  }

  dispose(): void {
    this.first?.dispose();
    this.second.dispose();
  }
}
