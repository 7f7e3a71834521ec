import { describe, expect, it } from 'vitest';
import { RunnerError } from '../verdict';
import { CUSTOM_PYTHON_ENV_LIMITS } from './check-python-env';
import { walkEnvFiles, walkEnvPyStepping } from './fixtures/walk-env';
import { openPythonVectorEnvSync } from './python-env-sync';

/** Two walks to the goal at 4 (starts 0 or 1) stepped synchronously, as core's trainers step them. */
const openWalks = (envPy?: string) =>
  openPythonVectorEnvSync('custom/walk', 2, {
    files: walkEnvFiles(4, envPy),
    custom: { maxEpisodeSteps: 10 },
    limits: CUSTOM_PYTHON_ENV_LIMITS,
  });

describe("a group's env.py stepped synchronously (what baselines train on)", () => {
  it('walks with Gymnasium next-step autoreset and reports each finished episode', async () => {
    const env = await openWalks();
    try {
      const starts = Array.from(env.reset({ seed: 3 }).obs);
      expect(starts.every((x) => x === 0 || x === 1)).toBe(true);
      const ended: { env: number; return: number; length: number }[] = [];
      for (let t = 0; t < 4; t++) ended.push(...(env.step([1, 1]).episodes ?? []));
      // From x0, 4 − x0 steps right: −1 each but the arriving one, which pays 10.
      expect(ended.sort((a, b) => a.env - b.env)).toEqual(
        starts.map((x, i) => ({ env: i, length: 4 - x, return: 11 - (4 - x) })),
      );
      // The step after an episode ends only resets that env (reward 0, a start observation); an env
      // that ended earlier was reset then, and walks on (−1).
      const next = env.step([1, 1]);
      expect(Array.from(next.rewards)).toEqual(starts.map((x) => (x === 0 ? 0 : -1)));
      for (const [i, x] of starts.entries()) expect(next.obs[i]).toBeLessThanOrEqual(x === 0 ? 1 : 2);
    } finally {
      await env.closeAndWait();
    }
  }, 120_000);

  it('an env.py that sleeps in step() is stopped by the idle limit with its verdict', async () => {
    const env = await openWalks(walkEnvPyStepping('        import time\n        time.sleep(3600)'));
    try {
      env.reset({ seed: 1 });
      let thrown: unknown;
      try {
        env.step([1, 1]);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RunnerError);
      expect((thrown as RunnerError).verdict).toBe('time_limit');
      expect((thrown as RunnerError).message).toMatch(/^env\.step\(\) slept or waited for more than 10 s/);
      // The channel is dead after a failure: the next request fails the same way, at once.
      expect(() => env.step([1, 1])).toThrow(thrown as Error);
    } finally {
      await env.closeAndWait();
    }
  }, 120_000);
});
