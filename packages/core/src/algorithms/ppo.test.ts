import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { MemoryLogger } from '../logger';
import { ppoClipLoss } from '../losses/ppo-clip';
import { computeGae } from '../returns/gae';
import { PPO, type PpoConfig } from './ppo';
import { gather, gatherRows, type Rollout, validIndices } from './rollout';

beforeAll(useTestBackend);

/** PPO with its rollout and update exposed, to test them one at a time. */
class InspectablePpo extends PPO {
  rolloutOf(numSteps: number): Rollout {
    const r = this.allocateRollout(numSteps);
    this.collect(r);
    return r;
  }
  updateOn(r: Rollout, clip: number) {
    return this.update(r, clip);
  }
}

const small: Partial<PpoConfig> = { numSteps: 16, minibatchSize: 32, epochs: 4, hidden: [32, 32] };

function run(env: VectorEnv, seed: number, steps: number, config: Partial<PpoConfig> = small): MemoryLogger {
  const logger = new MemoryLogger();
  const ppo = new PPO(env, config, { seed, logger });
  ppo.learn(steps);
  ppo.dispose();
  return logger;
}

describe('PPO', () => {
  it('is deterministic: same seed, same metrics; another seed differs', () => {
    const strip = (l: MemoryLogger) =>
      l.records.map((r) => ({ step: r.step, m: { ...r.metrics, 'charts/SPS': 0 } }));
    const a = strip(run(vec('CartPole-v1', 4), 3, 640));
    const b = strip(run(vec('CartPole-v1', 4), 3, 640));
    const c = strip(run(vec('CartPole-v1', 4), 4, 640));
    expect(a.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  }, 30_000);

  it('one update lowers the clipped surrogate loss on its own batch', () => {
    const ppo = new InspectablePpo(vec('CartPole-v1', 4), small, { seed: 1 });
    const rollout = ppo.rolloutOf(32);
    const { advantages } = computeGae({ ...rollout, gamma: 0.98, lambda: 0.8, numEnvs: 4 });
    const idx = validIndices(rollout);
    const surrogate = () =>
      tf.tidy(() => {
        const ev = ppo.policy.evaluate(
          tf.tensor2d(gatherRows(rollout.obs, 4, idx), [idx.length, 4]),
          tf.tensor1d(gather(rollout.actions, idx), 'int32'),
        );
        return ppoClipLoss({
          logProbs: ev.logProbs,
          oldLogProbs: tf.tensor1d(gather(rollout.logProbs, idx)),
          advantages: tf.tensor1d(gather(advantages, idx)),
          clipEpsilon: 0.2,
        }).dataSync()[0]!;
      });
    const before = surrogate();
    // Before any update the policy is the behaviour policy: ratio 1, loss = −mean(A).
    expect(before).toBeCloseTo(-gather(advantages, idx).reduce((s, a) => s + a, 0) / idx.length, 4);
    const metrics = ppo.updateOn(rollout, 0.2);
    const after = surrogate();
    expect(after).toBeLessThan(before - 1e-3);
    expect(metrics['losses/approx_kl']).toBeGreaterThan(0);
    expect(Number.isFinite(metrics['losses/value_loss'])).toBe(true);
    ppo.dispose();
  });

  it('skips the NEXT_STEP reset transition and bootstraps truncated steps from the final observation', () => {
    const ppo = new InspectablePpo(vec('CartPole-v1', 3), small, { seed: 2 });
    const r = ppo.rolloutOf(120);
    const N = 3;
    let ends = 0;
    for (let t = 0; t < r.numSteps; t++) {
      for (let i = 0; i < N; i++) {
        const k = t * N + i;
        const endedBefore = t > 0 && (r.terminated[k - N]! || r.truncated[k - N]!);
        expect(r.valid[k]).toBe(endedBefore ? 0 : 1);
        if (endedBefore) {
          ends++;
          // The reset step carries reward 0 and no termination.
          expect(r.rewards[k]).toBe(0);
          expect(r.terminated[k]).toBe(0);
        }
        // V(s′_t) is the value computed at step t + 1 (the true final observation after an episode end).
        if (t + 1 < r.numSteps) expect(r.nextValues[k]).toBe(r.values[k + N]);
      }
    }
    expect(ends).toBeGreaterThan(3);
    ppo.dispose();
  });

  it('does not leak tensors across updates after a burn-in', () => {
    const ppo = new PPO(vec('CartPole-v1', 2), small, { seed: 5 });
    ppo.learn(64);
    const before = tf.memory().numTensors;
    ppo.learn(64 * 4);
    expect(tf.memory().numTensors).toBe(before);
    ppo.dispose();
  });

  it.each([
    ['the fused path (default)', true],
    ['the tfjs path', false],
  ])(
    'improves CartPole returns within 10k steps (first vs last episodes) through %s',
    (_, fusedUpdate) => {
      const logger = run(vec('CartPole-v1', 8), 1, 10240, { numSteps: 32, epochs: 10, fusedUpdate });
      const returns = logger.series('charts/episodic_return').map((p) => p.value);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(returns.slice(-10))).toBeGreaterThan(2 * mean(returns.slice(0, 20)));
    },
    30_000,
  );

  it('trains a Gaussian policy on Pendulum with finite losses and exports it as gaussian-mean', async () => {
    const logger = new MemoryLogger();
    const ppo = new PPO(
      vec('Pendulum-v1', 2),
      { ...small, normalizeObs: true, normalizeReward: true, gamma: 0.9 },
      { seed: 1, logger, envId: 'Pendulum-v1' },
    );
    ppo.learn(400);
    const losses = logger.series('losses/policy_loss');
    expect(losses.length).toBeGreaterThan(5);
    for (const key of [
      'losses/policy_loss',
      'losses/value_loss',
      'losses/entropy',
      'losses/approx_kl',
    ] as const) {
      for (const p of logger.series(key)) expect(Number.isFinite(p.value)).toBe(true);
    }
    // Entropy of a 1-D Gaussian with log σ = 0 is ½·log(2πe) ≈ 1.419 at the start.
    expect(logger.series('losses/entropy')[0]!.value).toBeCloseTo(0.5 * Math.log(2 * Math.PI * Math.E), 1);
    const artifacts = await ppo.exportPolicy();
    expect(artifacts.manifest.policy).toBe('gaussian-mean');
    expect(artifacts.manifest.env).toBe('Pendulum-v1');
    expect(artifacts.manifest.obsNormalization?.mean).toHaveLength(3);
    ppo.dispose();
  });

  it.each(['clip', 'kl-penalty', 'clip-kl', 'clip-kl-entropy'] as const)(
    'trains with the %s objective from the losses module',
    (objective) => {
      const logger = new MemoryLogger();
      const ppo = new PPO(vec('CartPole-v1', 2), { ...small, objective, entCoef: 0.01 }, { seed: 1, logger });
      ppo.learn(96);
      const last = logger.records.filter((r) => 'losses/policy_loss' in r.metrics).at(-1)!.metrics;
      expect(Number.isFinite(last['losses/policy_loss'])).toBe(true);
      if (objective === 'clip') expect(last['losses/kl']).toBeUndefined();
      else {
        // After an update the new policy differs from the one that collected the batch.
        expect(last['losses/kl']).toBeGreaterThan(0);
        expect(last['charts/kl_coef']).toBe(1);
      }
      ppo.dispose();
    },
  );

  it('adapts the KL coefficient with the lecture rule (×2 above 1.5·target)', () => {
    const logger = new MemoryLogger();
    const ppo = new PPO(
      vec('CartPole-v1', 2),
      { ...small, objective: 'kl-penalty', klCoef: 0.5, klTarget: 1e-12 },
      { seed: 1, logger },
    );
    ppo.learn(96);
    expect(logger.series('charts/kl_coef').map((p) => p.value)).toEqual([1, 2, 4]);
    ppo.dispose();
  });
});
