import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { ppoClipLoss } from '../losses/ppo-clip';
import { valueLoss } from '../losses/value';
import type { ActionSpec } from '../policies/action-space';
import { ActorCritic } from '../policies/actor-critic';
import { type FusedMinibatch, FusedPpo, type FusedPpoSettings } from './fused-ppo';
import { PPO } from './ppo';

beforeAll(useTestBackend);

const discrete: ActionSpec = { kind: 'discrete', n: 3, start: 0 };
const continuous: ActionSpec = {
  kind: 'continuous',
  size: 2,
  low: Float32Array.of(-1, -1),
  high: Float32Array.of(1, 1),
};

/** A policy with non-zero weights everywhere and a minibatch whose ratios straddle the clip range. */
function setup(action: ActionSpec, activation: 'tanh' | 'relu', seed: number) {
  const rng = new Rng(seed);
  const obsSize = 5;
  const policy = new ActorCritic(obsSize, action, { hidden: [8, 6], activation, initLogStd: -0.3 }, rng);
  // orthogonal init leaves biases at 0 and the actor's output tiny: spread them so every term matters
  for (const v of policy.variables()) {
    const values = Float32Array.from({ length: v.size }, () => rng.normal() * 0.5);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
  }
  const n = 24;
  const obs = Float32Array.from({ length: n * obsSize }, () => rng.normal());
  const actions =
    action.kind === 'discrete'
      ? Float32Array.from({ length: n }, () => rng.integer(action.n))
      : Float32Array.from({ length: n * action.size }, () => rng.normal());
  const logProbs = tf.tidy(() => {
    const ev = policy.evaluate(
      tf.tensor2d(obs, [n, obsSize]),
      action.kind === 'discrete' ? tf.tensor1d(actions, 'int32') : tf.tensor2d(actions, [n, action.size]),
    );
    return ev.logProbs.dataSync() as Float32Array;
  });
  const values = policy.values(obs, n);
  const mb: FusedMinibatch = {
    n,
    obs,
    actions,
    // ratios exp(±0.35·u) around 1: some inside [0.8, 1.2], some clipped on either side
    oldLogProbs: logProbs.map((lp) => lp + 0.35 * (rng.random() * 2 - 1)),
    advantages: Float32Array.from({ length: n }, () => rng.normal()),
    targets: Float32Array.from({ length: n }, () => rng.normal() * 2),
    oldValues: values.map((v) => v + 0.3 * rng.normal()),
  };
  return { policy, mb, obsSize };
}

const settings = (clipValueLoss: boolean): FusedPpoSettings => ({
  clipEpsilon: 0.2,
  clipValueLoss,
  entCoef: 0.05,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  learningRate: 1e-3,
});

describe('FusedPpo gradient', () => {
  for (const [name, action, activation, clipValueLoss] of [
    ['categorical, tanh', discrete, 'tanh', false],
    ['categorical, relu, clipped value loss', discrete, 'relu', true],
    ['Gaussian, tanh, clipped value loss', continuous, 'tanh', true],
  ] as const) {
    it(`matches central finite differences (${name})`, () => {
      const { policy, mb } = setup(action, activation, 11);
      const fused = new FusedPpo(policy, { beta1: 0.9, beta2: 0.999, epsilon: 1e-5 });
      const s = settings(clipValueLoss);
      fused.lossAndGradient(mb, s);
      const grad = Float64Array.from(fused.grad);
      const h = 1e-6;
      let checked = 0;
      for (let i = 0; i < fused.theta.length; i += 3) {
        const x = fused.theta[i]!;
        fused.theta[i] = x + h;
        const up = fused.lossAndGradient(mb, s).loss;
        fused.theta[i] = x - h;
        const down = fused.lossAndGradient(mb, s).loss;
        fused.theta[i] = x;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(numeric - grad[i]!)).toBeLessThan(1e-6 + 1e-4 * Math.abs(numeric));
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
      expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
      policy.dispose();
    });
  }

  it("matches tfjs's autodiff of the same loss (PPO's tfjs path)", () => {
    const { policy, mb, obsSize } = setup(discrete, 'tanh', 5);
    const fused = new FusedPpo(policy, { beta1: 0.9, beta2: 0.999, epsilon: 1e-5 });
    const s = settings(false);
    const ours = fused.lossAndGradient(mb, s);
    const variables = policy.variables();
    const { value, grads } = tf.variableGrads(() => {
      const ev = policy.evaluate(tf.tensor2d(mb.obs, [mb.n, obsSize]), tf.tensor1d(mb.actions, 'int32'));
      const pg = ppoClipLoss({
        logProbs: ev.logProbs,
        oldLogProbs: tf.tensor1d(mb.oldLogProbs),
        advantages: tf.tensor1d(mb.advantages),
        clipEpsilon: s.clipEpsilon,
      });
      const v = valueLoss({ values: ev.values, targets: tf.tensor1d(mb.targets) });
      // L = L_clip − c_H·mean(H) + c_V·L_V
      return tf.add(tf.sub(pg, tf.mul(s.entCoef, tf.mean(ev.entropy))), tf.mul(s.vfCoef, v)) as tf.Scalar;
    }, variables);
    expect(value.dataSync()[0]!).toBeCloseTo(ours.loss, 4);
    const theirs = variables.flatMap((v) => Array.from(grads[v.name]!.dataSync()));
    expect(theirs.length).toBe(fused.grad.length);
    theirs.forEach((g, i) => {
      expect(Math.abs(g - fused.grad[i]!)).toBeLessThan(1e-4 + 1e-3 * Math.abs(g));
    });
    tf.dispose([value, ...Object.values(grads)]);
    policy.dispose();
  });
});

describe('FusedPpo rollout step', () => {
  for (const [name, action] of [
    ['categorical', discrete],
    ['Gaussian', continuous],
  ] as const) {
    it(`draws what ActorCritic.step draws from the same rng, with its log-probs and values (${name})`, () => {
      const { policy, mb, obsSize } = setup(action, 'tanh', 3);
      const fused = new FusedPpo(policy, { beta1: 0.9, beta2: 0.999, epsilon: 1e-5 });
      const n = 8;
      const obs = mb.obs.subarray(0, n * obsSize);
      const ours = fused.act(obs, n, new Rng(42));
      const theirs = policy.step(obs, n, new Rng(42));
      if (action.kind === 'discrete') expect(Array.from(ours.actions)).toEqual(Array.from(theirs.actions));
      for (const key of ['actions', 'logProbs', 'values', 'outputs'] as const) {
        expect(ours[key].length).toBe(theirs[key].length);
        for (let i = 0; i < ours[key].length; i++) expect(ours[key][i]!).toBeCloseTo(theirs[key][i]!, 4);
      }
      expect(Array.from(fused.values(obs, n))).toEqual(Array.from(ours.values));
      policy.dispose();
    });
  }

  it('refuses more rows than it was built for', () => {
    const { policy, mb } = setup(discrete, 'tanh', 3);
    const fused = new FusedPpo(policy, { beta1: 0.9, beta2: 0.999, epsilon: 1e-5 }, 16);
    expect(() => fused.lossAndGradient(mb, settings(false))).toThrow(/24 rows exceed the capacity of 16/);
    policy.dispose();
  });
});

describe('PPO with fusedUpdate', () => {
  it('reproduces a run exactly for the same seed', () => {
    const run = () => {
      const ppo = new PPO(vec('CartPole-v1', 4), { numSteps: 16, minibatchSize: 32, epochs: 2 }, { seed: 7 });
      ppo.learn(320);
      const weights = ppo.policy.variables().flatMap((v) => Array.from(v.dataSync()));
      ppo.dispose();
      return weights;
    };
    const first = run();
    expect(run()).toEqual(first);
  });

  it('trains through the fused path, writes the weights back into the exported model, and leaks no tensors', () => {
    const ppo = new PPO(
      vec('CartPole-v1', 2),
      { numSteps: 32, minibatchSize: 32, epochs: 2, fusedUpdate: true },
      { seed: 1 },
    );
    const before = ppo.policy.variables().map((v) => Array.from(v.dataSync()));
    ppo.learn(64);
    const tensors = tf.memory().numTensors;
    ppo.learn(256);
    expect(tf.memory().numTensors).toBe(tensors);
    const after = ppo.policy.actor.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(after).not.toEqual(before.slice(0, after.length));
    expect(after.flat().every(Number.isFinite)).toBe(true);
    ppo.dispose();
  });
});
