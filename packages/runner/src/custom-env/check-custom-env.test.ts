import { describe, expect, it } from 'vitest';
import { checkCustomEnv } from './check-custom-env';
import { BROKEN_ENVS, LINE_WALK } from './fixtures/envs';

const limits = { callTimeoutMs: 100, initTimeoutMs: 1_000, wallTimeMs: 30_000 };
const failures = (r: Awaited<ReturnType<typeof checkCustomEnv>>) => r.checks.filter((c) => !c.passed);

describe('checkCustomEnv', () => {
  it('accepts a good env, listing every check passed and its spaces', async () => {
    const r = await checkCustomEnv({ source: LINE_WALK }, { limits });
    expect(failures(r)).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.checks.map((c) => c.name)).toEqual([
      'env-object',
      'observation-space',
      'action-space',
      'reset-signature',
      'reset-observation',
      'reset-options',
      'reset-seed-determinism',
      'step-signature',
      'step-observation',
      'reward-finite',
      'step-determinism',
      'render',
      'close-twice',
    ]);
    expect(r.observationSpace).toEqual({
      type: 'Box',
      shape: [2],
      dtype: 'float32',
      low: [0, 0],
      high: [10, 10],
    });
    expect(r.actionSpace).toEqual({ type: 'Discrete', n: 2, start: 0 });
  });

  it('refuses a wrong observation shape, naming expected vs found', async () => {
    const r = await checkCustomEnv({ source: BROKEN_ENVS.wrongShape }, { limits });
    expect(r.passed).toBe(false);
    const f = failures(r).find((c) => c.name === 'step-observation');
    expect(f?.message).toMatch(
      /^step 0 of the random rollout: step\(\) returned an observation Float32Array\[\d, 10, 0\] that is not in the observation space Box\(shape=\[2\], low=\[0, 0\], high=\[10, 10\]\) \(length 3, expected 2\)$/,
    );
  });

  it('refuses an env that is not deterministic under a seed', async () => {
    const r = await checkCustomEnv({ source: BROKEN_ENVS.nondeterministic }, { limits, check: { seed: 5 } });
    expect(r.passed).toBe(false);
    const f = failures(r).find((c) => c.name === 'reset-seed-determinism');
    expect(f?.message).toMatch(
      /^reset\(\{ seed: 5 \}\) is not deterministic: it returned \[[\d.]+, 10\] and then \[[\d.]+, 10\]; draw all randomness from a PRNG seeded in reset$/,
    );
  });

  it('refuses a NaN reward with the checker message', async () => {
    const r = await checkCustomEnv({ source: BROKEN_ENVS.nanReward }, { limits });
    const f = failures(r).find((c) => c.name === 'reward-finite');
    expect(f?.message).toMatch(
      /^step 0 of the random rollout: step\([01]\) returned reward NaN; rewards must be finite numbers$/,
    );
    // Repeated at every step, the fault is shown three times and then counted.
    const all = failures(r).filter((c) => c.name === 'reward-finite');
    expect(all).toHaveLength(4);
    expect(all[3]!.message).toMatch(/^… and \d+ more failure\(s\) of this check$/);
  });

  it('stops an infinite loop in step with a time_limit failure naming step, and the host lives on', async () => {
    const t0 = Date.now();
    const r = await checkCustomEnv({ source: BROKEN_ENVS.infiniteStep }, { limits });
    expect(r.passed).toBe(false);
    expect(failures(r)).toEqual([
      {
        name: 'time_limit',
        passed: false,
        message: 'step() ran longer than its time limit (100 ms per call)',
      },
    ]);
    // The checks before the first step passed and are listed.
    expect(r.checks.filter((c) => c.passed).map((c) => c.name)).toContain('reset-signature');
    expect(Date.now() - t0).toBeLessThan(20_000);
    // The host is alive and the next check runs normally.
    const ok = await checkCustomEnv({ source: LINE_WALK }, { limits });
    expect(ok.passed).toBe(true);
  });

  it('reports a module without createEnv, or one that does not compile, as the module check', async () => {
    const r = await checkCustomEnv({ source: 'export const x = 1;' });
    expect(r).toEqual({
      passed: false,
      checks: [{ name: 'module', passed: false, message: expect.stringMatching(/must export `createEnv`/) }],
    });
    const bad = await checkCustomEnv({ source: 'export function createEnv( {', filename: 'env.ts' });
    expect(bad.checks[0]?.message).toMatch(/^env\.ts does not compile:\nenv\.ts:1:/);
  });

  it('refuses an env whose top-level code exhausts the memory limit, with a memory_limit failure', async () => {
    const source =
      'const a = []; for (;;) a.push(new Array(1e5).fill(1));\nexport function createEnv() { return {}; }';
    const r = await checkCustomEnv(
      { source },
      { limits: { ...limits, isolateMemoryMb: 16, initTimeoutMs: 10_000 } },
    );
    expect(r.checks).toEqual([
      { name: 'module', passed: false, message: expect.stringMatching(/memory limit of 16 MiB/) },
    ]);
  });
});
