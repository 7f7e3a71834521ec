import { describe, expect, it } from 'vitest';
import { openChecks, RunnerError } from '../src/index';

const homework = `
// G_t = r_t + γ·(1 − d_t)·G_{t+1}
export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out = new Array(rewards.length).fill(0);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    g = rewards[t] + gamma * (1 - dones[t]) * g;
    out[t] = g;
  }
  console.log('T =', rewards.length);
  return out;
}
export function spin(): number { for (;;) {} }
export function leak(): number { const a: number[][] = []; for (;;) a.push(new Array(1e4).fill(1)); }
export function giveFunction() { return () => 1; }
export function giveHuge() { return new Float64Array(2e6); }
export function fails() { return JSON.parse('{'); }
`;

describe('checks: homework modules called case by case', () => {
  it('runs each call with its own verdict; a stuck call does not stop the next', async () => {
    const mod = await openChecks(
      { source: homework, filename: 'homework.ts' },
      { requiredExports: ['discountedReturn'], limits: { callTimeoutMs: 150, isolateMemoryMb: 32 } },
    );
    try {
      expect(mod.exports).toContain('discountedReturn');
      const results = await mod.callBatch([
        { name: 'discountedReturn', args: [[1, 1, 1], [0, 0, 1], 0.5] },
        { name: 'discountedReturn', args: [new Float32Array([1, 2]), new Float32Array([1, 0]), 0.9] },
        { name: 'spin', args: [] },
        { name: 'discountedReturn', args: [[], [], 0.9] },
        { name: 'giveFunction', args: [] },
        { name: 'giveHuge', args: [] },
        { name: 'fails', args: [] },
        { name: 'notExported', args: [] },
      ]);
      expect(results[0]).toMatchObject({ ok: true, value: [1.75, 1.5, 1] });
      expect(results[1]).toMatchObject({ ok: true, value: [1, 2] });
      expect(results[2]).toMatchObject({
        ok: false,
        failure: {
          verdict: 'time_limit',
        },
      });
      expect(results[2]!.ok ? '' : results[2]!.failure.message).toMatch(
        /^spin\(\) used \d+ ms of CPU time; the limit per call is 150 ms$/,
      );
      expect(results[3]).toMatchObject({ ok: true, value: [] });
      expect(results[4]).toMatchObject({ ok: false, failure: { verdict: 'wrong_answer' } });
      expect(results[4]!.ok ? '' : results[4]!.failure.message).toMatch(/giveFunction returned a function/);
      expect(results[5]!.ok ? '' : results[5]!.failure.message).toMatch(
        /giveHuge returned more than 1000000 values/,
      );
      expect(results[6]).toMatchObject({ ok: false, failure: { verdict: 'runtime_error' } });
      expect(results[6]!.ok ? '' : results[6]!.failure.message).toMatch(/in fails\(\): SyntaxError/);
      expect(results[7]!.ok ? '' : results[7]!.failure.message).toMatch(/export notExported is undefined/);
      expect(mod.consoleOutput()).toBe('T = 3\nT = 2\nT = 0\n');
      // Memory exhaustion ends the module: the rest of the batch is not run.
      const after = await mod.callBatch([
        { name: 'leak', args: [] },
        { name: 'discountedReturn', args: [[1], [0], 0.9] },
      ]);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ ok: false, failure: { verdict: 'memory_limit' } });
    } finally {
      await mod.close();
    }
  });

  it('refuses a module without the homework’s functions, before running it', async () => {
    const e = await openChecks(
      { source: 'export function computeGae() {}' },
      { requiredExports: ['computeGae', 'ppoClipLoss'] },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunnerError);
    expect((e as RunnerError).verdict).toBe('invalid_artifact');
    expect((e as RunnerError).message).toMatch(/must export `ppoClipLoss`/);
  });
});
