import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { critic } from './run-cli';

const trained = fileURLToPath(new URL('./fixtures/ppo-cartpole/model.json', import.meta.url));

describe('critic eval of a policy trained by critic train', () => {
  it('a PPO policy from @critic/core scores at least the reward threshold (475) as tfjs-layers', async () => {
    const run = await critic`eval ${trained} --env CartPole-v1 --episodes 100 --json`;
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { stats: { n: number; mean: number; min: number } };
    expect(result.stats.n).toBe(100);
    expect(result.stats.mean).toBeGreaterThanOrEqual(475);
    // A policy that had not learned (CartPole's random agent scores ~22) could not get here.
    expect(result.stats.min).toBeGreaterThan(100);
  }, 60_000);
});
