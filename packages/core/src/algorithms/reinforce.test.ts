import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { MemoryLogger } from '../logger';
import { REINFORCE } from './reinforce';

beforeAll(useTestBackend);

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('REINFORCE', () => {
  it('updates once per batch of whole episodes, one episode per sub-env', () => {
    const logger = new MemoryLogger();
    const agent = new REINFORCE(vec('CartPole-v1', 4), { hidden: [16] }, { seed: 2, logger });
    agent.learn(1);
    // One iteration: every sub-env finished exactly one episode, then one update was logged.
    expect(logger.series('charts/episodic_return').length).toBeGreaterThanOrEqual(4);
    const updates = logger.series('losses/policy_loss');
    expect(updates).toHaveLength(1);
    expect(Number.isFinite(updates[0]!.value)).toBe(true);
    agent.dispose();
  });

  it('improves CartPole returns with a learned baseline, deterministically, without leaking tensors', () => {
    const runOnce = () => {
      const logger = new MemoryLogger();
      const agent = new REINFORCE(
        vec('CartPole-v1', 8),
        { baseline: true, learningRate: 3e-3 },
        { seed: 1, logger },
      );
      agent.learn(2000);
      const before = tf.memory().numTensors;
      agent.learn(20_000);
      expect(tf.memory().numTensors).toBe(before);
      agent.dispose();
      return logger.series('charts/episodic_return').map((p) => p.value);
    };
    const a = runOnce();
    expect(mean(a.slice(-16))).toBeGreaterThan(1.5 * mean(a.slice(0, 16)));
    expect(runOnce()).toEqual(a);
  }, 30_000);

  it('runs on a continuous action space (Pendulum) with finite losses', () => {
    const logger = new MemoryLogger();
    const agent = new REINFORCE(vec('Pendulum-v1', 2), { hidden: [16] }, { seed: 3, logger });
    agent.learn(400);
    // Pendulum episodes are truncated at 200 steps: one update per 2 × 200 steps.
    expect(logger.series('charts/episodic_length').map((p) => p.value)).toEqual([200, 200]);
    expect(Number.isFinite(logger.series('losses/policy_loss')[0]!.value)).toBe(true);
    agent.dispose();
  });
});
