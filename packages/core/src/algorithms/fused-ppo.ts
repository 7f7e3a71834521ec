import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic, PolicyStep } from '../policies/actor-critic';
import { F64Arena, type F64Block } from '../policies/fused/arena';
import { FusedMlp } from '../policies/fused/fused-mlp';
import { describeValue } from '../returns/describe-value';
import { CoreArgumentError } from '../returns/errors';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** One minibatch as the PPO update sees it (advantages already normalized). */
export interface FusedMinibatch {
  n: number;
  /** n × obsSize observations. */
  obs: Float32Array;
  /** n actions (discrete) or n × actionDim (continuous). */
  actions: Float32Array;
  oldLogProbs: Float32Array;
  advantages: Float32Array;
  targets: Float32Array;
  oldValues: Float32Array;
}

export interface FusedPpoSettings {
  clipEpsilon: number;
  clipValueLoss: boolean;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
  learningRate: number;
}

/** The minibatch's losses and diagnostics, measured on the parameters before the step. */
export interface FusedPpoStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipfrac: number;
}

/**
 * PPO's rollout forward and clipped-objective update for an {@link ActorCritic} with no tfjs op:
 * forward and backward through the actor and the critic in float64 WebAssembly SIMD kernels
 * (`FusedMlp`), the loss's gradient written out by hand, global-norm clipping and Adam. It computes
 * what the tfjs path computes (L = L_clip − c_H·mean(H) + c_V·L_V, the subgradients tfjs picks at
 * ties, Adam as `FlatOptimizer`) in float64; `fused-ppo.test.ts` checks its gradient by finite
 * differences and against tfjs, and its rollout step against `ActorCritic.step`.
 * θ is the flat vector of `policy.variables()` (actor, critic, log σ); `writeBack` copies it into
 * the tfjs variables (what greedy evaluation, snapshots and the export read), `reload` the other way.
 */
export class FusedPpo {
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly actor: FusedMlp;
  private readonly critic: FusedMlp;
  /** Index of log σ in θ (continuous actions), else −1. */
  private readonly logStdAt: number;
  private readonly discrete: boolean;
  private readonly variables: tf.Variable[];
  private readonly obs: F64Block;
  private readonly thetaBlock: F64Block;

  constructor(
    readonly policy: ActorCritic,
    private readonly adam: { beta1: number; beta2: number; epsilon: number },
    /** The most rows one call sees (PPO: the rollout's numSteps × numEnvs). */
    readonly capacity = 256,
  ) {
    const hidden = policy.actor.params.slice(0, -1).map(([w]) => w.shape[1]!);
    const obsSize = policy.obsSize;
    const actorSizes = [obsSize, ...hidden, policy.outputSize];
    const criticSizes = [obsSize, ...hidden, 1];
    this.discrete = policy.action.kind === 'discrete';
    this.variables = policy.variables();
    const total = this.variables.reduce((a, x) => a + x.size, 0);
    const arena = new F64Arena(
      2 * total +
        capacity * obsSize +
        FusedMlp.arenaElements(actorSizes, capacity) +
        FusedMlp.arenaElements(criticSizes, capacity) +
        16,
    );
    this.thetaBlock = arena.allocate(total);
    const gradBlock = arena.allocate(total);
    this.obs = arena.allocate(capacity * obsSize);
    this.actor = new FusedMlp(
      actorSizes,
      policy.actor.activation,
      0,
      arena,
      this.thetaBlock,
      gradBlock,
      capacity,
    );
    this.critic = new FusedMlp(
      criticSizes,
      policy.critic.activation,
      this.actor.size,
      arena,
      this.thetaBlock,
      gradBlock,
      capacity,
    );
    this.logStdAt = this.discrete ? -1 : this.actor.size + this.critic.size;
    if (total !== this.actor.size + this.critic.size + (this.discrete ? 0 : policy.outputSize)) {
      throw new Error('FusedPpo: the policy variables do not match the fused layout');
    }
    this.theta = this.thetaBlock.view;
    this.grad = gradBlock.view;
    this.m = new Float64Array(total);
    this.v = new Float64Array(total);
    this.reload();
  }

  /** Reads θ from the tfjs variables (after a restore). */
  reload(): void {
    let at = 0;
    for (const variable of this.variables) {
      this.theta.set(variable.dataSync() as Float32Array, at);
      at += variable.size;
    }
  }

  /** Writes θ into the tfjs variables. */
  writeBack(): void {
    let at = 0;
    for (const variable of this.variables) {
      const values = Float32Array.from(this.theta.subarray(at, at + variable.size));
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
      at += variable.size;
    }
  }

  /** Copies n observations into the arena (as float64). */
  private loadObs(obs: Float32Array, n: number): F64Block {
    if (n > this.capacity)
      throw new RangeError(`FusedPpo: ${n} rows exceed the capacity of ${this.capacity} it was built for`);
    this.obs.view.set(obs.subarray(0, n * this.policy.obsSize));
    return this.obs;
  }

  /**
   * A rollout step at the current θ, as `ActorCritic.step` draws it: per row one `rng.random()`
   * inverse-CDF draw over softmax(logits) (discrete), or μ + σ·`rng.normal()` per dimension in row
   * order (continuous); log π(a|s) of the drawn action and V(s). No tfjs op.
   */
  act(obs: Float32Array, n: number, rng: Rng): PolicyStep {
    const x = this.loadObs(obs, n);
    const K = this.actor.outputSize;
    const out = this.actor.forward(x, n).view;
    const outputs = Float32Array.from(out.subarray(0, n * K));
    const logProbs = new Float32Array(n);
    let actions: Float32Array;
    if (this.discrete) {
      actions = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const row = i * K;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < K; j++) {
          const z = out[row + j]!;
          if (!Number.isFinite(z))
            throw new CoreArgumentError(
              'logits',
              'finite values to sample from',
              `${describeValue(z)} in row ${i}`,
            );
          max = Math.max(max, z);
        }
        let total = 0;
        for (let j = 0; j < K; j++) total += Math.exp(out[row + j]! - max);
        const u = rng.random() * total;
        let cumulative = 0;
        let choice = K - 1;
        for (let j = 0; j < K; j++) {
          cumulative += Math.exp(out[row + j]! - max);
          if (u < cumulative) {
            choice = j;
            break;
          }
        }
        actions[i] = choice;
        // log π(a|s) = z_a − max − log Σ_j exp(z_j − max)
        logProbs[i] = out[row + choice]! - max - Math.log(total);
      }
    } else {
      actions = new Float32Array(n * K);
      const logp = new Float64Array(n);
      for (let e = 0; e < n * K; e++) {
        const d = e % K;
        const ls = this.theta[this.logStdAt + d]!;
        const sigma = Math.exp(ls);
        const mu = out[e]!;
        if (!Number.isFinite(mu) || !Number.isFinite(sigma)) {
          const [argument, bad] = Number.isFinite(mu) ? ['logStd', sigma] : ['mean', mu];
          throw new CoreArgumentError(
            argument,
            'finite values to sample from',
            `${describeValue(bad)} at row ${Math.floor(e / K)}`,
          );
        }
        const a = Math.fround(mu + sigma * rng.normal());
        actions[e] = a;
        // log π(a|s) = Σ_d (−½·((a_d − μ_d)/σ_d)² − log σ_d − ½·log 2π)
        const z = (a - mu) / sigma;
        logp[(e - d) / K] = logp[(e - d) / K]! - 0.5 * z * z - ls - HALF_LOG_TWO_PI;
      }
      logProbs.set(logp);
    }
    const v = this.critic.forward(x, n).view;
    return { actions, logProbs, values: Float32Array.from(v.subarray(0, n)), outputs };
  }

  /** V(s) for n observations at the current θ. */
  values(obs: Float32Array, n: number): Float32Array {
    return Float32Array.from(this.critic.forward(this.loadObs(obs, n), n).view.subarray(0, n));
  }

  /** L and dL/dθ (into `grad`) at the current θ for one minibatch; returns the loss parts. */
  lossAndGradient(mb: FusedMinibatch, s: FusedPpoSettings): FusedPpoStats & { loss: number } {
    const { n } = mb;
    const theta = this.theta;
    const grad = this.grad;
    grad.fill(0);
    const K = this.actor.outputSize;
    const obs = this.loadObs(mb.obs, n);
    const out = this.actor.forward(obs, n).view;
    const values = this.critic.forward(obs, n).view;
    const dOut = this.actor.outputDelta.view;
    const dV = this.critic.outputDelta.view;
    const eps = s.clipEpsilon;
    let pgSum = 0;
    let entSum = 0;
    let klSum = 0;
    let clipped = 0;
    let vSum = 0;
    const logStdGrad = new Float64Array(this.discrete ? 0 : K);
    for (let i = 0; i < n; i++) {
      const row = i * K;
      let logp: number;
      let entropy: number;
      if (this.discrete) {
        // log π(a|s) = z_a − logsumexp(z);  H = −Σ p·log p
        let max = -Infinity;
        for (let j = 0; j < K; j++) max = Math.max(max, out[row + j]!);
        let sum = 0;
        for (let j = 0; j < K; j++) sum += Math.exp(out[row + j]! - max);
        const lse = max + Math.log(sum);
        const a = mb.actions[i]!;
        logp = out[row + a]! - lse;
        entropy = 0;
        for (let j = 0; j < K; j++) {
          const lp = out[row + j]! - lse;
          entropy -= Math.exp(lp) * lp;
        }
      } else {
        // log π(a|s) = Σ_d (−½·((a_d − μ_d)/σ_d)² − log σ_d − ½·log 2π);  H = Σ_d (½ + ½·log 2π + log σ_d)
        logp = 0;
        entropy = 0;
        for (let d = 0; d < K; d++) {
          const ls = theta[this.logStdAt + d]!;
          const z = (mb.actions[row + d]! - out[row + d]!) / Math.exp(ls);
          logp += -0.5 * z * z - ls - HALF_LOG_TWO_PI;
          entropy += 0.5 + HALF_LOG_TWO_PI + ls;
        }
      }
      const logRatio = logp - mb.oldLogProbs[i]!;
      const r = Math.exp(logRatio);
      const A = mb.advantages[i]!;
      const rc = Math.min(Math.max(r, 1 - eps), 1 + eps);
      // L_clip,i = −min(r·A, clip(r, 1−ε, 1+ε)·A); tfjs's minimum sends the gradient to r·A on ties
      const unclipped = r * A;
      const clippedTerm = rc * A;
      let dLdr: number;
      if (unclipped <= clippedTerm) {
        pgSum -= unclipped;
        dLdr = -A;
      } else {
        pgSum -= clippedTerm;
        dLdr = r >= 1 - eps && r <= 1 + eps ? -A : 0;
      }
      // ∂L/∂log π = ∂L/∂r · r / n
      const dLogp = (dLdr * r) / n;
      entSum += entropy;
      klSum += r - 1 - logRatio;
      if (Math.abs(r - 1) > eps) clipped++;
      const ent = s.entCoef / n;
      if (this.discrete) {
        // ∂log π(a)/∂z_j = [j = a] − p_j;  ∂H/∂z_j = −p_j·(log p_j + H)
        let max = -Infinity;
        for (let j = 0; j < K; j++) max = Math.max(max, out[row + j]!);
        let sum = 0;
        for (let j = 0; j < K; j++) sum += Math.exp(out[row + j]! - max);
        const a = mb.actions[i]!;
        for (let j = 0; j < K; j++) {
          const p = Math.exp(out[row + j]! - max) / sum;
          const dH = -p * (Math.log(p) + entropy);
          dOut[row + j] = dLogp * ((j === a ? 1 : 0) - p) - ent * dH;
        }
      } else {
        // ∂log π/∂μ_d = (a_d − μ_d)/σ_d²;  ∂log π/∂log σ_d = z_d² − 1;  ∂H/∂log σ_d = 1
        for (let d = 0; d < K; d++) {
          const sigma = Math.exp(theta[this.logStdAt + d]!);
          const diff = mb.actions[row + d]! - out[row + d]!;
          dOut[row + d] = (dLogp * diff) / (sigma * sigma);
          const z = diff / sigma;
          logStdGrad[d] = logStdGrad[d]! + dLogp * (z * z - 1) - ent;
        }
      }
      // value loss: mean((V − R)²), or mean(max((V − R)², (V_old + clip(V − V_old, ±ε) − R)²))
      const V = values[i]!;
      const R = mb.targets[i]!;
      const u = (V - R) * (V - R);
      let dVi = 2 * (V - R);
      let vi = u;
      if (s.clipValueLoss) {
        const old = mb.oldValues[i]!;
        const delta = V - old;
        const Vc = old + Math.min(Math.max(delta, -eps), eps);
        const c = (Vc - R) * (Vc - R);
        if (u < c) {
          vi = c;
          dVi = delta >= -eps && delta <= eps ? 2 * (Vc - R) : 0;
        }
      }
      vSum += vi;
      dV[i] = (s.vfCoef * dVi) / n;
    }
    this.actor.backward(obs, n);
    this.critic.backward(obs, n);
    for (let d = 0; d < logStdGrad.length; d++)
      grad[this.logStdAt + d] = grad[this.logStdAt + d]! + logStdGrad[d]!;
    const policyLoss = pgSum / n;
    const entropy = entSum / n;
    const valueLoss = vSum / n;
    return {
      loss: policyLoss - s.entCoef * entropy + s.vfCoef * valueLoss,
      policyLoss,
      valueLoss,
      entropy,
      approxKl: klSum / n,
      clipfrac: clipped / n,
    };
  }

  /** One Adam step on the minibatch's loss, gradient clipped to `maxGradNorm` (as `FlatOptimizer`). */
  step(mb: FusedMinibatch, s: FusedPpoSettings): FusedPpoStats {
    const stats = this.lossAndGradient(mb, s);
    const g = this.grad;
    const { beta1, beta2, epsilon } = this.adam;
    this.t++;
    let sq = 0;
    for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
    // g ← g·min(1, c/(‖g‖₂ + 10⁻⁶))
    const scale = Math.min(1, s.maxGradNorm / (Math.sqrt(sq) + 1e-6));
    // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·m̂/(√v̂ + ε)
    const stepSize = s.learningRate / (1 - beta1 ** this.t);
    const vCorrection = 1 / Math.sqrt(1 - beta2 ** this.t);
    const { m, v, theta } = this;
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]! * scale;
      m[i] = beta1 * m[i]! + (1 - beta1) * gi;
      v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
      theta[i] = theta[i]! - (m[i]! * stepSize) / (Math.sqrt(v[i]!) * vCorrection + epsilon);
    }
    const { loss: _loss, ...rest } = stats;
    return rest;
  }
}
