import { Discrete, SyncVectorEnv } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { RunnerError } from '../verdict';
import { BROKEN_ENVS, LINE_WALK } from './fixtures/envs';
import { prepareCustomEnv } from './open-custom-env';
import { openSandboxedEnvSync } from './sandboxed-env-sync';

const limits = { callTimeoutMs: 100, initTimeoutMs: 1_000 };

describe('openSandboxedEnvSync', () => {
  it('steps line-walk synchronously in a SyncVectorEnv: walking right reaches the goal at 10, return x + 1', async () => {
    const module = await prepareCustomEnv({ source: LINE_WALK });
    const envs = openSandboxedEnvSync(module, { instances: 3, limits, envId: 'custom/line-walk' });
    const vec = new SyncVectorEnv((i) => envs[i]!, 3);
    try {
      expect(vec.singleActionSpace).toBeInstanceOf(Discrete);
      expect(envs[0]!.spec?.id).toBe('custom/line-walk');
      const starts = Array.from(vec.reset({ seed: 7 }).obs.filter((_, i) => i % 2 === 0));
      const ended: { env: number; return: number; length: number }[] = [];
      for (let t = 0; t < 10; t++) ended.push(...vec.step([1, 1, 1]).episodes);
      expect(ended.sort((a, b) => a.env - b.env)).toEqual(
        starts.map((x, env) => ({ env, return: x + 1, length: 10 - x })),
      );
    } finally {
      vec.close();
    }
  });

  it('truncates at maxEpisodeSteps, and an env fault is a RunnerError naming the method', async () => {
    const module = await prepareCustomEnv({ source: LINE_WALK });
    const [env] = openSandboxedEnvSync(module, { instances: 1, limits, maxEpisodeSteps: 2 });
    env!.reset({ seed: 1 });
    expect(env!.step(0).truncated).toBe(false);
    expect(env!.step(0)).toMatchObject({ truncated: true, terminated: false, reward: -1 });
    env!.close();

    const nan = await prepareCustomEnv({ source: BROKEN_ENVS.nanReward });
    const [bad] = openSandboxedEnvSync(nan, { instances: 1, limits });
    bad!.reset({ seed: 1 });
    expect(() => bad!.step(0)).toThrow(/step\(\) returned reward NaN; rewards must be finite numbers/);
    bad!.close();

    const looping = await prepareCustomEnv({ source: BROKEN_ENVS.infiniteStep });
    const [slow] = openSandboxedEnvSync(looping, { instances: 1, limits });
    slow!.reset({ seed: 1 });
    let thrown: unknown;
    try {
      slow!.step(1);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RunnerError);
    expect(thrown).toMatchObject({
      verdict: 'time_limit',
      message: expect.stringMatching(/^step\(\) ran longer/),
    });
    slow!.close();
  });
});
