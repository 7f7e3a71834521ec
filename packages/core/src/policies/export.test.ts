import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { ActorCritic } from './actor-critic';
import { exportPolicy, loadPolicy, WEIGHTS_FILE } from './export';
import { mlpForward } from './mlp';
import { QNetwork } from './q-network';

beforeAll(useTestBackend);

function randomObs(n: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal() * 2);
}

const options = { hidden: [32, 16], activation: 'tanh' as const, initLogStd: -0.5 };

describe('policy export and load', () => {
  it('round-trips a discrete actor: identical argmax actions and logits', async () => {
    const policy = new ActorCritic(4, { kind: 'discrete', n: 3, start: 0 }, options, new Rng(7));
    // Move the weights away from the tiny-output init so argmax is not trivially tied.
    tf.tidy(() => {
      for (const v of policy.actor.model.trainableWeights) {
        const val = v.read();
        v.write(tf.add(val, tf.mul(tf.randomNormal(val.shape, 0, 0.5, 'float32', 3), 1)));
      }
    });
    const obs = randomObs(64, 4, 1);
    const artifacts = await exportPolicy(policy.actor.model, { env: 'CartPole-v1', policy: 'argmax' });
    expect(artifacts.modelJson.format).toBe('layers-model');
    expect(artifacts.modelJson.weightsManifest[0]!.paths).toEqual([WEIGHTS_FILE]);
    expect(artifacts.weightData.byteLength).toBe((4 * 32 + 32 + 32 * 16 + 16 + 16 * 3 + 3) * 4);
    const loaded = await loadPolicy(artifacts);
    const actions = loaded.act(obs, 64);
    expect(Array.from(actions)).toEqual(Array.from(policy.greedy(obs, 64)));
    expect(new Set(actions).size).toBeGreaterThan(1);
    expect(loaded.manifest).toEqual({ env: 'CartPole-v1', policy: 'argmax' });
    const [a, b] = tf.tidy(() => {
      const x = tf.tensor2d(obs, [64, 4]);
      return [
        Array.from(mlpForward(policy.actor, x).dataSync()),
        Array.from((loaded.model.predict(x) as tf.Tensor).dataSync()),
      ];
    });
    for (let i = 0; i < a!.length; i++) expect(b![i]).toBeCloseTo(a![i]!, 5);
    loaded.dispose();
    policy.dispose();
  });

  it('round-trips a Gaussian actor with observation normalization: actions equal the normalized mean', async () => {
    const action = {
      kind: 'continuous' as const,
      size: 1,
      low: Float32Array.of(-2),
      high: Float32Array.of(2),
    };
    const policy = new ActorCritic(3, action, options, new Rng(8));
    const norm = { mean: [0.5, -1, 2], std: [2, 0.5, 4] };
    const artifacts = await exportPolicy(policy.actor.model, {
      env: 'Pendulum-v1',
      policy: 'gaussian-mean',
      obsNormalization: norm,
    });
    const loaded = await loadPolicy(artifacts);
    const raw = randomObs(10, 3, 2);
    const normalized = raw.map((x, i) => (x - norm.mean[i % 3]!) / norm.std[i % 3]!);
    expect(Array.from(loaded.act(raw, 10))).toEqual(
      Array.from(
        tf.tidy(() => (loaded.model.predict(tf.tensor2d(normalized, [10, 3])) as tf.Tensor).dataSync()),
      ),
    );
    const mine = policy.greedy(normalized, 10);
    const theirs = loaded.act(raw, 10);
    for (let i = 0; i < 10; i++) expect(theirs[i]).toBeCloseTo(mine[i]!, 5);
    expect(() => loaded.act(raw, 9)).toThrow(/obs has 30 values, expected 9 × 3/);
    loaded.dispose();
    policy.dispose();
  });

  it('round-trips a Q-network', async () => {
    const q = new QNetwork(6, 3, { hidden: [16], activation: 'relu' }, new Rng(9));
    const loaded = await loadPolicy(await exportPolicy(q.net.model, { env: 'Acrobot-v1', policy: 'argmax' }));
    const obs = randomObs(50, 6, 3);
    expect(Array.from(loaded.act(obs, 50))).toEqual(Array.from(q.greedy(obs, 50)));
    loaded.dispose();
    q.dispose();
  });

  it('a "sample" policy draws through the given rng, reproducibly', async () => {
    const policy = new ActorCritic(4, { kind: 'discrete', n: 2, start: 0 }, options, new Rng(1));
    const loaded = await loadPolicy(
      await exportPolicy(policy.actor.model, { env: 'CartPole-v1', policy: 'sample' }),
    );
    const obs = randomObs(200, 4, 4);
    const a = loaded.act(obs, 200, new Rng(5));
    expect(Array.from(loaded.act(obs, 200, new Rng(5)))).toEqual(Array.from(a));
    // Near-uniform initial policy: both actions appear.
    const ones = a.reduce((s, x) => s + x, 0);
    expect(ones).toBeGreaterThan(60);
    expect(ones).toBeLessThan(140);
    expect(() => loaded.act(obs, 200)).toThrow(/needs an rng/);
    loaded.dispose();
    policy.dispose();
  });
});
