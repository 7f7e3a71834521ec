import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { reinforceLoss } from '../losses/reinforce';
import { valueLoss } from '../losses/value';
import { discountedReturns } from '../returns/discounted';
import type { AlgorithmOptions } from './base';
import { resolveConfig } from './config';
import { ON_POLICY_DEFAULTS, ON_POLICY_RULES, OnPolicyAlgorithm, type OnPolicyConfig } from './on-policy';
import { gather } from './rollout';
import { standardizeInPlace } from './statistics';

/** REINFORCE's configuration. */
export interface ReinforceConfig extends OnPolicyConfig {
  /** Complete episodes each sub-env runs per update (from a fresh reset). */
  episodesPerEnv: number;
  /** Standardize the returns of each batch (a constant baseline and scale). */
  normalizeReturns: boolean;
  /** Subtract a learned V(s) from the returns (REINFORCE with baseline) and fit V to the returns. */
  baseline: boolean;
  /** Value loss coefficient c_V when `baseline` is on. */
  vfCoef: number;
}

export const REINFORCE_DEFAULTS: ReinforceConfig = {
  ...ON_POLICY_DEFAULTS,
  learningRate: 1e-3,
  maxGradNorm: 1,
  episodesPerEnv: 1,
  normalizeReturns: true,
  baseline: false,
  vfCoef: 0.5,
};

/** Monte-Carlo policy gradient (Williams, 1992): whole episodes, then one step on −mean(logπ(a|s)·G). */
export class REINFORCE extends OnPolicyAlgorithm<ReinforceConfig> {
  constructor(env: VectorEnv, config: Partial<ReinforceConfig> = {}, options: AlgorithmOptions = {}) {
    const c = resolveConfig('REINFORCE', REINFORCE_DEFAULTS, config, {
      ...ON_POLICY_RULES,
      episodesPerEnv: 'positiveInt',
      normalizeReturns: 'boolean',
      baseline: 'boolean',
      vfCoef: 'nonNegative',
    });
    super(env, c, options, { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  }

  protected iteration(_totalSteps: number): void {
    const lr = this.scheduleLearningRate();
    const batch = this.collectEpisodes();
    const metrics = this.update(batch);
    this.logger.log(this.globalStep, { ...metrics, 'charts/learning_rate': lr, 'charts/SPS': this.sps() });
  }

  /**
   * Resets every sub-env and steps until each has finished `episodesPerEnv` episodes; steps of a
   * sub-env past its quota, and NEXT_STEP reset steps, are not kept. Time-major, T × N.
   */
  private collectEpisodes() {
    const N = this.numEnvs;
    const d = this.obsSize;
    const A = this.env.actionSize;
    this.obs.set(this.env.reset().obs);
    this.prevDone.fill(0);
    this.normalizer?.update(this.obs, N);
    const remaining = new Array<number>(N).fill(this.config.episodesPerEnv);
    const obs: Float32Array[] = [];
    const actions: Float32Array[] = [];
    const rewards: Float32Array[] = [];
    const dones: Uint8Array[] = [];
    const valid: Uint8Array[] = [];
    while (remaining.some((r) => r > 0)) {
      const x = this.netObs(this.obs, N);
      const step = this.policy.step(x, N, this.rng);
      const res = this.stepEnv(step.actions);
      const keep = new Uint8Array(N);
      const done = new Uint8Array(N);
      for (let i = 0; i < N; i++) {
        keep[i] = remaining[i]! > 0 && !this.prevDone[i] ? 1 : 0;
        done[i] = res.terminated[i]! | res.truncated[i]!;
        if (keep[i] && done[i]) remaining[i]!--;
      }
      obs.push(Float32Array.from(x));
      actions.push(step.actions);
      rewards.push(Float32Array.from(res.rewards));
      dones.push(done);
      valid.push(keep);
      this.prevDone.set(done);
      this.obs.set(res.obs);
      this.normalizer?.update(res.obs, N);
    }
    const cat = <T extends Float32Array | Uint8Array>(
      parts: T[],
      make: (n: number) => T,
      width: number,
    ): T => {
      const out = make(parts.length * N * width);
      parts.forEach((p, t) => {
        out.set(p, t * N * width);
      });
      return out;
    };
    return {
      obs: cat(obs, (n) => new Float32Array(n), d),
      actions: cat(actions, (n) => new Float32Array(n), A),
      rewards: cat(rewards, (n) => new Float32Array(n), 1),
      dones: cat(dones, (n) => new Uint8Array(n), 1),
      valid: cat(valid, (n) => new Uint8Array(n), 1),
    };
  }

  private update(batch: ReturnType<REINFORCE['collectEpisodes']>) {
    const c = this.config;
    // G_t = Σ_k γ^k r_{t+k}, per episode, no bootstrap
    const returns = discountedReturns({
      rewards: batch.rewards,
      dones: batch.dones,
      gamma: c.gamma,
      numEnvs: this.numEnvs,
    });
    const idx: number[] = [];
    batch.valid.forEach((v, i) => {
      if (v) idx.push(i);
    });
    const g = gather(returns, idx);
    if (c.normalizeReturns) standardizeInPlace(g);
    const parts = tf.tidy(() => {
      const { obs, actions } = this.transitionTensors(batch, idx);
      const targets = tf.tensor1d(g);
      return this.optimizer.minimize(() => {
        const ev = this.policy.evaluate(obs, actions);
        if (!c.baseline) {
          const policyLoss = reinforceLoss({ logProbs: ev.logProbs, returns: targets });
          return {
            loss: policyLoss,
            policyLoss,
            valueLoss: tf.scalar(0),
            entropy: tf.mean(ev.entropy) as tf.Scalar,
          };
        }
        // REINFORCE with baseline: L = −mean(logπ·(G − V(s))) + c_V·mean((V(s) − G)²)
        const policyLoss = reinforceLoss({
          logProbs: ev.logProbs,
          returns: tf.sub(targets, ev.values) as tf.Tensor1D,
        });
        const vLoss = valueLoss({ values: ev.values, targets });
        const loss = tf.add(policyLoss, tf.mul(c.vfCoef, vLoss)) as tf.Scalar;
        return { loss, policyLoss, valueLoss: vLoss, entropy: tf.mean(ev.entropy) as tf.Scalar };
      });
    });
    return this.readLosses(parts);
  }
}
