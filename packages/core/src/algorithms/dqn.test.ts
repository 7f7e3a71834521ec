import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { MemoryLogger } from '../logger';
import { ConfigError } from './config';
import { DQN } from './dqn';
import { ReplayBuffer } from './replay-buffer';
import { linearSchedule } from './schedules';

beforeAll(useTestBackend);

describe('ReplayBuffer', () => {
  it('overwrites the oldest transitions and samples stored rows intact', () => {
    const buf = new ReplayBuffer(3, 2);
    for (let k = 0; k < 5; k++) {
      buf.add(Float32Array.of(k, -k), Float32Array.of(k + 0.5, 0), 0, k % 2, k * 10, k === 4 ? 1 : 0);
    }
    expect(buf.size).toBe(3);
    const batch = buf.sample(50, new Rng(1));
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const k = batch.obs[2 * i]!;
      seen.add(k);
      expect(batch.obs[2 * i + 1]).toBe(-k);
      expect(batch.nextObs[2 * i]).toBe(k + 0.5);
      expect(batch.actions[i]).toBe(k % 2);
      expect(batch.rewards[i]).toBe(k * 10);
      expect(batch.terminated[i]).toBe(k === 4 ? 1 : 0);
    }
    expect([...seen].sort()).toEqual([2, 3, 4]);
    expect(() => new ReplayBuffer(2, 1).sample(1, new Rng(0))).toThrow(/empty/);
  });
});

describe('linearSchedule', () => {
  it('goes from start to end over the duration and stays there', () => {
    expect(linearSchedule(1, 0.1, 100, 0)).toBe(1);
    expect(linearSchedule(1, 0.1, 100, 50)).toBeCloseTo(0.55, 12);
    expect(linearSchedule(1, 0.1, 100, 500)).toBeCloseTo(0.1, 12);
  });
});

describe('DQN', () => {
  it('learns from replay with finite TD loss, decaying ε, deterministically, without leaking tensors', () => {
    const runOnce = () => {
      const logger = new MemoryLogger();
      const dqn = new DQN(
        vec('CartPole-v1', 2),
        { learningStarts: 200, hidden: [32, 32], targetUpdateInterval: 100, explorationSteps: 3600 },
        { seed: 4, logger },
      );
      dqn.learn(3000);
      const before = tf.memory().numTensors;
      dqn.learn(4000);
      expect(tf.memory().numTensors).toBe(before);
      dqn.dispose();
      return logger;
    };
    const a = runOnce();
    const td = a.series('losses/td_loss');
    expect(td.length).toBeGreaterThan(1);
    for (const p of td) expect(Number.isFinite(p.value)).toBe(true);
    const eps = a.series('charts/epsilon').map((p) => p.value);
    expect(eps[eps.length - 1]).toBeLessThan(eps[0]!);
    expect(runOnce().series('losses/td_loss')).toEqual(td);
  }, 20_000);

  it('moves Q(s, a) toward the discounted return of CartPole (≈ 1/(1 − γ) for long episodes)', () => {
    const dqn = new DQN(vec('CartPole-v1', 1), { learningStarts: 500, gamma: 0.9 }, { seed: 1 });
    const q0 = tf.tidy(() => tf.mean(dqn.q.q(tf.tensor2d(new Float32Array(4), [1, 4]))).dataSync()[0]!);
    dqn.learn(6000);
    const q1 = tf.tidy(() => tf.max(dqn.q.q(tf.tensor2d(new Float32Array(4), [1, 4]))).dataSync()[0]!);
    // Rewards are 1 per step, so Q at the upright start state must grow from ≈ 0 toward ≤ 10.
    expect(Math.abs(q0)).toBeLessThan(2);
    expect(q1).toBeGreaterThan(4);
    expect(q1).toBeLessThan(12);
    dqn.dispose();
  }, 20_000);

  it('refuses a continuous action space, naming it', () => {
    expect(() => new DQN(vec('Pendulum-v1', 1))).toThrow(ConfigError);
    expect(() => new DQN(vec('Pendulum-v1', 1))).toThrow(/Discrete action space, found a Box/);
  });
});
