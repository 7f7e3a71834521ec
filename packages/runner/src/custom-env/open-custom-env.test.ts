import { frameProblem } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { evaluateSplits } from '../evaluation/evaluate-splits';
import { openPolicy } from '../host/open-policy';
import { RunnerError } from '../verdict';
import { customEnvPolicySpec, customEnvVector } from './env-vector';
import { LINE_WALK } from './fixtures/envs';
import { openCustomEnv, renderTrajectory } from './open-custom-env';

const lineWalk = { source: LINE_WALK };
const limits = { callTimeoutMs: 100, initTimeoutMs: 1_000, wallTimeMs: 30_000 };
// Always walks right: from start x it reaches 10 after 10 − x steps, return −(9 − x) + 10 = x + 1.
const walkRight = 'export function act(obs) { return 1; }';

describe('custom envs in evaluation', () => {
  it('grades an agent in a sandboxed custom env: returns match a hand computation from the start positions', async () => {
    const env = await openCustomEnv(lineWalk, { instances: 4, limits, maxEpisodeSteps: 50 });
    const spec = customEnvPolicySpec(env, 'custom/line-walk');
    const policy = await openPolicy({ format: 'js-agent', source: walkRight }, spec, {
      batchSize: 4,
      limits,
    });
    try {
      const seeds = [1, 2, 3, 4, 5, 6];
      const [result] = await evaluateSplits(policy, {
        envId: 'custom/line-walk',
        splits: [{ split: 'public', seeds }],
        vecEnv: customEnvVector(env, 'custom/line-walk'),
      });
      const starts = await Promise.all(seeds.map(async (s) => (await env.reset([s]))[0]!));
      expect(result!.episodes.map((e) => e.return)).toEqual(starts.map((x) => x + 1));
      expect(result!.episodes.map((e) => e.length)).toEqual(starts.map((x) => 10 - x));
      expect(result!.episodes.every((e) => e.terminated && !e.truncated)).toBe(true);
    } finally {
      await policy.close();
      await env.close();
    }
  });

  it('truncates at maxEpisodeSteps, and an env that fails during grading is named as the fault', async () => {
    const env = await openCustomEnv(lineWalk, { instances: 1, limits, maxEpisodeSteps: 3 });
    const vec = customEnvVector(env, 'custom/line-walk')(1);
    await vec.reset({ seed: [1] });
    let last = await vec.step(Float64Array.of(0));
    last = await vec.step(Float64Array.of(0));
    last = await vec.step(Float64Array.of(0));
    expect([last.terminated[0], last.truncated[0]]).toEqual([0, 1]);
    await env.close();

    const broken = await openCustomEnv(
      {
        source: lineWalk.source.replace(
          'step(action) {',
          'step(action) { if (action === 1) throw new TypeError("bad wall");',
        ),
      },
      { instances: 1, limits },
    );
    const bvec = customEnvVector(broken, 'custom/line-walk')(1);
    await bvec.reset({ seed: [1] });
    const err = await Promise.resolve(bvec.step(Float64Array.of(1))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunnerError);
    expect((err as RunnerError).verdict).toBe('runtime_error');
    expect((err as RunnerError).message).toBe(
      'the environment custom/line-walk failed (a fault of the environment, not of the agent): step() threw TypeError: bad wall',
    );
    await broken.close();
  });

  it("draws a replay with the env's own render: one valid frame per state", async () => {
    const frames = await renderTrajectory(lineWalk, 3, [1, 1, 0], { limits });
    expect(frames).toHaveLength(4);
    for (const f of frames) expect(frameProblem(f)).toBeUndefined();
    const xs = frames.map((f) => (f.shapes[1] as { center: [number, number] }).center[0]);
    expect([xs[1]! - xs[0]!, xs[2]! - xs[1]!, xs[3]! - xs[2]!]).toEqual([1, 1, -1]);
  });
});
