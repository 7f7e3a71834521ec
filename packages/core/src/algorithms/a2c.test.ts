import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { MemoryLogger } from '../logger';
import { A2C } from './a2c';

beforeAll(useTestBackend);

describe('A2C', () => {
  it('reports finite losses, the same for the same seed, and keeps the tensor count flat', () => {
    const runOnce = () => {
      const logger = new MemoryLogger();
      const a2c = new A2C(vec('CartPole-v1', 4), { hidden: [32, 32] }, { seed: 11, logger });
      a2c.learn(400);
      const before = tf.memory().numTensors;
      a2c.learn(1200);
      expect(tf.memory().numTensors).toBe(before);
      a2c.dispose();
      return logger;
    };
    const a = runOnce();
    const b = runOnce();
    const losses = a.series('losses/value_loss');
    expect(losses.length).toBeGreaterThanOrEqual(2);
    for (const p of [...losses, ...a.series('losses/policy_loss')])
      expect(Number.isFinite(p.value)).toBe(true);
    expect(b.series('losses/policy_loss')).toEqual(a.series('losses/policy_loss'));
    expect(b.series('charts/episodic_return')).toEqual(a.series('charts/episodic_return'));
  });

  it('improves CartPole returns within 20k steps', () => {
    const logger = new MemoryLogger();
    const a2c = new A2C(vec('CartPole-v1', 8), {}, { seed: 1, logger });
    a2c.learn(20_000);
    a2c.dispose();
    const returns = logger.series('charts/episodic_return').map((p) => p.value);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(returns.slice(-20))).toBeGreaterThan(2 * mean(returns.slice(0, 40)));
  }, 30_000);

  it('trains a Gaussian policy on Pendulum with finite losses', () => {
    const logger = new MemoryLogger();
    const a2c = new A2C(vec('Pendulum-v1', 2), { normalizeObs: true }, { seed: 2, logger });
    a2c.learn(2000);
    const losses = logger.series('losses/policy_loss');
    expect(losses.length).toBeGreaterThan(0);
    for (const p of [...losses, ...logger.series('losses/value_loss')])
      expect(Number.isFinite(p.value)).toBe(true);
    // Greedy actions are the Gaussian means, one per observation.
    expect(a2c.greedyActions(new Float32Array(6), 2)).toHaveLength(2);
    a2c.dispose();
  });
});
