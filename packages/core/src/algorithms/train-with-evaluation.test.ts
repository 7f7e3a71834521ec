import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { MemoryLogger } from '../logger';
import { DQN } from './dqn';
import { evaluatePolicy } from './evaluate';
import { PPO, type PpoConfig } from './ppo';
import { annealFraction } from './schedules';
import { trainWithEvaluation } from './train-with-evaluation';

beforeAll(useTestBackend);

const small: Partial<PpoConfig> = { numSteps: 16, minibatchSize: 32, epochs: 4, hidden: [32, 32] };
const probe = Float32Array.from({ length: 5 * 4 }, (_, i) => Math.sin(i) * 0.2);

/** The mean return of the learner's greedy policy over `episodes` evaluation episodes from `seed`. */
function greedyReplayMean(ppo: PPO, env: VectorEnv, episodes: number, seed: number): number {
  return evaluatePolicy(env, (o, n) => ppo.greedyActions(o, n), { episodes, seed, action: ppo.action })
    .meanReturn;
}

describe('policy snapshots', () => {
  it('PPO: restoring a snapshot brings back the weights, the observation statistics and the greedy actions', () => {
    const ppo = new PPO(vec('CartPole-v1', 2), { ...small, normalizeObs: true }, { seed: 3 });
    ppo.learn(256);
    const snap = ppo.snapshotPolicy();
    const weights = ppo.policy.variables().map((v) => Array.from(v.dataSync()));
    const stats = ppo.snapshotPolicy().obsNorm!;
    const before = Array.from(ppo.greedyActions(probe, 5));
    ppo.learn(1024);
    expect(ppo.policy.variables().map((v) => Array.from(v.dataSync()))).not.toEqual(weights);
    expect(ppo.snapshotPolicy().obsNorm!.count).toBeGreaterThan(stats.count);
    const tensors = tf.memory().numTensors;
    ppo.restorePolicy(snap);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(ppo.policy.variables().map((v) => Array.from(v.dataSync()))).toEqual(weights);
    expect(ppo.snapshotPolicy().obsNorm).toEqual(stats);
    expect(Array.from(ppo.greedyActions(probe, 5))).toEqual(before);
    ppo.dispose();
  });

  it('DQN: restoring a snapshot brings back the Q-network', () => {
    const dqn = new DQN(vec('CartPole-v1', 2), { learningStarts: 100, hidden: [16, 16] }, { seed: 1 });
    dqn.learn(300);
    const snap = dqn.snapshotPolicy();
    const weights = dqn.q.variables().map((v) => Array.from(v.dataSync()));
    dqn.learn(1200);
    expect(dqn.q.variables().map((v) => Array.from(v.dataSync()))).not.toEqual(weights);
    dqn.restorePolicy(snap);
    expect(dqn.q.variables().map((v) => Array.from(v.dataSync()))).toEqual(weights);
    dqn.dispose();
  });

  it('refuses a snapshot of another network', () => {
    const a = new PPO(vec('CartPole-v1', 2), small, { seed: 1 });
    const b = new PPO(vec('CartPole-v1', 2), { ...small, hidden: [8] }, { seed: 1 });
    expect(() => b.restorePolicy(a.snapshotPolicy())).toThrow(
      'restorePolicy: the snapshot holds 12 variables, the policy has 8',
    );
    a.dispose();
    b.dispose();
  });
});

describe('trainWithEvaluation', () => {
  it('evaluates every evalEvery steps and at the end, and leaves the best evaluated policy in the learner', () => {
    const ppo = new PPO(vec('CartPole-v1', 4), small, { seed: 5 });
    const evalEnv = vec('CartPole-v1', 3);
    const seen: [number, boolean][] = [];
    const outcome = trainWithEvaluation(ppo, 3000, {
      evalEnv,
      evalEvery: 640,
      evalEpisodes: 4,
      evalSeed: 77,
      onEvaluation: (e, isBest) => seen.push([e.step, isBest]),
    });
    // iterations are 64 steps: evaluations at the first iteration at or past each multiple of 640, and at 3008
    expect(outcome.evaluations.map((e) => e.step)).toEqual([640, 1280, 1920, 2560, 3008]);
    expect(seen.map(([s]) => s)).toEqual([640, 1280, 1920, 2560, 3008]);
    const means = outcome.evaluations.map((e) => e.meanReturn);
    expect(outcome.best.meanReturn).toBe(Math.max(...means));
    expect(outcome.best).toBe(outcome.evaluations.find((e) => e.meanReturn === outcome.best.meanReturn));
    expect(outcome.last).toBe(outcome.evaluations.at(-1));
    expect(outcome.restoredBest).toBe(outcome.last.meanReturn < outcome.best.meanReturn);
    // the learner now acts as the best checkpoint did: it replays those episodes to the same mean
    expect(greedyReplayMean(ppo, evalEnv, 4, 77)).toBe(outcome.best.meanReturn);
    ppo.dispose();
  }, 60_000);

  it('puts the best checkpoint back when the last policy scored lower', () => {
    // a learning rate far too high wrecks the policy after it has learnt something
    const ppo = new PPO(
      vec('CartPole-v1', 4),
      { ...small, learningRate: 0.05, annealLr: false },
      { seed: 2 },
    );
    const evalEnv = vec('CartPole-v1', 2);
    const outcome = trainWithEvaluation(ppo, 6000, { evalEnv, evalEvery: 512, evalEpisodes: 2, evalSeed: 9 });
    expect(outcome.restoredBest).toBe(true);
    expect(outcome.last.meanReturn).toBeLessThan(outcome.best.meanReturn);
    expect(greedyReplayMean(ppo, evalEnv, 2, 9)).toBe(outcome.best.meanReturn);
    ppo.dispose();
  }, 60_000);

  it('refuses a non-positive evaluation interval', () => {
    const ppo = new PPO(vec('CartPole-v1', 2), small, { seed: 1 });
    expect(() =>
      trainWithEvaluation(ppo, 100, {
        evalEnv: vec('CartPole-v1', 1),
        evalEvery: 0,
        evalEpisodes: 1,
        evalSeed: 0,
      }),
    ).toThrow('evalEvery must be a positive integer, found 0');
    ppo.dispose();
  });
});

describe('schedules on a fixed horizon', () => {
  it('annealFraction decays over the horizon, not over the budget, and stays at 0 after it', () => {
    expect(annealFraction(0, 100_000)).toBe(1);
    expect(annealFraction(25_000, 100_000)).toBe(0.75);
    expect(annealFraction(150_000, 100_000)).toBe(0);
  });

  it("PPO's first iterations are the same whatever the budget (lr and clip annealed on the fixed horizon)", () => {
    const firstTwoIterations = (budget: number) => {
      const logger = new MemoryLogger();
      const ppo = new PPO(vec('CartPole-v1', 2), { ...small, annealSteps: 2_000 }, { seed: 4, logger });
      ppo.learn(budget, ({ step }) => step < 64); // two iterations of 32 steps
      const w = ppo.policy.variables().map((v) => Array.from(v.dataSync()));
      ppo.dispose();
      const lrs = logger.records.flatMap((r) => r.metrics['charts/learning_rate'] ?? []);
      return { w, lrs };
    };
    const short = firstTwoIterations(1_000);
    const long = firstTwoIterations(1_000_000);
    expect(short.lrs).toEqual([1e-3, 1e-3 * (1 - 32 / 2_000)]);
    expect(long.lrs).toEqual(short.lrs);
    expect(long.w).toEqual(short.w);
  });
});
