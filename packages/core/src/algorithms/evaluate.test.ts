import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../../test/setup-backend';
import { vec } from '../../test/vec';
import { actionSpecOf } from '../policies/action-space';
import { evaluatePolicy } from './evaluate';
import { PPO } from './ppo';

beforeAll(useTestBackend);

describe('evaluatePolicy', () => {
  it('runs exactly the requested episodes, split over the sub-envs, reproducibly', () => {
    const env = vec('CartPole-v1', 4);
    // Always push right: CartPole falls within a few dozen steps.
    const right = (_obs: Float32Array, n: number) => new Float32Array(n).fill(1);
    const opts = { episodes: 10, seed: 3, action: actionSpecOf(env.singleActionSpace) };
    const r = evaluatePolicy(env, right, opts);
    expect(r.returns).toHaveLength(10);
    expect(r.meanReturn).toBeGreaterThan(5);
    expect(r.meanReturn).toBeLessThan(60);
    expect(r.returns).toEqual(r.lengths);
    expect(evaluatePolicy(vec('CartPole-v1', 4), right, opts)).toEqual(r);
    expect(() => evaluatePolicy(env, right, { ...opts, episodes: 0 })).toThrow(
      /episodes must be a positive integer/,
    );
  });

  it("evaluates an algorithm's greedy policy", () => {
    const ppo = new PPO(vec('CartPole-v1', 2), { numSteps: 16, minibatchSize: 32, epochs: 2 }, { seed: 1 });
    const r = evaluatePolicy(vec('CartPole-v1', 2), (o, n) => ppo.greedyActions(o, n), {
      episodes: 4,
      seed: 0,
      action: ppo.action,
    });
    expect(r.returns).toHaveLength(4);
    for (const x of r.returns) expect(x).toBeGreaterThan(0);
    ppo.dispose();
  });
});
