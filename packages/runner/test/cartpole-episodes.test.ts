import { type Env, make } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { openPolicy, policySpecFromSpaces, RunnerError } from '../src/index';

const controller = 'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';

describe('a js-agent steps real CartPole-v1 episodes in lockstep, one batched call per step', () => {
  it('the balancing controller keeps every pole up for 500 steps', async () => {
    const n = 4;
    const envs: Env[] = Array.from({ length: n }, () => make('CartPole-v1'));
    const spec = policySpecFromSpaces('CartPole-v1', envs[0]!.observationSpace, envs[0]!.actionSpace);
    expect(spec).toEqual({
      envId: 'CartPole-v1',
      observationSize: 4,
      action: { type: 'discrete', n: 2, start: 0 },
    });
    const policy = await openPolicy({ format: 'js-agent', source: controller, filename: 'agent.ts' }, spec, {
      batchSize: n,
    });
    try {
      const obs = new Float32Array(n * 4);
      for (const [i, env] of envs.entries()) obs.set(env.reset({ seed: 100 + i }).obs as Float32Array, i * 4);
      const returns = new Array<number>(n).fill(0);
      const done = new Array<boolean>(n).fill(false);
      for (let t = 0; t < 600 && done.includes(false); t++) {
        const actions = await policy.actBatch(obs, n);
        for (const [i, env] of envs.entries()) {
          if (done[i]) continue;
          const step = env.step(actions[i]!);
          returns[i]! += step.reward;
          obs.set(step.obs as Float32Array, i * 4);
          done[i] = step.terminated || step.truncated;
        }
      }
      expect(returns).toEqual([500, 500, 500, 500]);
    } finally {
      await policy.close();
    }
  });

  it('an agent that always pushes right fails early, and one that returns 2 is stopped with invalid_action', async () => {
    const env = make('CartPole-v1');
    const spec = policySpecFromSpaces('CartPole-v1', env.observationSpace, env.actionSpace);
    const right = await openPolicy({ format: 'js-agent', source: 'export const act = () => 1;' }, spec, {
      batchSize: 1,
    });
    let total = 0;
    try {
      let obs = env.reset({ seed: 0 }).obs as Float32Array;
      for (;;) {
        const step = env.step((await right.actBatch(obs, 1))[0]!);
        total += step.reward;
        obs = step.obs as Float32Array;
        if (step.terminated || step.truncated) break;
      }
    } finally {
      await right.close();
    }
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThan(30);
    const bad = await openPolicy({ format: 'js-agent', source: 'export const act = () => 2;' }, spec, {
      batchSize: 1,
    });
    try {
      const e = await bad.actBatch(env.reset({ seed: 0 }).obs as Float32Array, 1).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RunnerError);
      expect((e as RunnerError).verdict).toBe('invalid_action');
      // After a failure the policy stays failed with the same verdict.
      const again = await bad.actBatch(new Float32Array(4), 1).catch((x: unknown) => x);
      expect(again).toBe(e);
    } finally {
      await bad.close();
    }
  });
});
